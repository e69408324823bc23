import Fluent
import SQLKit

struct M0010_CreateWorkflowEvents: AsyncMigration {
    var name: String { "M0010_CreateWorkflowEvents" }

    func prepare(on database: Database) async throws {
        try await database.schema("workflow_events")
            .id()
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("occurred_at", .datetime, .required)
            .field("actor_id", .uuid, .references("user_accounts", "id"))
            .field("actor_name", .string, .required)
            .field("organization_name", .string, .required)
            .field("transition", .string, .required)
            .field("from_state", .string, .required)
            .field("to_state", .string, .required)
            .field("opinion", .string, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "workflow_events_application_idx").on("workflow_events").column("application_id").run()
        try await sql.create(index: "workflow_events_actor_idx").on("workflow_events").column("actor_id").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("workflow_events").delete()
    }
}
