/// The eligibility rules, by the id a finding carries (`"rule": "tenure"`).
public enum EligibilityRule: UInt8, JSONEnum {
    case exclusions, professionalPost, education, tenure, probation, papers, achievements
    case technicalReports, workReport, assessments, recency, transferTitle, transferPost
    public static let jsonNames: [StaticString] = [
        "exclusions", "professional_post", "education", "tenure", "probation", "papers", "achievements",
        "technical_reports", "work_report", "assessments", "recency", "transfer_title", "transfer_post",
    ]

    /// Where the engine applies the rule, so the bundle must give it a clause there.
    public var contexts: [EligibilityContext] {
        switch self {
        case .exclusions, .professionalPost, .recency: return [.engineer, .assistantEngineer, .technician, .transfer]
        case .education, .workReport: return [.engineer, .assistantEngineer, .technician]
        case .tenure, .assessments: return [.engineer, .assistantEngineer]
        case .probation: return [.assistantEngineer, .technician]
        case .papers, .achievements: return [.engineer]
        case .technicalReports: return [.assistantEngineer]
        case .transferTitle, .transferPost: return [.transfer]
        }
    }
}

/// The three levels of the regular track, and the transfer track (同级转评) whose
/// conditions are the same for every level.
public enum EligibilityContext: UInt8, JSONEnum {
    case engineer, assistantEngineer, technician, transfer
    public static let jsonNames: [StaticString] = ["engineer", "assistant_engineer", "technician", "transfer"]

    init(_ level: TargetLevel, _ track: Track) {
        if track == .transfer { self = .transfer; return }
        switch level {
        case .engineer: self = .engineer
        case .assistantEngineer: self = .assistantEngineer
        case .technician: self = .technician
        }
    }
}

/// The contract's interpretations. Their behaviour is code (each is a named rule
/// below), their figures are parameters and their wording is in the bundle, which
/// must carry all of these ids.
public enum InterpretationID: String, CaseIterable, Sendable {
    case referenceDates = "I1-reference-dates"
    case tenureStart = "I2-tenure-start"
    case yearCounting = "I3-year-counting"
    case recentAssessment = "I4-recent-assessment"
    case assessmentCount = "I5-assessment-count"
    case education = "I6-education"
    case engineerRoutes = "I7-engineer-routes"
    case papersAndMaterials = "I8-papers-materials"
    case achievements = "I9-achievements"
    case assistantEngineerRoutes = "I10-assistant-engineer-routes"
    case technician = "I11-technician"
    case transfer = "I12-transfer"
    case exclusions = "I13-exclusions"

    var bit: UInt16 { 1 << UInt16(InterpretationID.allCases.firstIndex(of: self)!) }
}

/// A small set of interpretations, carried by each finding without allocating.
public struct InterpretationSet: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    static let i1 = Self(rawValue: 1 << 0), i2 = Self(rawValue: 1 << 1), i3 = Self(rawValue: 1 << 2)
    static let i4 = Self(rawValue: 1 << 3), i5 = Self(rawValue: 1 << 4), i6 = Self(rawValue: 1 << 5)
    static let i7 = Self(rawValue: 1 << 6), i8 = Self(rawValue: 1 << 7), i9 = Self(rawValue: 1 << 8)
    static let i10 = Self(rawValue: 1 << 9), i11 = Self(rawValue: 1 << 10), i12 = Self(rawValue: 1 << 11)
    static let i13 = Self(rawValue: 1 << 12)

    /// The ids in the contract's order.
    public var ids: [InterpretationID] {
        InterpretationID.allCases.enumerated().filter { rawValue & (1 << UInt16($0.offset)) != 0 }.map(\.element)
    }
}
