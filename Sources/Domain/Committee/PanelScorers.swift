import Foundation

/// Who may score whom on a defense panel, at every time (回避, 人社部《职称评审管理暂行
/// 规定》2019 第十七条). A conflict found or declared at any moment -- before the draw,
/// after a swap, after the expert has scored -- takes that expert out of that applicant's
/// numbers: the raw score stays stored, but no derived number (defense score, grade,
/// ranking, export, the lead's close) counts it. And an applicant is graded only by
/// enough experts without a conflict (`defenseMinimumScorers` in the bundle).
public enum PanelScorers {
    /// The members with a conflict against `applicant`, with every reason.
    public static func conflicts(members: [ExpertCandidate], applicant: GroupApplicant,
                                 declared: [DeclaredConflict]) -> [DeclaredConflict] {
        members.flatMap { ConflictRules.reasons(expert: $0, applicant: applicant, declared: declared) }
    }

    /// The members who may score `applicant`.
    public static func eligible(members: [ExpertCandidate], applicant: GroupApplicant,
                                declared: [DeclaredConflict]) -> [ExpertCandidate] {
        members.filter { ConflictRules.reasons(expert: $0, applicant: applicant, declared: declared).isEmpty }
    }

    /// Whether an expert's score for an application counts.
    public static func counts(expertID: UUID, expertEmployerID: UUID, applicationID: UUID, applicantEmployerID: UUID,
                              declared: [DeclaredConflict]) -> Bool {
        !ConflictRules.conflicted(expertID: expertID, employerID: expertEmployerID, applicationID: applicationID,
                                  applicantEmployerID: applicantEmployerID, declared: declared)
    }

    /// An applicant with fewer members free of conflict than the minimum.
    public struct Shortfall: Sendable, Equatable {
        public let applicationID: UUID
        public let available: Int
        public let needed: Int
    }

    public static func shortfalls(members: [ExpertCandidate], applicants: [GroupApplicant], declared: [DeclaredConflict],
                                  minimum: Int) -> [Shortfall] {
        applicants.compactMap { a in
            let n = eligible(members: members, applicant: a, declared: declared).count
            return n < minimum ? Shortfall(applicationID: a.applicationID, available: n, needed: minimum) : nil
        }
    }
}
