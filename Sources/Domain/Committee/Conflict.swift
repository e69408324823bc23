import Foundation

/// Why an expert may not judge an applicant (回避, 人社部《职称评审管理暂行规定》2019
/// 第十七条: 评审专家与评审工作有利害关系或者其他关系可能影响公正评审的，应当回避).
/// Conflicts are data, kept with their source and reason, and every path that shows
/// an applicant to an expert asks about them (`AccessPolicy`).
public enum ConflictSource: String, CaseIterable, Sendable, Codable {
    /// The expert works for the applicant's employer (found by the draw, never declared).
    case sameEmployer = "same_employer"
    /// The expert declared it (本人申请回避).
    case declaredByExpert = "expert"
    /// The applicant declared it (申报人申请回避).
    case declaredByApplicant = "applicant"
    /// The committee office pinned it (评委会办公室指定回避).
    case pinnedByOffice = "office"

    public var label: String {
        switch self {
        case .sameEmployer: "与申报人同一工作单位"
        case .declaredByExpert: "专家本人申请回避"
        case .declaredByApplicant: "申报人申请回避"
        case .pinnedByOffice: "评委会办公室指定回避"
        }
    }
}

/// One recorded conflict between an expert and an application.
public struct DeclaredConflict: Sendable, Hashable {
    public let expertID: UUID
    public let applicationID: UUID
    public let source: ConflictSource
    public let reason: String

    public init(expertID: UUID, applicationID: UUID, source: ConflictSource, reason: String) {
        self.expertID = expertID; self.applicationID = applicationID; self.source = source; self.reason = reason
    }
}

/// An expert as the draw sees them.
public struct ExpertCandidate: Sendable, Hashable {
    public let id: UUID
    public let name: String
    public let employerID: UUID
    public let specialty: String

    public init(id: UUID, name: String, employerID: UUID, specialty: String) {
        self.id = id; self.name = name; self.employerID = employerID; self.specialty = specialty
    }
}

/// An applicant of a specialty group as the draw sees them.
public struct GroupApplicant: Sendable, Hashable {
    public let applicationID: UUID
    public let name: String
    public let employerID: UUID

    public init(applicationID: UUID, name: String, employerID: UUID) {
        self.applicationID = applicationID; self.name = name; self.employerID = employerID
    }
}

/// The conflict rules, in one place.
public enum ConflictRules {
    /// Every reason `expert` must stay away from `applicant`: the same employer, and
    /// every declared or pinned conflict on record. Empty when there is none.
    public static func reasons(expert: ExpertCandidate, applicant: GroupApplicant,
                               declared: [DeclaredConflict]) -> [DeclaredConflict] {
        var out: [DeclaredConflict] = []
        if expert.employerID == applicant.employerID {
            out.append(DeclaredConflict(expertID: expert.id, applicationID: applicant.applicationID,
                                        source: .sameEmployer, reason: "同一工作单位"))
        }
        out += declared.filter { $0.expertID == expert.id && $0.applicationID == applicant.applicationID }
        return out
    }

    /// Whether the expert has any conflict with the application.
    public static func conflicted(expertID: UUID, employerID: UUID, applicationID: UUID, applicantEmployerID: UUID,
                                  declared: [DeclaredConflict]) -> Bool {
        employerID == applicantEmployerID
            || declared.contains { $0.expertID == expertID && $0.applicationID == applicationID }
    }
}
