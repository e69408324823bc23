import Fluent
import SQLKit

/// The declaration as it was at each submission: a return and a resubmission keep both.
struct M0022_CreateDeclarationVersions: AsyncMigration {
    var name: String { "M0022_CreateDeclarationVersions" }

    func prepare(on database: Database) async throws {
        try await database.schema("declaration_versions")
            .id()
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("number", .int, .required)
            .field("submitted_at", .datetime, .required)
            .field("content", .string, .required)
            .unique(on: "application_id", "number")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("declaration_versions").delete()
    }
}
