/// The one place that answers "may this actor do this to that?". Middleware asks
/// with `.system` before a route runs; controllers ask again with the object.
public enum AccessPolicy {
    public enum Decision: Equatable, Sendable {
        case allow
        case deny(String)

        public var isAllowed: Bool { self == .allow }
    }

    /// Roles that may perform an action at all (the route-level rule).
    public static func roles(for action: Action) -> Set<Role> {
        switch action {
        case .viewOwnHome, .changeOwnPassword, .viewNotifications:
            Set(Role.allCases)
        case .manageOrganizations, .manageAccounts, .viewAuditLog:
            [.systemAdministrator]
        case .manageUnitClerks:
            [.competentDepartment]
        case .viewOrganizationDirectory:
            [.systemAdministrator, .committeeOffice, .cityHR, .countyBureau, .competentDepartment]
        case .declare, .editApplication:
            [.applicant]
        case .viewApplication:
            // Route level: who may look at declarations at all; the object rule
            // narrows it to one's own, one's unit's, or submitted ones.
            Set([.applicant, .unitClerk, .committeeOffice]).union(reviewingRoles)
        case .listApplications:
            Set([.unitClerk, .committeeOffice]).union(reviewingRoles)
        case .evaluateApplication:
            [.unitClerk]
        case .reviewApplication:
            Set([.unitClerk, .committeeOffice]).union(reviewingRoles)
        case .approveInBatch:
            reviewingRoles
        case .reopenDeclarations:
            [.committeeOffice]
        case .manageCommittee:
            [.committeeOffice]
        case .confirmResults:
            [.cityHR]
        case .scoreDefense, .castBallot:
            [.expert]
        case .viewSummaryTable:
            Set([.unitClerk, .committeeOffice]).union(reviewingRoles)
        case .manageIntake, .manageFees, .checkSimilarity, .manageCalendar, .managePolicies:
            [.committeeOffice]
        case .flagIntegrity:
            Set([.unitClerk, .committeeOffice, .expert]).union(reviewingRoles)
        case .bookIntake:
            Set([.unitClerk]).union(reviewingRoles)
        case .viewPersonalData:
            // The person themself is allowed by the object rule below; of the
            // others only the committee office, which checks identities at
            // intake, sees the full numbers.
            [.committeeOffice]
        }
    }

    /// Why a pair the policy does not list is refused.
    public static let unlistedPairReason = "系统未规定此操作的权限，已拒绝"

    /// The bodies between the employer and the committee office (逐级审核).
    public static let reviewingRoles: Set<Role> = [.personnelAgency, .countyHR, .countyBureau, .competentDepartment, .cityHR]

    public static func decide(_ actor: AccessActor?, _ action: Action, _ object: AccessObject = .system) -> Decision {
        guard let actor else { return .deny("请先登录") }
        switch (action, object) {
        case (.viewPersonalData, .personalData(let owner)) where owner == actor.userID:
            return .allow
        default:
            break
        }
        guard roles(for: action).contains(actor.role) else {
            return .deny("您的角色（\(actor.role.label)）无权进行此操作")
        }
        // Deny by default (issue 8, item 3): every (action, object) pair the system
        // asks about is listed here; a pair nobody listed is refused, so a new call
        // site cannot be allowed by accident.
        switch (action, object) {
        case (_, .system):
            // The route-level question: the role rule above is the whole answer.
            return .allow
        case (.manageAccounts, .account), (.manageOrganizations, .organization):
            // The system administrator manages every account and organization.
            return .allow
        case (.viewPersonalData, .personalData):
            // Not the owner (allowed first): the committee office, by the role rule.
            return .allow
        case (.manageUnitClerks, .account(let account)):
            guard account.role == .unitClerk, account.competentDepartmentID == actor.organizationID else {
                return .deny("只能管理本部门所属单位的经办人账号")
            }
        case (.editApplication, .application(let app)):
            guard app.applicantID == actor.userID else { return .deny("只能修改本人的申报") }
            guard app.state.isEditable else { return .deny("申报已提交，不能修改；如需修改请先撤回") }
        case (.declare, .application(let app)):
            guard app.applicantID == actor.userID else { return .deny("只能操作本人的申报") }
        case (.viewApplication, .application(let app)):
            switch actor.role {
            case .applicant:
                guard app.applicantID == actor.userID else { return .deny("只能查看本人的申报") }
            case .unitClerk:
                // Drafts stay private to the applicant until submitted to the unit.
                guard app.unitID == actor.organizationID, app.state != .draft else {
                    return .deny("只能查看本单位已提交的申报")
                }
            case .committeeOffice:
                guard app.state != .draft else { return .deny("申报尚未提交") }
            case let role where reviewingRoles.contains(role):
                guard ReviewParty.hasReached(actor, app) else { return .deny("该申报尚未报送到您所在的机构") }
            default:
                return .deny("您的角色无权查看申报材料")
            }
        case (.evaluateApplication, .application(let app)):
            guard app.unitID == actor.organizationID else { return .deny("只能办理本单位的申报") }
            guard app.state == .submitted || app.state == .unitReview else {
                return .deny("该申报当前（\(app.state.label)）不在单位评议推荐阶段")
            }
        case (.reviewApplication, .application(let app)):
            guard ReviewParty.actsNow(actor, for: app) else { return .deny("该申报当前不由您所在的机构办理") }
        case (.scoreDefense, .committeeSeat(let seat)), (.castBallot, .committeeSeat(let seat)):
            // Recusal first: a conflicted expert is refused even when seated.
            guard !seat.conflictedUserIDs.contains(actor.userID) else { return .deny("您与该申报人存在应回避的关系，不能查看或评审") }
            guard seat.seatedUserIDs.contains(actor.userID) else { return .deny("您不是该申报人所在评审组或评审会议的成员") }
        case (.manageUnitClerks, .organization(let org)):
            guard org.kind == .unit, org.competentDepartmentID == actor.organizationID else {
                return .deny("只能为本部门所属单位创建经办人账号")
            }
        default:
            return .deny(unlistedPairReason)
        }
        return .allow
    }
}
