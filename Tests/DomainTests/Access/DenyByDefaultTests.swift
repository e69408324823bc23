import Foundation
import Testing
@testable import Domain

/// Issue 8, item 3 (deny by default): an (action, object) pair the access policy
/// does not list is refused, even for a role the action is open to. The list here
/// is the specification; a new pair must be added to the policy and to this list.
@Suite struct DenyByDefaultTests {
    enum Kind: String, CaseIterable { case system, account, organization, personalData, application, committeeSeat }

    /// The pairs the policy answers on their merits.
    static let listed: Set<String> = [
        "manageAccounts/account", "manageOrganizations/organization", "viewPersonalData/personalData",
        "manageUnitClerks/account", "manageUnitClerks/organization",
        "editApplication/application", "declare/application", "viewApplication/application",
        "evaluateApplication/application", "reviewApplication/application",
        "scoreDefense/committeeSeat", "castBallot/committeeSeat",
    ]

    static func object(_ kind: Kind, for actor: AccessActor) -> AccessObject {
        switch kind {
        case .system: .system
        case .account: .account(AccountFacts(id: UUID(), role: .unitClerk, organizationID: UUID(), competentDepartmentID: actor.organizationID))
        case .organization: .organization(OrganizationFacts(id: UUID(), kind: .unit, competentDepartmentID: actor.organizationID))
        case .personalData: .personalData(ownerUserID: UUID())
        case .application: .application(ApplicationFacts(id: UUID(), applicantID: actor.userID, unitID: actor.organizationID, state: .submitted))
        case .committeeSeat: .committeeSeat(CommitteeSeatFacts(applicationID: UUID(), seatedUserIDs: [actor.userID], conflictedUserIDs: []))
        }
    }

    @Test func unlistedPairsAreRefusedForEveryRoleTheActionIsOpenTo() {
        var refused = 0
        for action in Action.allCases {
            for role in AccessPolicy.roles(for: action) {
                let actor = AccessActor(userID: UUID(), role: role, organizationID: UUID())
                for kind in Kind.allCases where kind != .system && !Self.listed.contains("\(action.rawValue)/\(kind.rawValue)") {
                    #expect(AccessPolicy.decide(actor, action, Self.object(kind, for: actor)) == .deny(AccessPolicy.unlistedPairReason),
                            "\(role) \(action) on \(kind)")
                    refused += 1
                }
            }
        }
        // The sweep really ran over many unlisted pairs (not an empty loop).
        #expect(refused > 100)
    }

    @Test func listedPairsAndRouteLevelQuestionsAreAnsweredOnTheirMerits() {
        for action in Action.allCases {
            for role in AccessPolicy.roles(for: action) {
                let actor = AccessActor(userID: UUID(), role: role, organizationID: UUID())
                #expect(AccessPolicy.decide(actor, action, .system) == .allow, "\(role) \(action)")
                for kind in Kind.allCases where Self.listed.contains("\(action.rawValue)/\(kind.rawValue)") {
                    #expect(AccessPolicy.decide(actor, action, Self.object(kind, for: actor)) != .deny(AccessPolicy.unlistedPairReason),
                            "\(role) \(action) on \(kind)")
                }
            }
        }
    }

    @Test func examplesOfUnlistedPairs() {
        let office = AccessActor(userID: UUID(), role: .committeeOffice, organizationID: UUID())
        let app = ApplicationFacts(id: UUID(), applicantID: UUID(), unitID: UUID(), state: .intake)
        // Fees and intake are route-level actions; asked about one application the policy has no rule, so: no.
        #expect(!AccessPolicy.decide(office, .manageFees, .application(app)).isAllowed)
        #expect(!AccessPolicy.decide(office, .manageIntake, .application(app)).isAllowed)
        let admin = AccessActor(userID: UUID(), role: .systemAdministrator, organizationID: UUID())
        #expect(!AccessPolicy.decide(admin, .viewAuditLog, .application(app)).isAllowed)
    }
}
