/// The figures behind a finding. Plain values only (no strings, no arrays), so a
/// finding costs no allocation; `FindingDetail.render` turns them into Chinese.
public enum FindingDetail: Sendable, Equatable {
    // Clause 2: exclusions and the public-institution post rule (I13)
    case noExclusion(checkedOn: LocalDate)
    case civilServant
    case retired
    case vocationalExamSpecialty
    case sanctionInForce(SanctionFacts)
    case professionalPost(held: Bool)
    // Education (I6)
    case education(EducationFacts)
    case grassrootsEducation(GrassrootsFacts)
    // Route and tenure (I2, I3, I7, I10)
    case noTenureRequired(level: EducationLevel, target: TargetLevel)
    case missingTitle(tier: TitleTier, years: Int)
    case tenure(TenureFacts)
    case tenureNeedsAppointment(TenureFacts)
    /// The worker-technician route: technical work since the skill grade (I7).
    case technicalWork(TechnicalWorkFacts)
    case probation(ProbationFacts)
    // Outputs (I8, I9)
    case papers(PapersFacts)
    case achievements(AchievementFacts)
    case technicalReports(count: Int, required: Int)
    case workReport(present: Bool, summary: Bool)
    // Assessments (I4, I5)
    case assessmentCount(count: Int, required: Int, sinceYear: Int?)
    case assessmentsAllPassing(sinceYear: Int?, badYear: Int?, badResult: AssessmentResult?)
    case recency(RecencyFacts)
    // Transfer (I12)
    case transferTitle(tier: TitleTier, target: TargetLevel, qualified: LocalDate?)
    case engineeringPost(months: Int, requiredYears: Int)
}

public struct SanctionFacts: Sendable, Equatable {
    public let kind: SanctionKind
    public let severity: SanctionSeverity
    public let from: LocalDate
    public let until: LocalDate?
    public let checkedOn: LocalDate
}

public struct EducationFacts: Sendable, Equatable {
    /// The highest education that counts (same specialty or a related discipline); nil if none.
    public let counted: EducationLevel?
    public let listed: Int
    public let minimum: EducationLevel
    public let target: TargetLevel
}

public struct GrassrootsFacts: Sendable, Equatable {
    public let counted: EducationLevel
    public let minimum: EducationLevel
    /// Grassroots technical work (periods both grassroots and technical) to the
    /// reference date, in whole months.
    public let months: Int
    public let requiredYears: Int
    /// Whether the applicant's work on the application date is grassroots technical work.
    public let current: Bool
}

/// What a tenure was measured from.
public enum TenureHeld: Sendable, Equatable {
    case title(TitleTier)
    case skill(SkillGrade)
}

/// Which date started the tenure (I2).
public enum TenureBasis: UInt8, Sendable, Equatable {
    case appointed, qualified, obtained
}

public struct TenureFacts: Sendable, Equatable {
    public let held: TenureHeld
    public let basis: TenureBasis
    public let start: LocalDate
    public let reference: LocalDate
    /// Whole months from start to the reference date, less the deducted years.
    public let months: Int
    /// Years not counted because of assessments below competent (I3).
    public let deductedYears: Int
    /// Years taken off for an engineering degree (I7).
    public let reducedYears: Int
    /// The route's years after the reduction.
    public let requiredYears: Int
    /// The latest start that would meet the requirement.
    public let latestStart: LocalDate
    public let met: Bool
}

/// The worker-technician route (I7): the `technical` work periods from the day the
/// skill grade was obtained to the reference date, added up. Calendar time since the
/// grade does not count by itself.
public struct TechnicalWorkFacts: Sendable, Equatable {
    public let grade: SkillGrade
    public let obtained: LocalDate
    public let reference: LocalDate
    /// The technical work counted, in whole months, less the deducted years.
    public let months: Int
    /// Years not counted because of assessments below competent (I3).
    public let deductedYears: Int
    /// Years taken off for an engineering degree (I7).
    public let reducedYears: Int
    /// The route's years after the reduction.
    public let requiredYears: Int
    public let met: Bool
    /// When not met: the day the technical work reaches the years if the period
    /// running on the reference date goes on; nil when no technical work is going on.
    public let due: LocalDate?
}

public struct ProbationFacts: Sendable, Equatable {
    public enum State: UInt8, Sendable { case passed, notPassed, missing, pending }
    public let state: State
    public let completed: LocalDate?
    public let years: Int
    public let education: EducationLevel
}

/// Why one paper, material or achievement did not count (the first one found is reported).
public enum OutputRejection: Sendable, Equatable {
    case notPublicJournal, notFirstAuthor, notIndexed, notRelevant
    case tooShort(characters: Int, minimum: Int)
    case tooFewExperts(count: Int, minimum: Int)
    case beforeStart(date: LocalDate)
    /// Dated after the status date, when the dossier closes (I8).
    case afterClose(date: LocalDate, closes: LocalDate)
    case notAccepted
    /// Below the levels at which an achievement of this kind counts (I9); `allowed`
    /// is a bit per `AchievementLevel`.
    case levelNotCounted(kind: AchievementKind, level: AchievementLevel, allowed: UInt8)
    case rankOutside(rank: Int, level: AchievementLevel, range: ClosedRange<Int>?)
}

/// `item` is 0-based; the message says 第1篇, 第1项.
public struct RejectedItem: Sendable, Equatable {
    public enum Kind: UInt8, Sendable { case paper, material, achievement }
    public let kind: Kind
    public let index: Int
    public let reason: OutputRejection
}

/// The period the outputs must fall in: since the tenure start (nil on the doctorate route).
public struct OutputPeriod: Sendable, Equatable {
    public let held: TenureHeld
    public let start: LocalDate
}

public struct PapersFacts: Sendable, Equatable {
    public let papers: Int
    public let materials: Int
    public let papersRequired: Int
    public let materialsRequired: Int
    public let period: OutputPeriod?
    /// The status date: items dated after it do not count (I8).
    public let closes: LocalDate
    public let rejected: RejectedItem?
}

public struct AchievementFacts: Sendable, Equatable {
    public let count: Int
    public let required: Int
    public let period: OutputPeriod?
    /// The status date: achievements dated after it do not count (I8).
    public let closes: LocalDate
    /// The first achievement that counts.
    public let kind: AchievementKind?
    public let level: AchievementLevel?
    public let rank: Int
    public let rejected: RejectedItem?
}

public struct RecencyFacts: Sendable, Equatable {
    public let firstYear: Int
    public let lastYear: Int
    /// The assessment that decided: a passing one, or the latest listed in the window.
    public let year: Int?
    public let result: AssessmentResult?
    public let met: Bool
}
