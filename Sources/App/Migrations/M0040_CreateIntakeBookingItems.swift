import Fluent
import SQLKit

/// 收审 by appointment (十（三）, issue 17 item 3): a booking names the applications it
/// brings, and the counter's record of each (originals checked, copies received,
/// originals returned after the review). `open_application_id` holds the
/// application's id while the booking is open and is cleared when it closes: a
/// unique column that both SQLite and PostgreSQL let hold many NULLs, so one
/// application sits in at most one open booking without a partial index.
struct M0040_CreateIntakeBookingItems: AsyncMigration {
    var name: String { "M0040_CreateIntakeBookingItems" }

    func prepare(on database: Database) async throws {
        try await database.schema("intake_booking_items")
            .id()
            .field("booking_id", .uuid, .required, .references("intake_bookings", "id"))
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("open_application_id", .uuid)
            .field("outcome", .string)
            .field("originals_checked", .bool, .required)
            .field("evaluation_form_copies", .int)
            .field("review_form_copies", .int)
            .field("submitted_paper_copies", .int)
            .field("remark", .string)
            .field("received_at", .datetime)
            .field("received_by", .uuid, .references("user_accounts", "id"))
            .field("originals_returned_on", .string)
            .field("originals_returned_at", .datetime)
            .field("originals_returned_by", .uuid, .references("user_accounts", "id"))
            .field("created_at", .datetime)
            .unique(on: "open_application_id")
            .unique(on: "booking_id", "application_id")
            .create()
        guard let sql = database as? any SQLDatabase else { throw MigrationNeedsSQL(migration: name) }
        try await sql.create(index: "intake_booking_items_application_idx").on("intake_booking_items").column("application_id").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("intake_booking_items").delete()
    }
}
