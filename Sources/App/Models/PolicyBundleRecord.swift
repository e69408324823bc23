import Fluent
import Foundation

/// A year's policy bundle the committee office uploaded (`/policies`), stored as the
/// file's bytes after it passed `PolicyCheck`. A stored bundle is never overwritten:
/// a corrected one comes under a new id. Storing it does not put it in use; the
/// year in use is still `PolicyStore.current`.
final class PolicyBundleRecord: Model, @unchecked Sendable {
    static let schema = "policy_bundles"

    @ID(key: .id) var id: UUID?
    /// The bundle's own `id` (`changzhi-2023`), unique.
    @Field(key: "bundle_id") var bundleID: String
    @Field(key: "title") var title: String
    /// The bundle's file as uploaded (UTF-8 JSON).
    @Field(key: "json") var json: String
    /// The summary line of the check it passed (clauses, parameters, test cases).
    @Field(key: "summary") var summary: String
    @OptionalParent(key: "uploaded_by") var uploadedBy: UserAccount?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(bundleID: String, title: String, json: String, summary: String, uploadedBy: UUID?) {
        self.bundleID = bundleID; self.title = title; self.json = json; self.summary = summary
        self.$uploadedBy.id = uploadedBy
    }
}
