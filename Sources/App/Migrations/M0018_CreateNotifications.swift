import Fluent
import SQLKit

/// In-app notifications: an application moved or came back (issue 9 item 9).
struct M0018_CreateNotifications: AsyncMigration {
    var name: String { "M0018_CreateNotifications" }

    func prepare(on database: Database) async throws {
        try await database.schema("notifications")
            .id()
            .field("user_id", .uuid, .required, .references("user_accounts", "id"))
            .field("application_id", .uuid, .references("applications", "id"))
            .field("message", .string, .required)
            .field("link", .string, .required)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "notifications_user_idx").on("notifications").column("user_id").run()
        try await sql.create(index: "notifications_application_idx").on("notifications").column("application_id").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("notifications").delete()
    }
}
