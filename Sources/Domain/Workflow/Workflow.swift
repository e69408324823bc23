import Foundation

/// What must hold for a transition, gathered by the caller from storage.
public struct TransitionFacts: Sendable {
    public var actorRole: Role
    public var actorIsApplicant: Bool
    /// The actor is the party of the application's current route step (`ReviewParty`).
    public var actorIsParty: Bool
    /// 申报人承诺 signed (submit).
    public var commitmentSigned: Bool
    /// Required checklist items still missing (submit), in Chinese.
    public var missing: [String]
    /// An integrity record (诚信档案) in force, with its end date, blocks submission.
    public var integrityRecordUntil: LocalDate?
    /// The application's route (fixed at submission).
    public var route: [RouteStep]
    /// What the employer has still to do before recommending (`UnitEvaluation.missing`).
    public var unitEvaluationMissing: [String]
    /// What intake has still to check before accepting (originals, copies, completeness).
    public var intakeMissing: [String]
    /// The reason given for returning, rejecting or cancelling.
    public var reason: String
    /// Committee stage: the panel graded the applicant 差 (true) or 优/中 (false).
    public var defenseEliminated: Bool?
    /// Committee stage: the vote passed (true) or not (false).
    public var votePassed: Bool?
    /// Committee stage: the actor is the office or the lead of the applicant's panel.
    public var committeeActor: Bool = false
    /// Committee stage: the application's level defends (engineers) or not (juniors, 九).
    public var levelDefends: Bool?
    /// Committee stage: a quantitative score is recorded (referral to the 初级评委会).
    public var quantitativeScored: Bool = false
    /// 复查: the state the recorded decision sends the application back to.
    public var reexamineTo: ApplicationState?

    public init(actorRole: Role, actorIsApplicant: Bool, actorIsParty: Bool = false, commitmentSigned: Bool = false,
                missing: [String] = [], integrityRecordUntil: LocalDate? = nil, route: [RouteStep] = [],
                unitEvaluationMissing: [String] = [], intakeMissing: [String] = [], reason: String = "") {
        self.actorRole = actorRole
        self.actorIsApplicant = actorIsApplicant
        self.actorIsParty = actorIsParty
        self.commitmentSigned = commitmentSigned
        self.missing = missing
        self.integrityRecordUntil = integrityRecordUntil
        self.route = route
        self.unitEvaluationMissing = unitEvaluationMissing
        self.intakeMissing = intakeMissing
        self.reason = reason
    }
}

/// Why a transition was refused, each with a Chinese explanation.
public enum TransitionRefusal: Error, Equatable, Sendable {
    case wrongState(ApplicationState)
    case notAllowed
    case notParty
    case commitmentMissing
    case incomplete([String])
    case integrityRecord(until: LocalDate)
    case evaluationIncomplete([String])
    case intakeIncomplete([String])
    case reasonMissing
    case routeBroken
    case outcomeMissing
    case defenseRequired
    case noDefenseForLevel
    case quantitativeMissing

    public var message: String {
        switch self {
        case .wrongState(let state): "当前状态（\(state.label)）不能进行此操作；可能已由他人处理，请刷新页面查看"
        case .notAllowed: "您的角色无权进行此操作"
        case .notParty: "该申报当前不由您所在的机构办理"
        case .commitmentMissing: "请先阅读并签署申报人承诺"
        case .incomplete(let missing): "以下必备内容尚未完成：" + missing.joined(separator: "；")
        case .integrityRecord(let until):
            "您有记入职称评审诚信档案的记录，\(until.chinese)前不得申报（长工信〔2022〕139号 十（二））"
        case .evaluationIncomplete(let missing): "推荐前还须完成：" + missing.joined(separator: "；")
        case .intakeIncomplete(let missing): "受理前还须完成：" + missing.joined(separator: "；")
        case .reasonMissing: "请填写理由（退回、不予通过和取消资格都须说明理由）"
        case .routeBroken: "申报的报送路线缺失，请联系评委会办公室"
        case .outcomeMissing: "尚无答辩等次或表决结果，不能进行此操作"
        case .defenseRequired: "工程师须经答辩评价后方可提交评委会表决（长工信〔2022〕139号 九）"
        case .noDefenseForLevel: "助理工程师、技术员不参加答辩，由初级评委会依据材料和量化赋分评议表决（长工信〔2022〕139号 九）"
        case .quantitativeMissing: "尚未量化赋分，不能提交评委会评议（长工信〔2022〕139号 九）"
        }
    }
}

