/// The decision on a 复查 request, a complaint or an objection to the result (人社部
/// 《职称评审管理暂行规定》: 申请人对评审结果有异议的可申请复查、进行投诉). It has an
/// outcome the record follows; a re-review says what is re-done, and only that moves the
/// application back (`ApplicationTransition.reexamine`).
public enum ReexaminationOutcome: String, CaseIterable, Sendable, Codable {
    /// 维持原评审结果: the case was examined and the result stands.
    case upheld
    /// 重新评审: the case is well founded; part of the review is done again.
    case rereview
    /// 不予受理（驳回）: outside the rules (late, no standing, nothing new).
    case dismissed

    public var label: String {
        switch self {
        case .upheld: "维持原评审结果"
        case .rereview: "重新评审"
        case .dismissed: "不予受理（驳回）"
        }
    }
}

/// What a re-review does again.
public enum ReexaminationRedo: String, CaseIterable, Sendable, Codable {
    /// 重新答辩: an engineer defends again before a new panel (the closed panel and its
    /// scores stay as they were), then the committee votes again.
    case defense
    /// 重新表决: the committee votes again on the existing scores.
    case vote

    public var label: String {
        switch self {
        case .defense: "重新答辩并重新表决"
        case .vote: "评委会重新评议表决"
        }
    }

    /// The redo options for a level: juniors never defend (九).
    public static func options(for level: TargetLevel) -> [ReexaminationRedo] {
        CommitteeTier.defends(level) ? [.defense, .vote] : [.vote]
    }

    /// The state the application goes back to.
    public func target(for level: TargetLevel) -> ApplicationState? {
        switch self {
        case .defense: CommitteeTier.defends(level) ? .accepted : nil
        case .vote: CommitteeTier.defends(level) ? .defended : .awaitingVote
        }
    }
}
