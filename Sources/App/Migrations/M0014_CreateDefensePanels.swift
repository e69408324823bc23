import Fluent

struct M0014_CreateDefensePanels: AsyncMigration {
    var name: String { "M0014_CreateDefensePanels" }

    func prepare(on database: Database) async throws {
        try await database.schema("defense_panels")
            .id()
            .field("year", .int, .required)
            .field("specialty", .string, .required)
            .field("seed", .string, .required)
            .field("excluded", .string, .required)
            .field("room", .string, .required)
            .field("state", .string, .required)
            .field("closed_at", .datetime)
            .field("created_at", .datetime)
            .create()
        try await database.schema("panel_members")
            .id()
            .field("panel_id", .uuid, .required, .references("defense_panels", "id"))
            .field("expert_id", .uuid, .required, .references("experts", "id"))
            .field("position", .int, .required)
            .field("is_lead", .bool, .required)
            .field("active", .bool, .required)
            .field("removed_reason", .string)
            .create()
        try await database.schema("defense_slots")
            .id()
            .field("panel_id", .uuid, .required, .references("defense_panels", "id"))
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("room", .string, .required)
            .field("starts_at", .string, .required)
            .unique(on: "application_id")
            .create()
        try await database.schema("defense_scores")
            .id()
            .field("panel_id", .uuid, .required, .references("defense_panels", "id"))
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("expert_id", .uuid, .required, .references("experts", "id"))
            .field("materials", .int, .required)
            .field("onsite", .int, .required)
            .field("updated_at", .datetime)
            .unique(on: "application_id", "expert_id")
            .create()
        try await database.schema("committee_notes")
            .id()
            .field("subject_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("actor_name", .string, .required)
            .field("at", .datetime, .required)
            .create()
        try await database.schema("quantitative_points")
            .id()
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("kind", .string, .required)
            .field("points", .int, .required)
            .field("reason", .string, .required)
            .unique(on: "application_id", "kind")
            .create()
    }

    func revert(on database: Database) async throws {
        for table in ["quantitative_points", "committee_notes", "defense_scores", "defense_slots", "panel_members", "defense_panels"] {
            try await database.schema(table).delete()
        }
    }
}
