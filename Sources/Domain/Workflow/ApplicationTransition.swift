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
    /// 安排答辩: assigned to a defense panel, room and time (九).
    case scheduleDefense = "schedule_defense"
    /// 答辩结束: the panel closed; 优/中 go on to the vote, 差 is eliminated (九).
    case concludeDefense = "conclude_defense"
    /// 重新开启评审组: the office reopens a closed panel with a recorded reason.
    case reopenDefense = "reopen_defense"
    /// 提交评委会评议: the office refers a scored assistant engineer or technician to the
    /// 初级评委会 (九: juniors are reviewed on materials and quantitative scores, no defense).
    case referToCommittee = "refer_to_committee"
    /// 表决: the committee's secret ballot decided (two thirds of those present and not recused).
    case recordVote = "record_vote"
    /// 复查重新评审: a recorded 复查/投诉 decision sends a decided result back to be
    /// re-done (the defense, or the vote); the decision names which.
    case reexamine
    /// 发证: after the result's publicity, the certificate is issued.
    case certify

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
        case .scheduleDefense: "安排答辩"
        case .concludeDefense: "答辩结束"
        case .reopenDefense: "重新开启评审组"
        case .referToCommittee: "提交评委会评议"
        case .recordVote: "评委会表决"
        case .reexamine: "复查重新评审"
        case .certify: "发放证书"
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
            // False materials found at any stage (十（二）): every committee state too, even
            // after certification (the certificate is then revoked).
            Set(ApplicationState.allCases.filter { !$0.isFinal && $0 != .draft }).union(ApplicationState.committeeStates)
        case .scheduleDefense: [.accepted]
        case .concludeDefense: [.scheduled]
        case .reopenDefense: [.defended, .eliminated]
        case .referToCommittee: [.accepted]
        case .recordVote: Set(ApplicationState.votingStates)
        case .reexamine: [.passed, .failed, .eliminated]
        case .certify: [.passed]
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
        // The panel lead closes the panel, which concludes its applicants' defenses.
        case .concludeDefense: [.committeeOffice, .expert]
        case .scheduleDefense, .reopenDefense, .referToCommittee, .recordVote, .reexamine, .certify: [.committeeOffice]
        }
    }

    /// Returning, rejecting and cancelling must say why.
    public var needsReason: Bool {
        self == .returnForCorrection || self == .reject || self == .cancelForIntegrity || self == .reopenDefense
            || self == .reexamine
    }

    /// The committee stage's transitions: the caller establishes the actor's standing
    /// (the office, or the lead of the applicant's panel) in `TransitionFacts.committeeActor`.
    public var isCommitteeStage: Bool {
        [.scheduleDefense, .concludeDefense, .reopenDefense, .referToCommittee, .recordVote, .reexamine, .certify].contains(self)
    }

    /// The audit action name of this transition.
    public var auditAction: String { "application.\(rawValue)" }
}
