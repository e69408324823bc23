import Fluent

struct M0016_CreateResults: AsyncMigration {
    var name: String { "M0016_CreateResults" }

    func prepare(on database: Database) async throws {
        try await database.schema("result_publicities")
            .id()
            .field("year", .int, .required)
            .field("starts", .string, .required)
            .field("ends", .string, .required)
            .field("applications", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema("result_cases")
            .id()
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("kind", .string, .required)
            .field("received", .string, .required)
            .field("content", .string, .required)
            .field("resolution", .string)
            .field("resolved_on", .string)
            .create()
        try await database.schema("certificates")
            .id()
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("number", .string, .required)
            .field("code", .string, .required)
            .field("issued_on", .string, .required)
            .field("holder_name", .string, .required)
            .field("masked_id", .string, .required)
            .field("title", .string, .required)
            .field("specialty", .string, .required)
            .field("committee", .string, .required)
            .unique(on: "application_id")
            .unique(on: "number")
            .unique(on: "code")
            .create()
    }

    func revert(on database: Database) async throws {
        for table in ["certificates", "result_cases", "result_publicities"] {
            try await database.schema(table).delete()
        }
    }
}
