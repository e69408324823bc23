import Fluent

/// 审核确认: the city HR bureau confirms a result publicity's list before certificates are
/// issued. A record on the publicity (who, which day), not an application state: the
/// applications stay 评审通过 until certified.
struct M0039_AddResultConfirmation: AsyncMigration {
    var name: String { "M0039_AddResultConfirmation" }

    func prepare(on database: Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema("result_publicities").field("confirmed_on", .string).update()
        try await database.schema("result_publicities").field("confirmed_by", .uuid).update()
        try await database.schema("result_publicities").field("confirmed_by_name", .string).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("result_publicities").deleteField("confirmed_by_name").update()
        try await database.schema("result_publicities").deleteField("confirmed_by").update()
        try await database.schema("result_publicities").deleteField("confirmed_on").update()
    }
}
