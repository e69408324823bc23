import Fluent

/// The committee stage's second part: the defense question bank and what the panel
/// assigned (九), the year's quantitative table as the office fixed it, reports of
/// suspected false materials, and the integrity record's link to the application,
/// the unit's failure to check, and a certificate's revocation (十（二）).
struct M0018_CreateCommitteeCompletion: AsyncMigration {
    var name: String { "M0018_CreateCommitteeCompletion" }

    func prepare(on database: Database) async throws {
        try await database.schema("defense_questions")
            .id()
            .field("year", .int, .required)
            .field("specialty", .string, .required)
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("is_active", .bool, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema("question_assignments")
            .id()
            .field("panel_id", .uuid, .required, .references("defense_panels", "id"))
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("question_id", .uuid, .required, .references("defense_questions", "id"))
            .field("expert_id", .uuid, .required, .references("experts", "id"))
            .field("created_at", .datetime)
            .unique(on: "application_id", "question_id")
            .create()
        try await database.schema("quantitative_tables")
            .id()
            .field("year", .int, .required)
            .field("points", .string, .required)
            .field("caps", .string, .required)
            .field("reason", .string, .required)
            .field("actor_name", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "year")
            .create()
        try await database.schema("integrity_flags")
            .id()
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("reporter_id", .uuid, .required, .references("user_accounts", "id"))
            .field("reporter_name", .string, .required)
            .field("reporter_role", .string, .required)
            .field("evidence", .string, .required)
            .field("state", .string, .required)
            .field("resolution", .string)
            .field("resolved_at", .datetime)
            .field("created_at", .datetime)
            .create()
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        for (table, field, type) in [("integrity_records", "application_id", DatabaseSchema.DataType.uuid),
                                     ("integrity_records", "unit_id", .uuid), ("integrity_records", "unit_failure", .string),
                                     ("certificates", "revoked_on", .string), ("certificates", "revoked_reason", .string)] {
            try await database.schema(table).field(FieldKey(stringLiteral: field), type).update()
        }
    }

    func revert(on database: Database) async throws {
        for (table, field) in [("certificates", "revoked_reason"), ("certificates", "revoked_on"), ("integrity_records", "unit_failure"),
                               ("integrity_records", "unit_id"), ("integrity_records", "application_id")] {
            try await database.schema(table).deleteField(.key(.init(stringLiteral: field))).update()
        }
        try await database.schema("integrity_flags").delete()
        try await database.schema("quantitative_tables").delete()
        try await database.schema("question_assignments").delete()
        try await database.schema("defense_questions").delete()
    }
}
