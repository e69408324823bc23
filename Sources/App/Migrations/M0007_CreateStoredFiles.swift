import Fluent

struct M0007_CreateStoredFiles: AsyncMigration {
    var name: String { "M0007_CreateStoredFiles" }

    func prepare(on database: Database) async throws {
        try await database.schema(StoredFile.schema)
            .id()
            .field("application_id", .uuid, .required, .references(ApplicationRecord.schema, "id", onDelete: .cascade))
            .field("slot", .string, .required)
            .field("item_id", .uuid, .references(ApplicationItem.schema, "id", onDelete: .setNull))
            .field("label", .string, .required)
            .field("original_name", .string, .required)
            .field("file_type", .string, .required)
            .field("size", .int64, .required)
            .field("pages", .int)
            .field("sha256", .string, .required)
            .field("storage_name", .string, .required)
            .field("uploaded_by", .uuid, .required, .references(UserAccount.schema, "id"))
            .field("uploaded_at", .datetime)
            .unique(on: "storage_name")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(StoredFile.schema).delete()
    }
}
