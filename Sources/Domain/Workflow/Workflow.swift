/// What must hold for a transition, gathered by the caller from storage.
public struct TransitionFacts: Sendable {
    public var actorRole: Role
    public var actorIsApplicant: Bool
    /// 申报人承诺 signed (submit).
    public var commitmentSigned: Bool
    /// Required checklist items still missing (submit), in Chinese.
    public var missing: [String]
    /// An integrity record (诚信档案) in force, with its end date, blocks submission.
    public var integrityRecordUntil: LocalDate?

    public init(actorRole: Role, actorIsApplicant: Bool, commitmentSigned: Bool = false, missing: [String] = [],
                integrityRecordUntil: LocalDate? = nil) {
        self.actorRole = actorRole
        self.actorIsApplicant = actorIsApplicant
        self.commitmentSigned = commitmentSigned
        self.missing = missing
        self.integrityRecordUntil = integrityRecordUntil
    }
}

/// Why a transition was refused, each with a Chinese explanation.
public enum TransitionRefusal: Error, Equatable, Sendable {
    case wrongState(ApplicationState)
    case notAllowed
    case commitmentMissing
    case incomplete([String])
    case integrityRecord(until: LocalDate)

    public var message: String {
        switch self {
        case .wrongState(let state): "当前状态（\(state.label)）不能进行此操作"
        case .notAllowed: "只有申报人本人可以进行此操作"
        case .commitmentMissing: "请先阅读并签署申报人承诺"
        case .incomplete(let missing): "以下必备内容尚未完成：" + missing.joined(separator: "；")
        case .integrityRecord(let until):
            "您有记入职称评审诚信档案的记录，\(until.chinese)前不得申报（长工信〔2022〕139号 十（二））"
        }
    }
}

/// The application's state machine: the only place that decides a state change.
public enum Workflow {
    public static func fire(_ transition: ApplicationTransition, from state: ApplicationState,
                            facts: TransitionFacts) -> Result<ApplicationState, TransitionRefusal> {
        guard state == transition.from else { return .failure(.wrongState(state)) }
        guard transition.roles.contains(facts.actorRole), facts.actorIsApplicant else { return .failure(.notAllowed) }
        if transition == .submit {
            if let until = facts.integrityRecordUntil { return .failure(.integrityRecord(until: until)) }
            if !facts.commitmentSigned { return .failure(.commitmentMissing) }
            if !facts.missing.isEmpty { return .failure(.incomplete(facts.missing)) }
        }
        return .success(transition.to)
    }

    /// The transitions the actor could try from a state (for buttons).
    public static func available(from state: ApplicationState, role: Role) -> [ApplicationTransition] {
        ApplicationTransition.allCases.filter { $0.from == state && $0.roles.contains(role) }
    }
}
