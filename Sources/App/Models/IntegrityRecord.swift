import Fluent
import Foundation

/// 职称评审诚信档案: a person found to have submitted false materials, plagiarized
/// or cheated may not apply for 3 years (十（二）). Keyed by ID number so it
/// follows the person across accounts.
final class IntegrityRecord: Model, @unchecked Sendable {
    static let schema = "integrity_records"

    @ID(key: .id) var id: UUID?
    @Field(key: "id_number") var idNumber: String
    @Field(key: "real_name") var realName: String
    @Field(key: "reason") var reason: String
    /// `YYYY-MM-DD`: the record is in force from `starts` through `ends`.
    @Field(key: "starts") var starts: String
    @Field(key: "ends") var ends: String
    @OptionalParent(key: "created_by") var createdBy: UserAccount?
    /// The application whose materials were false, when the record came from one.
    @OptionalField(key: "application_id") var applicationID: UUID?
    /// The employer that should have checked the materials, and what it failed to check (十（二）).
    @OptionalField(key: "unit_id") var unitID: UUID?
    @OptionalField(key: "unit_failure") var unitFailure: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(idNumber: String, realName: String, reason: String, starts: String, ends: String, createdBy: UUID?) {
        self.idNumber = idNumber
        self.realName = realName
        self.reason = reason
        self.starts = starts
        self.ends = ends
        self.$createdBy.id = createdBy
    }
}
