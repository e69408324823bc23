import Fluent

struct M0002_CreateUserAccounts: AsyncMigration {
    var name: String { "M0002_CreateUserAccounts" }

    func prepare(on database: Database) async throws {
        try await database.schema(UserAccount.schema)
            .id()
            .field("username", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("organization_id", .uuid, .required, .references(Organization.schema, "id"))
            .field("real_name", .string, .required)
            .field("id_number", .string)
            .field("mobile", .string)
            .field("is_disabled", .bool, .required)
            .field("failed_logins", .int, .required)
            .field("locked_until", .datetime)
            .field("must_change_password", .bool, .required)
            .field("last_login_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "username")
            .unique(on: "id_number")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(UserAccount.schema).delete()
    }
}
