import Fluent

struct M0004_CreateAuditRecords: AsyncMigration {
    var name: String { "M0004_CreateAuditRecords" }

    func prepare(on database: Database) async throws {
        try await database.schema(AuditRecord.schema)
            .id()
            .field("seq", .int, .required)
            .field("occurred_at", .string, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("role", .string)
            .field("action", .string, .required)
            .field("object_type", .string)
            .field("object_id", .string)
            .field("ip", .string)
            .field("outcome", .string, .required)
            .field("detail", .string, .required)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "seq")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(AuditRecord.schema).delete()
    }
}
