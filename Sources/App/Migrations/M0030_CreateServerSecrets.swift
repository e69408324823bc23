import Fluent

/// Secrets the app generates once and every instance shares (the key that signs
/// anonymous forms' CSRF tokens), so two instances behind one proxy agree.
struct M0030_CreateServerSecrets: AsyncMigration {
    var name: String { "M0030_CreateServerSecrets" }

    func prepare(on database: Database) async throws {
        try await database.schema("server_secrets")
            .id()
            .field("name", .string, .required)
            .field("value", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "name")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("server_secrets").delete()
    }
}
