/// The typed transitions: who may fire each, from which states, and what it
/// records. The target of `recommend` and `approve` is the next step of the
/// application's route, so it is computed by `Workflow`, not declared here.
public enum ApplicationTransition: String, CaseIterable, Sendable, Codable {
    /// 提交: the applicant submits the signed declaration to the employer (again after a return).
    case submit
    /// 撤回: the applicant takes it back before the employer acts.
    case withdraw
    /// 单位受理: the employer takes the application up for evaluation.
    case unitAccept = "unit_accept"
    /// 推荐上报: evaluation, three publicities and appraisal done; on to the first reviewing body.
    case recommend
    /// 审核通过 / 备案: a reviewing body passes it on to the next step.
    case approve
    /// 退回修改: sent back to the applicant with reasons; the history keeps both versions.
    case returnForCorrection = "return"
    /// 不予推荐 / 审核不通过, with a reason.
    case reject
    /// 收审受理: the committee office accepts it at intake (十（三）).
    case acceptAtIntake = "accept_at_intake"
    /// 取消评审资格: false materials confirmed (十（二）).
    case cancelForIntegrity = "cancel_for_integrity"

    public var label: String {
        switch self {
        case .submit: "提交单位"
        case .withdraw: "撤回申报"
        case .unitAccept: "单位受理"
        case .recommend: "推荐上报"
        case .approve: "审核通过"
        case .returnForCorrection: "退回修改"
        case .reject: "不予通过"
        case .acceptAtIntake: "收审受理"
        case .cancelForIntegrity: "取消评审资格"
        }
    }

    /// The states it may fire from.
    public var from: Set<ApplicationState> {
        switch self {
        case .submit: [.draft, .returned]
        case .withdraw: [.submitted]
        case .unitAccept: [.submitted]
        case .recommend: [.unitReview]
        case .approve: Set(ApplicationState.levelReviewStates)
        case .returnForCorrection: Set([.unitReview, .intake] + ApplicationState.levelReviewStates)
        case .reject: Set([.unitReview] + ApplicationState.levelReviewStates)
        case .acceptAtIntake: [.intake]
        case .cancelForIntegrity:
            Set(ApplicationState.allCases.filter { !$0.isFinal && $0 != .draft })
        }
    }

    /// Who may fire it at all; `Workflow` also asks that the actor be the party of
    /// the application's current step (their unit, their county, their department).
    public var roles: Set<Role> {
        switch self {
        case .submit, .withdraw: [.applicant]
        case .unitAccept, .recommend: [.unitClerk]
        case .approve: [.personnelAgency, .countyHR, .countyBureau, .competentDepartment, .cityHR]
        case .returnForCorrection, .reject:
            [.unitClerk, .personnelAgency, .countyHR, .countyBureau, .competentDepartment, .cityHR, .committeeOffice]
        case .acceptAtIntake, .cancelForIntegrity: [.committeeOffice]
        }
    }

    /// Returning, rejecting and cancelling must say why.
    public var needsReason: Bool { self == .returnForCorrection || self == .reject || self == .cancelForIntegrity }

    /// The audit action name of this transition.
    public var auditAction: String { "application.\(rawValue)" }
}
