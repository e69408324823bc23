import Fluent

struct M0003_CreateUserSessions: AsyncMigration {
    var name: String { "M0003_CreateUserSessions" }

    func prepare(on database: Database) async throws {
        try await database.schema(UserSession.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .references(UserAccount.schema, "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(UserSession.schema).delete()
    }
}
