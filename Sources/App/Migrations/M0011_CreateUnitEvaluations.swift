import Fluent
import SQLKit

struct M0011_CreateUnitEvaluations: AsyncMigration {
    var name: String { "M0011_CreateUnitEvaluations" }

    func prepare(on database: Database) async throws {
        try await database.schema("unit_evaluations")
            .id()
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("panel", .string, .required)
            .field("ratings", .string, .required)
            .field("authenticity_checked", .bool, .required)
            .field("opinion", .string)
            .field("unit_commitment_by", .string)
            .field("unit_commitment_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "application_id")
            .create()
        try await database.schema("publicities")
            .id()
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("kind", .string, .required)
            .field("starts", .string, .required)
            .field("ends", .string, .required)
            .field("objections", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "application_id", "kind")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("publicities").delete()
        try await database.schema("unit_evaluations").delete()
    }
}
