import Fluent
import SQLKit

/// The data generation and its triggers on every table there is (issue 18: the page
/// cache is invalidated by the database, not by code that might forget). A migration
/// that later creates a table ends with `DataGeneration.installTriggers(on:)`.
struct M0051_CreateDataGeneration: AsyncMigration {
    var name: String { "M0051_CreateDataGeneration" }

    func prepare(on database: Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw MigrationNeedsSQL(migration: name) }
        try await DataGeneration.create(on: sql)
        try await DataGeneration.installTriggers(on: database)
    }

    func revert(on database: Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw MigrationNeedsSQL(migration: name) }
        if sql.dialect.name == "postgresql" {
            // The triggers go with the function.
            try await sql.raw("DROP FUNCTION data_generation_bump() CASCADE").run()
        } else {
            struct Row: Decodable { var name: String }
            let triggers = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'data_generation_%'")
                .all(decoding: Row.self)
            for trigger in triggers { try await sql.raw("DROP TRIGGER \(ident: trigger.name)").run() }
        }
        try await sql.raw("DROP TABLE data_generation").run()
    }
}
