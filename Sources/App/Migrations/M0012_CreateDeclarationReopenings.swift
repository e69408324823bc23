import Fluent
import SQLKit

/// Reopenings of the year's declarations for one unit (the office's decision,
/// with its reason), and the item an engineer's defense will be about (九).
struct M0012_CreateDeclarationReopenings: AsyncMigration {
    var name: String { "M0012_CreateDeclarationReopenings" }

    func prepare(on database: Database) async throws {
        try await database.schema(DeclarationReopening.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(Organization.schema, "id"))
            .field("year", .int, .required)
            .field("until", .string, .required)
            .field("reason", .string, .required)
            .field("created_by", .uuid, .required, .references(UserAccount.schema, "id"))
            .field("created_at", .datetime)
            .create()
        try await database.schema("applications").field("defense_item_id", .uuid).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "declaration_reopenings_unit_year_idx").on(DeclarationReopening.schema)
            .column("unit_id").column("year").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("applications").deleteField("defense_item_id").update()
        try await database.schema(DeclarationReopening.schema).delete()
    }
}
