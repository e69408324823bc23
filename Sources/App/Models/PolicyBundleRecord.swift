import Fluent
import Foundation

/// A year's policy bundle the committee office uploaded (`/policies`), stored as the
/// file's bytes after it passed `PolicyCheck`. A stored bundle is never overwritten:
/// a corrected one comes under a new id. Storing it does not put it in use:
/// activation (a separate, confirmed step) sets `activeYear`, and from its
/// declaration dates on it is the year in use (`PolicyRegistry`).
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
    /// The review year the bundle holds once activated; nil while it is only stored.
    @OptionalField(key: "active_year") var activeYear: Int?
    @OptionalField(key: "activated_at") var activatedAt: Date?
    @OptionalField(key: "activated_by") var activatedBy: UUID?

    init() {}

    init(bundleID: String, title: String, json: String, summary: String, uploadedBy: UUID?) {
        self.bundleID = bundleID; self.title = title; self.json = json; self.summary = summary
        self.$uploadedBy.id = uploadedBy
    }
}

import Domain

extension PolicyBundleRecord {
    /// The stored bundle, loaded. It passed the check when it was stored; a later
    /// program that cannot read it says so instead of answering from something else.
    func policy() throws -> Policy {
        do { return try Policy.load(json: Array(json.utf8)) } catch {
            throw StoredValueError(field: "policy_bundles.json", value: "\(bundleID): \(error.detail)")
        }
    }
}
