/// The committee's vote (national rule, 人社部《职称评审管理暂行规定》, 2019; the
/// scoring contract): a meeting needs at least two thirds of the committee's members
/// present; an applicant passes when the members voting "agree" are at least two
/// thirds of the members present (exactly two thirds passes). Abstentions, and
/// members present who cast no ballot, count as not agreeing.
///
/// The two thirds here are the national regulation's defaults; the year's bundle
/// carries them too (`committeeQuorum`, `committeePassShare`, read by `CommitteeRules`),
/// so a stricter provincial rule is a data change, never a release.
public enum CommitteeVote {
    /// A share as an exact fraction.
    public struct Share: Sendable, Hashable, CustomStringConvertible {
        public let numerator: Int
        public let denominator: Int
        /// `2/3`.
        public var description: String { "\(numerator)/\(denominator)" }
        /// Whether `part` is at least this share of `whole`, in integers: part × d ≥ whole × n.
        public func isReached(by part: Int, of whole: Int) -> Bool { part * denominator >= whole * numerator }
        /// The least whole number reaching this share of `whole` (⌈whole × n / d⌉).
        public func minimum(of whole: Int) -> Int { (whole * numerator + denominator - 1) / denominator }
    }

    /// 出席评审会议的专家人数应当不少于职称评审委员会人数的2/3 (人社部《职称评审管理暂行规定》2019).
    public static let quorum = Share(numerator: 2, denominator: 3)
    /// 同意票数达到出席评审会议的评审专家总数2/3以上的即为评审通过 (the same regulation).
    public static let passShare = Share(numerator: 2, denominator: 3)

    /// At least two thirds of the committee's members are present.
    public static func hasQuorum(present: Int, members: Int) -> Bool {
        guard members > 0, present >= 0, present <= members else { return false }
        return quorum.isReached(by: present, of: members)
    }

    /// The "agree" votes are at least two thirds of the members present (exactly two
    /// thirds passes). Impossible counts (no one present, more agreeing than present) do not pass.
    public static func passes(agree: Int, present: Int) -> Bool {
        guard present > 0, agree >= 0, agree <= present else { return false }
        return passShare.isReached(by: agree, of: present)
    }

    /// The outcome of one applicant's ballot at a meeting.
    public enum Outcome: String, Sendable, Hashable {
        case passed, failed, noQuorum
    }

    /// A decided ballot with the sentence that explains it.
    public struct Decision: Sendable, Hashable {
        public let outcome: Outcome
        /// 应到11人，实到9人（不少于2/3即8人）；同意6票，反对2票，弃权1票；同意票不少于出席人数的2/3即6票，通过.
        public let explanation: String
    }

    /// Decides one applicant's ballot. `disagree` and `abstain` are shown, not needed:
    /// only "agree" counts towards passing.
    public static func decide(members: Int, present: Int, agree: Int, disagree: Int, abstain: Int) -> Decision {
        decide(BallotCount(members: members, present: present, recused: 0, agree: agree, disagree: disagree, abstain: abstain),
               quorum: quorum, passShare: passShare)
    }

    /// Decides one applicant's ballot under the year's rules, with recusal: the quorum is
    /// of the committee's members; the pass share is of the members present and not
    /// recused from this applicant (回避的委员不参加该申报人的表决，也不计入出席人数的基数).
    public static func decide(_ count: BallotCount, rules: CommitteeRules) -> Decision {
        decide(count, quorum: rules.quorum, passShare: rules.passShare)
    }

    static func decide(_ c: BallotCount, quorum: Share, passShare: Share) -> Decision {
        var text = "应到\(c.members)人，实到\(c.present)人（不少于\(quorum)即\(quorum.minimum(of: max(c.members, 0)))人）"
        let hasQuorum = c.members > 0 && c.present >= 0 && c.present <= c.members && quorum.isReached(by: c.present, of: c.members)
        guard hasQuorum else {
            return Decision(outcome: .noQuorum, explanation: text + "，不足法定人数，不得表决")
        }
        let voters = c.voters
        if c.recused > 0 { text += "；回避\(c.recused)人，参加表决\(voters)人" }
        text += "；同意\(c.agree)票，反对\(c.disagree)票，弃权\(c.abstain)票"
        let base = c.recused > 0 ? "出席且未回避人数" : "出席人数"
        text += "；同意票须不少于\(base)的\(passShare)即\(passShare.minimum(of: voters))票（弃权按不同意计）"
        let ok = voters > 0 && c.agree >= 0 && c.agree <= voters && passShare.isReached(by: c.agree, of: voters)
        return Decision(outcome: ok ? .passed : .failed, explanation: text + (ok ? "，通过" : "，未通过"))
    }
}
