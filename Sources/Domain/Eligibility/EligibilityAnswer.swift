/// pass | fail | review.
public enum Outcome: UInt8, JSONEnum {
    case pass, fail, review
    public static let jsonNames: [StaticString] = ["pass", "fail", "review"]
}

/// eligible | ineligible | manual_review.
public enum Verdict: UInt8, JSONEnum {
    case eligible, ineligible, manualReview
    public static let jsonNames: [StaticString] = ["eligible", "ineligible", "manual_review"]
}

/// The qualification route tried (the answer's `route`).
public enum Route: UInt8, JSONEnum {
    // engineer (I7)
    case doctorate, masterOrSecondBachelor, bachelorOrAssociate, workerTechnician
    // assistant engineer (I10)
    case masterOrAbove, bachelorWithProbation, associateWithEntryTitle, secondaryVocationalWithEntryTitle
    // technician (I11)
    case bachelorOrAbove, withProbation
    case transfer
    public static let jsonNames: [StaticString] = [
        "doctorate", "master_or_second_bachelor", "bachelor_or_associate", "worker_technician",
        "master_or_above", "bachelor_with_probation", "associate_with_entry_title", "secondary_vocational_with_entry_title",
        "bachelor_or_above", "with_probation", "transfer",
    ]
}

/// One checked condition: which rule, which clause, the outcome, and why.
/// The figures are kept as data (`detail`); `message` renders the Chinese sentence
/// only when asked, which keeps evaluation allocation-free and fast.
public struct Finding: Sendable, Equatable {
    public let rule: EligibilityRule
    /// The notice's clause id, e.g. `3.1.3` (inline, so a finding is a plain value).
    public let clauseID: ShortID
    /// The notice's clause id, e.g. `3.1.3`.
    public var clause: String { clauseID.description }
    public let outcome: Outcome
    /// The interpretations that shaped this finding; show `policy.interpretation(id)?.text` beside it.
    public let interpretationSet: InterpretationSet
    public let detail: FindingDetail
    /// For a failure that time alone cures (a duration): the day it would be met.
    public let metOn: LocalDate?

    public var interpretations: [InterpretationID] { interpretationSet.ids }

    /// The Chinese explanation with its figures, e.g.
    /// 任助理工程师职务自2019年3月1日（取得资格）起至2022年12月31日满3年9个月，不足4年（须在2018年12月31日前取得资格）.
    public var message: String {
        var t = TextBuffer(capacity: 256)
        detail.render(into: &t)
        return t.string
    }
}

/// What the engine answers for one profile.
public struct EligibilityAnswer: Sendable, Equatable {
    public let policy: String
    public let targetLevel: TargetLevel
    public let track: Track
    public let route: Route
    public let findings: [Finding]

    /// `ineligible` if any finding fails, else `manual_review` if any is `review`, else `eligible`.
    public var verdict: Verdict {
        var review = false
        for f in findings {
            if f.outcome == .fail { return .ineligible }
            if f.outcome == .review { review = true }
        }
        return review ? .manualReview : .eligible
    }

    /// When every failure is a duration: the first day all of them are met.
    public var earliestEligible: LocalDate? {
        var latest: LocalDate?
        for f in findings where f.outcome == .fail {
            guard let d = f.metOn else { return nil }
            if latest == nil || d > latest! { latest = d }
        }
        return latest
    }

    public var failing: [Finding] { findings.filter { $0.outcome == .fail } }
}
