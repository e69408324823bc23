import Fluent
import Foundation

/// An expert of the pool (专家库): specialty, title, employer, contact and a term of at
/// most three years (`ExpertTerm`). Linked to the expert's sign-in account where one exists.
final class Expert: Model, @unchecked Sendable {
    static let schema = "experts"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @OptionalParent(key: "user_id") var user: UserAccount?
    /// The expert's employer: an applicant of the same employer is a conflict.
    @Parent(key: "organization_id") var organization: Organization
    @Field(key: "specialty") var specialty: String
    /// 职称, e.g. 正高级工程师.
    @Field(key: "title") var title: String
    @Field(key: "contact") var contact: String
    /// `YYYY-MM-DD`, both days included.
    @Field(key: "term_start") var termStart: String
    @Field(key: "term_end") var termEnd: String
    @Field(key: "is_active") var isActive: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(name: String, userID: UUID?, organizationID: UUID, specialty: String, title: String, contact: String,
         termStart: String, termEnd: String) {
        self.name = name; self.$user.id = userID; self.$organization.id = organizationID
        self.specialty = specialty; self.title = title; self.contact = contact
        self.termStart = termStart; self.termEnd = termEnd; self.isActive = true
    }
}

/// A recorded conflict (回避) between an expert and an application, with its source.
final class ExpertConflict: Model, @unchecked Sendable {
    static let schema = "expert_conflicts"

    @ID(key: .id) var id: UUID?
    @Parent(key: "expert_id") var expert: Expert
    @Parent(key: "application_id") var application: ApplicationRecord
    /// `ConflictSource` raw value.
    @Field(key: "source") var source: String
    @Field(key: "reason") var reason: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(expertID: UUID, applicationID: UUID, source: String, reason: String) {
        self.$expert.id = expertID; self.$application.id = applicationID; self.source = source; self.reason = reason
    }
}
