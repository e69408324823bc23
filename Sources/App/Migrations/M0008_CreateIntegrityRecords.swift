import Fluent

struct M0008_CreateIntegrityRecords: AsyncMigration {
    var name: String { "M0008_CreateIntegrityRecords" }

    func prepare(on database: Database) async throws {
        try await database.schema(IntegrityRecord.schema)
            .id()
            .field("id_number", .string, .required)
            .field("real_name", .string, .required)
            .field("reason", .string, .required)
            .field("starts", .string, .required)
            .field("ends", .string, .required)
            .field("created_by", .uuid, .references(UserAccount.schema, "id"))
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(IntegrityRecord.schema).delete()
    }
}
