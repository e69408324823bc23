/// The review committees (评审委员会) as data. The notice names two (四（三）: 各县、区
/// 申报中级的 … 报送中级评委会；市直单位申报初级的 … 报初级评委会): engineers go before
/// the 中级评委会 after their defense, assistant engineers and technicians before the
/// 初级评委会 on their materials and quantitative scores (九: only 工程师评审实行答辩评价).
public enum CommitteeTier: String, CaseIterable, Sendable, Codable {
    /// 中级评委会: engineers (工程师).
    case intermediate
    /// 初级评委会: assistant engineers and technicians (助理工程师、技术员).
    case junior

    public var label: String {
        switch self {
        case .intermediate: "中级评委会"
        case .junior: "初级评委会"
        }
    }

    /// The committee that decides a level.
    public static func of(_ level: TargetLevel) -> CommitteeTier {
        level == .engineer ? .intermediate : .junior
    }

    /// The levels this committee decides.
    public var levels: [TargetLevel] {
        switch self {
        case .intermediate: [.engineer]
        case .junior: [.assistantEngineer, .technician]
        }
    }

    /// Whether the level defends before the vote (九: 工程师评审实行答辩评价、量化赋分相结合).
    public static func defends(_ level: TargetLevel) -> Bool { level == .engineer }
}

/// A member's office on a committee (《职称评审管理暂行规定》: 根据工作需要设主任委员和副主任委员).
public enum CommitteeRole: String, CaseIterable, Sendable, Codable {
    case chair
    case viceChair = "vice_chair"
    case member

    public var label: String {
        switch self {
        case .chair: "主任委员"
        case .viceChair: "副主任委员"
        case .member: "委员"
        }
    }

    /// 评审会议由主任委员或者副主任委员主持 (the same regulation): one of them must be present.
    public var presides: Bool { self != .member }
}

/// The year's rules for committees and their meetings, from the bundle: the minimum
/// size, the quorum and the pass share (the national regulation's defaults, kept in the
/// bundle so a province's stricter rule is a data change), and the members' term.
public struct CommitteeRules: Sendable, Hashable {
    public let minimumMembers: Int
    public let quorum: CommitteeVote.Share
    public let passShare: CommitteeVote.Share
    public let memberTermYears: Int

    public init(minimumMembers: Int, quorum: CommitteeVote.Share, passShare: CommitteeVote.Share, memberTermYears: Int) {
        self.minimumMembers = minimumMembers; self.quorum = quorum; self.passShare = passShare
        self.memberTermYears = memberTermYears
    }

    /// The national defaults, used where a bundle predates these parameters.
    public static let national = CommitteeRules(minimumMembers: 7, quorum: CommitteeVote.quorum,
                                                passShare: CommitteeVote.passShare, memberTermYears: 3)

    public static let parameterNames = ["committeeMinimumMembers", "committeeQuorum", "committeePassShare",
                                        "committeeMemberTermYears"]

    /// Reads `committeeMinimumMembers`, `committeeQuorum` ([2, 3]), `committeePassShare`
    /// ([2, 3]) and `committeeMemberTermYears`.
    public init(policy: Policy) throws(PolicyError) {
        func integer(_ id: String) throws(PolicyError) -> Int {
            guard case .integer(let n) = try ScoringParameter.value(id, in: policy), n > 0 else {
                throw ScoringParameter.error(id, in: policy, "expected a whole number above 0")
            }
            return n
        }
        func share(_ id: String) throws(PolicyError) -> CommitteeVote.Share {
            if case .list(let items) = try ScoringParameter.value(id, in: policy), items.count == 2,
               case .integer(let n) = items[0], case .integer(let d) = items[1], n > 0, d > 0, n <= d {
                return CommitteeVote.Share(numerator: n, denominator: d)
            }
            throw ScoringParameter.error(id, in: policy, "expected a fraction [numerator, denominator], e.g. [2, 3]")
        }
        self.init(minimumMembers: try integer("committeeMinimumMembers"), quorum: try share("committeeQuorum"),
                  passShare: try share("committeePassShare"), memberTermYears: try integer("committeeMemberTermYears"))
    }

    /// What is wrong with a committee's membership, in Chinese (empty when it may sit):
    /// an odd number of members (《职称评审管理暂行规定》: 组成人员应当是单数), at least the minimum, one chair.
    public func problems(roles: [CommitteeRole]) -> [String] {
        var out: [String] = []
        if roles.count < minimumMembers { out.append("评委会成员不少于\(minimumMembers)人（当前\(roles.count)人）") }
        if roles.count % 2 == 0 { out.append("评委会组成人员应当是单数（当前\(roles.count)人）") }
        let chairs = roles.filter { $0 == .chair }.count
        if chairs != 1 { out.append("评委会须设主任委员一名（当前\(chairs)名）") }
        return out
    }
}

/// One applicant's ballot at a meeting, with recusal: a member present who must step
/// aside for this applicant (回避) neither votes nor counts in the denominator.
public struct BallotCount: Sendable, Hashable {
    /// Members of the committee.
    public let members: Int
    /// Members present when voting started (attendance is fixed then).
    public let present: Int
    /// Of those present, the members recused from this applicant.
    public let recused: Int
    public let agree: Int
    public let disagree: Int
    public let abstain: Int

    public init(members: Int, present: Int, recused: Int, agree: Int, disagree: Int, abstain: Int) {
        self.members = members; self.present = present; self.recused = recused
        self.agree = agree; self.disagree = disagree; self.abstain = abstain
    }

    /// The members who may vote on this applicant: present and not recused.
    public var voters: Int { max(present - recused, 0) }
}
