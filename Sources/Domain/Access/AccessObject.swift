import Foundation

/// The facts about an object that access decisions need, without any storage
/// types: controllers load them and ask.
public enum AccessObject: Sendable {
    /// No particular object: "may this actor do this kind of thing at all?"
    case system
    case account(AccountFacts)
    case organization(OrganizationFacts)
    /// Someone's ID number or mobile number.
    case personalData(ownerUserID: UUID)
    case application(ApplicationFacts)
    /// One applicant as seen from a defense panel or a committee meeting (recusal).
    case committeeSeat(CommitteeSeatFacts)
}

/// What access to a declaration depends on: whose it is, where it stands and
/// which unit it belongs to.
public struct ApplicationFacts: Sendable {
    public let id: UUID
    public let applicantID: UUID
    public let unitID: UUID
    public let state: ApplicationState
    /// The route fixed at submission (empty before), its county, and how far along it
    /// the application has come: a reviewing body sees it once it has reached them.
    public let route: [RouteStep]
    public let routeCounty: String?
    public let reachedStep: Int
    public let competentDepartmentID: UUID?
    public let personnelAgencyID: UUID?

    public init(id: UUID, applicantID: UUID, unitID: UUID, state: ApplicationState, route: [RouteStep] = [],
                routeCounty: String? = nil, reachedStep: Int = 0, competentDepartmentID: UUID? = nil,
                personnelAgencyID: UUID? = nil) {
        self.id = id
        self.applicantID = applicantID
        self.unitID = unitID
        self.state = state
        self.route = route
        self.routeCounty = routeCounty
        self.reachedStep = reachedStep
        self.competentDepartmentID = competentDepartmentID
        self.personnelAgencyID = personnelAgencyID
    }
}

public struct AccountFacts: Sendable {
    public let id: UUID
    public let role: Role
    public let organizationID: UUID
    /// The competent department of the account's organization, when it has one.
    public let competentDepartmentID: UUID?

    public init(id: UUID, role: Role, organizationID: UUID, competentDepartmentID: UUID?) {
        self.id = id
        self.role = role
        self.organizationID = organizationID
        self.competentDepartmentID = competentDepartmentID
    }
}

public struct OrganizationFacts: Sendable {
    public let id: UUID
    public let kind: OrganizationKind
    public let competentDepartmentID: UUID?

    public init(id: UUID, kind: OrganizationKind, competentDepartmentID: UUID?) {
        self.id = id
        self.kind = kind
        self.competentDepartmentID = competentDepartmentID
    }
}

/// Who sits in judgement of one applicant (a panel or a meeting) and who must stay
/// away from them: the experts with a conflict (回避) never see the applicant.
public struct CommitteeSeatFacts: Sendable {
    public let applicationID: UUID
    /// Accounts of the experts seated on the panel or at the meeting.
    public let seatedUserIDs: Set<UUID>
    /// Accounts of the experts with a conflict of any source with this applicant.
    public let conflictedUserIDs: Set<UUID>

    public init(applicationID: UUID, seatedUserIDs: Set<UUID>, conflictedUserIDs: Set<UUID>) {
        self.applicationID = applicationID
        self.seatedUserIDs = seatedUserIDs
        self.conflictedUserIDs = conflictedUserIDs
    }
}
