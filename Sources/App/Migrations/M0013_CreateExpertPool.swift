import Fluent

struct M0013_CreateExpertPool: AsyncMigration {
    var name: String { "M0013_CreateExpertPool" }

    func prepare(on database: Database) async throws {
        try await database.schema("experts")
            .id()
            .field("name", .string, .required)
            .field("user_id", .uuid, .references("user_accounts", "id"))
            .field("organization_id", .uuid, .required, .references("organizations", "id"))
            .field("specialty", .string, .required)
            .field("title", .string, .required)
            .field("contact", .string, .required)
            .field("term_start", .string, .required)
            .field("term_end", .string, .required)
            .field("is_active", .bool, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema("expert_conflicts")
            .id()
            .field("expert_id", .uuid, .required, .references("experts", "id"))
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("source", .string, .required)
            .field("reason", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "expert_id", "application_id", "source")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("expert_conflicts").delete()
        try await database.schema("experts").delete()
    }
}
