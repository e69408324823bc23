import Fluent

/// Policy bundles the committee office uploads for a new year (issue 19): checked
/// before they are stored, never overwritten (one row per bundle id).
struct M0048_CreatePolicyBundles: AsyncMigration {
    var name: String { "M0048_CreatePolicyBundles" }

    func prepare(on database: Database) async throws {
        try await database.schema("policy_bundles")
            .id()
            .field("bundle_id", .string, .required)
            .field("title", .string, .required)
            .field("json", .string, .required)
            .field("summary", .string, .required)
            .field("uploaded_by", .uuid, .references("user_accounts", "id"))
            .field("created_at", .datetime)
            .unique(on: "bundle_id")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("policy_bundles").delete()
    }
}
