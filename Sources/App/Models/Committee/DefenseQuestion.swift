import Fluent
import Foundation

/// 答辩题库: a question the office keeps for a specialty, common to every applicant
/// of the group (公共) or to be chosen for one applicant after reading their material (个性) (九).
final class DefenseQuestion: Model, @unchecked Sendable {
    static let schema = "defense_questions"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "specialty") var specialty: String
    /// common | individual.
    @Field(key: "kind") var kind: String
    @Field(key: "text") var text: String
    @Field(key: "is_active") var isActive: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(year: Int, specialty: String, kind: String, text: String) {
        self.year = year; self.specialty = specialty; self.kind = kind; self.text = text; self.isActive = true
    }

    static let kinds: [(String, String)] = [("common", "公共问题"), ("individual", "个性问题")]
    var kindLabel: String { Self.kinds.first { $0.0 == kind }?.1 ?? kind }
}

/// A question the panel assigned to one applicant, and the member who did.
final class QuestionAssignment: Model, @unchecked Sendable {
    static let schema = "question_assignments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "panel_id") var panel: DefensePanel
    @Parent(key: "application_id") var application: ApplicationRecord
    @Parent(key: "question_id") var question: DefenseQuestion
    @Parent(key: "expert_id") var expert: Expert
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(panelID: UUID, applicationID: UUID, questionID: UUID, expertID: UUID) {
        self.$panel.id = panelID; self.$application.id = applicationID; self.$question.id = questionID; self.$expert.id = expertID
    }
}
