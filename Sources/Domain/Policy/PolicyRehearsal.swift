/// 试运行 (issue 19, item 3): what a new year's bundle would do to the declarations
/// already in the system, before it is put in use. Every profile is answered twice,
/// by the bundle in use and by the new one, with the same eligibility engine the
/// applicant's self-check uses; the report lists the verdicts that change and the
/// clauses that make them change.
///
/// ```swift
/// let report = PolicyRehearsal(old: policy2022, new: policy2023, declarations: [("甲", profile)])
/// report.becameIneligible   // eligible before, not now
/// report.becameEligible     // not eligible before, eligible now
/// report.clauseCounts       // [("3.1.3", 2), ("3.1.7", 1)]: how many changed verdicts each clause takes part in
/// ```
///
/// A clause "causes" a change when a finding citing it has another outcome (or only
/// exists) under one of the two bundles: the difference of the two answers' fail and
/// review findings. Pure: no storage, no clock.
public struct PolicyRehearsal: Sendable {
    /// One declaration to answer: a key the caller maps back (an application's id) and its profile.
    public struct Declaration: Sendable {
        public let key: String
        public let profile: Profile
        public init(key: String, profile: Profile) { self.key = key; self.profile = profile }
    }

    /// A declaration whose verdict changes.
    public struct Change: Sendable, Equatable {
        public let key: String
        public let old: Verdict
        public let new: Verdict
        /// The clauses whose findings differ between the two answers, sorted.
        public let clauses: [String]
    }

    public struct ClauseCount: Sendable, Equatable {
        public let clause: String
        public let count: Int
    }

    public let oldID: String
    public let newID: String
    /// How many declarations were answered.
    public let total: Int
    /// Every changed verdict, in the order the declarations came.
    public let changes: [Change]

    public init(old: Policy, new: Policy, declarations: [Declaration]) {
        let before = EligibilityEngine(old), after = EligibilityEngine(new)
        oldID = old.id
        newID = new.id
        total = declarations.count
        changes = declarations.compactMap { d in
            let a = before.evaluate(d.profile), b = after.evaluate(d.profile)
            guard a.verdict != b.verdict else { return nil }
            return Change(key: d.key, old: a.verdict, new: b.verdict, clauses: Self.differingClauses(a, b))
        }
    }

    /// Eligible under the bundle in use, not under the new one.
    public var becameIneligible: [Change] { changes.filter { $0.old == .eligible } }
    /// Not eligible under the bundle in use (ineligible or to be reviewed by hand), eligible under the new one.
    public var becameEligible: [Change] { changes.filter { $0.new == .eligible } }
    /// Between ineligible and manual review, neither side eligible.
    public var otherChanges: [Change] { changes.filter { $0.old != .eligible && $0.new != .eligible } }

    /// Each clause with the number of changed verdicts it takes part in, most first
    /// (equal counts by clause id).
    public var clauseCounts: [ClauseCount] {
        var counts: [String: Int] = [:]
        for change in changes { for clause in change.clauses { counts[clause, default: 0] += 1 } }
        return counts.map { ClauseCount(clause: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.clause < $1.clause }
    }

    /// The clauses of the findings that fail or ask for review under one answer and
    /// not (or not the same way) under the other.
    static func differingClauses(_ a: EligibilityAnswer, _ b: EligibilityAnswer) -> [String] {
        struct Key: Hashable { let rule: EligibilityRule; let clause: String; let outcome: Outcome }
        func keys(_ answer: EligibilityAnswer) -> Set<Key> {
            Set(answer.findings.filter { $0.outcome != .pass }.map { Key(rule: $0.rule, clause: $0.clause, outcome: $0.outcome) })
        }
        return Set(keys(a).symmetricDifference(keys(b)).map(\.clause)).sorted()
    }
}
