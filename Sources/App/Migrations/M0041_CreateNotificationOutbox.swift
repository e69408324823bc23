import Fluent
import SQLKit

/// 通知 outbox (issue 17 item 6): one row per recipient per channel of each notice,
/// written in the transaction of the transition that caused it. The in-app row is
/// `sent` when written (the notice is the `notifications` row itself); SMS rows wait
/// `pending` for a gateway that drains them later and records `attempts`,
/// `last_error` and `sent_at`. The message is the notice's, read through
/// `notification_id`, so the text is stored once; the address is looked up when
/// sending, so no mobile number is copied here.
struct M0041_CreateNotificationOutbox: AsyncMigration {
    var name: String { "M0041_CreateNotificationOutbox" }

    func prepare(on database: Database) async throws {
        try await database.schema("notification_outbox")
            .id()
            .field("notification_id", .uuid, .required, .references("notifications", "id"))
            .field("user_id", .uuid, .required, .references("user_accounts", "id"))
            .field("channel", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .unique(on: "notification_id", "channel")
            .create()
        guard let sql = database as? any SQLDatabase else { throw MigrationNeedsSQL(migration: name) }
        // The gateway's query: pending rows of its channel, oldest first.
        try await sql.create(index: "notification_outbox_drain_idx").on("notification_outbox")
            .column("channel").column("status").column("created_at").run()
        try await sql.create(index: "notification_outbox_user_idx").on("notification_outbox").column("user_id").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("notification_outbox").delete()
    }
}
