import Fluent
import SQLKit

/// 收审 appointment days and bookings (十（三）), and 评审费 payments (八).
struct M0017_CreateIntakeAndFees: AsyncMigration {
    var name: String { "M0017_CreateIntakeAndFees" }

    func prepare(on database: Database) async throws {
        try await database.schema("intake_days")
            .id()
            .field("day", .string, .required)
            .field("capacity", .int, .required)
            .field("note", .string, .required)
            .field("created_by", .uuid, .references("user_accounts", "id"))
            .field("created_at", .datetime)
            .unique(on: "day")
            .create()
        try await database.schema("intake_bookings")
            .id()
            .field("intake_day_id", .uuid, .required, .references("intake_days", "id"))
            .field("organization_id", .uuid, .required, .references("organizations", "id"))
            .field("batch_size", .int, .required)
            .field("contact_name", .string, .required)
            .field("contact_phone", .string, .required)
            .field("checked_in_at", .datetime)
            .field("booked_by", .uuid, .references("user_accounts", "id"))
            .field("created_at", .datetime)
            .unique(on: "intake_day_id", "organization_id")
            .create()
        try await database.schema("fee_payments")
            .id()
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("amount", .int, .required)
            .field("receipt_no", .string, .required)
            .field("paid_on", .string, .required)
            .field("recorded_by", .uuid, .references("user_accounts", "id"))
            .field("created_at", .datetime)
            .unique(on: "application_id")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "intake_bookings_organization_idx").on("intake_bookings").column("organization_id").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("fee_payments").delete()
        try await database.schema("intake_bookings").delete()
        try await database.schema("intake_days").delete()
    }
}
