import Fluent

struct M0006_CreateApplicationItems: AsyncMigration {
    var name: String { "M0006_CreateApplicationItems" }

    func prepare(on database: Database) async throws {
        try await database.schema(ApplicationItem.schema)
            .id()
            .field("application_id", .uuid, .required, .references(ApplicationRecord.schema, "id", onDelete: .cascade))
            .field("section", .string, .required)
            .field("position", .int, .required)
            .field("payload", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(ApplicationItem.schema).delete()
    }
}
