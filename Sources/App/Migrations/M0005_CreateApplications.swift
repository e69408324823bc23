import Fluent

struct M0005_CreateApplications: AsyncMigration {
    var name: String { "M0005_CreateApplications" }

    func prepare(on database: Database) async throws {
        try await database.schema(ApplicationRecord.schema)
            .id()
            .field("applicant_id", .uuid, .required, .references(UserAccount.schema, "id"))
            .field("unit_id", .uuid, .required, .references(Organization.schema, "id"))
            .field("year", .int, .required)
            .field("policy_id", .string, .required)
            .field("target_level", .string, .required)
            .field("track", .string, .required)
            .field("specialty", .string, .required)
            .field("state", .string, .required)
            .field("basics", .string, .required)
            .field("work_report", .string, .required)
            .field("commitment_signed_at", .datetime)
            .field("submitted_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            // One declaration per person and year (a second level the same year is refused).
            .unique(on: "applicant_id", "year")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(ApplicationRecord.schema).delete()
    }
}