/// The application's state machine: the only place that decides a state change.
public enum Workflow {
    public static func fire(_ transition: ApplicationTransition, from state: ApplicationState,
                            facts: TransitionFacts) -> Result<ApplicationState, TransitionRefusal> {
        guard transition.from.contains(state) else { return .failure(.wrongState(state)) }
        guard transition.roles.contains(facts.actorRole) else { return .failure(.notAllowed) }
        switch transition {
        case .submit, .withdraw:
            guard facts.actorIsApplicant else { return .failure(.notAllowed) }
        case let t where t.isCommitteeStage:
            guard facts.committeeActor else { return .failure(.notParty) }
        case .cancelForIntegrity:
            // The office acts on false materials wherever the application is (十（二））.
            guard facts.actorIsParty || facts.committeeActor else { return .failure(.notParty) }
        default:
            guard facts.actorIsParty else { return .failure(.notParty) }
        }
        if transition.needsReason && facts.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return .failure(.reasonMissing)
        }
        switch transition {
        case .submit:
            if let until = facts.integrityRecordUntil { return .failure(.integrityRecord(until: until)) }
            if !facts.commitmentSigned { return .failure(.commitmentMissing) }
            if !facts.missing.isEmpty { return .failure(.incomplete(facts.missing)) }
            return .success(.submitted)
        case .withdraw: return .success(.draft)
        case .unitAccept: return .success(.unitReview)
        case .recommend, .approve:
            if transition == .recommend, !facts.unitEvaluationMissing.isEmpty {
                return .failure(.evaluationIncomplete(facts.unitEvaluationMissing))
            }
            guard let current = state.step, let next = nextStep(after: current, on: facts.route) else {
                return .failure(.routeBroken)
            }
            return .success(.awaiting(next))
        case .returnForCorrection: return .success(.returned)
        case .reject: return .success(.rejected)
        case .acceptAtIntake:
            if !facts.intakeMissing.isEmpty { return .failure(.intakeIncomplete(facts.intakeMissing)) }
            return .success(.accepted)
        case .cancelForIntegrity: return .success(.cancelled)
        case .scheduleDefense:
            if facts.levelDefends == false { return .failure(.noDefenseForLevel) }
            return .success(.scheduled)
        case .referToCommittee:
            guard let defends = facts.levelDefends else { return .failure(.outcomeMissing) }
            if defends { return .failure(.defenseRequired) }
            if !facts.quantitativeScored { return .failure(.quantitativeMissing) }
            return .success(.awaitingVote)
        case .reexamine:
            // A decision sends an engineer back to be scheduled before a new panel (the closed
            // panel and its scores stay as they were) or to the vote; a junior to the vote.
            guard let to = facts.reexamineTo, let defends = facts.levelDefends else { return .failure(.outcomeMissing) }
            let allowed: Set<ApplicationState> = defends ? [.accepted, .defended] : [.awaitingVote]
            guard allowed.contains(to) else { return .failure(defends ? .outcomeMissing : .noDefenseForLevel) }
            return .success(to)
        case .concludeDefense:
            guard let eliminated = facts.defenseEliminated else { return .failure(.outcomeMissing) }
            return .success(eliminated ? .eliminated : .defended)
        case .reopenDefense: return .success(.scheduled)
        case .recordVote:
            guard let passed = facts.votePassed else { return .failure(.outcomeMissing) }
            return .success(passed ? .passed : .failed)
        case .certify: return .success(.certified)
        }
    }

    /// The step after `step` on the route; nil when the step is not on it or is the last.
    public static func nextStep(after step: RouteStep, on route: [RouteStep]) -> RouteStep? {
        guard let i = route.firstIndex(of: step), i + 1 < route.count else { return nil }
        return route[i + 1]
    }

    /// The transitions the actor could try from a state (for buttons).
    public static func available(from state: ApplicationState, role: Role) -> [ApplicationTransition] {
        ApplicationTransition.allCases.filter { $0.from.contains(state) && $0.roles.contains(role) }
    }
}
