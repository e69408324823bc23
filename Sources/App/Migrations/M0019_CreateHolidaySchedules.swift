import Fluent

/// Holiday schedules the office adds when the State Council publishes a new year
/// (the bundled file covers 2019–2026).
struct M0019_CreateHolidaySchedules: AsyncMigration {
    var name: String { "M0019_CreateHolidaySchedules" }

    func prepare(on database: Database) async throws {
        try await database.schema("holiday_schedules")
            .id()
            .field("year", .int, .required)
            .field("source", .string, .required)
            .field("json", .string, .required)
            .field("created_by", .uuid, .references("user_accounts", "id"))
            .field("created_at", .datetime)
            .unique(on: "year")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("holiday_schedules").delete()
    }
}
