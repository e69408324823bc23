import Fluent

struct M0001_CreateOrganizations: AsyncMigration {
    var name: String { "M0001_CreateOrganizations" }

    func prepare(on database: Database) async throws {
        try await database.schema(Organization.schema)
            .id()
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("division_code", .string, .required)
            .field("unit_kind", .string)
            .field("credit_code", .string)
            .field("is_city_direct", .bool, .required)
            .field("is_above_scale", .bool, .required)
            .field("competent_department_id", .uuid, .references(Organization.schema, "id"))
            .field("personnel_agency_id", .uuid, .references(Organization.schema, "id"))
            .field("is_active", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "name")
            .unique(on: "credit_code")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(Organization.schema).delete()
    }
}
