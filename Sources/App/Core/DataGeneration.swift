import Fluent
import SQLKit

/// The data generation: one number that every committed change to the application's
/// data moves on, kept by the database itself (triggers), so that every writer counts —
/// both server instances, the command line, a repair by hand in `psql`. The page cache
/// (`PageCache`) keys every stored page by it: a page stored under one generation is never
/// served once anything has changed since.
///
/// Why triggers and not a call in the code: a write that forgot the call would serve stale
/// pages silently. `DataGenerationTests` checks that every table but `excluded` has them.
///
/// SQLite: a row trigger per table and operation bumps the number in the same transaction
/// as the change. PostgreSQL: a deferred constraint trigger, so the row lock on the
/// number is taken at commit, after everything else the transaction locks (the audit
/// chain's advisory lock included): two writers cannot deadlock on it; a transaction-local
/// setting makes it bump once per transaction, not once per row.
enum DataGeneration {
    static let table = "data_generation"

    /// Tables whose writes change no page: the sessions (touched once a minute by every
    /// signed-in visitor; a page is keyed by its session anyway), Fluent's migration log
    /// and the generation itself.
    static let excluded: Set<String> = ["user_sessions", "_fluent_migrations", table]

    /// Creates the table with its one row (value 0).
    static func create(on sql: any SQLDatabase) async throws {
        try await sql.raw("CREATE TABLE data_generation (id INTEGER PRIMARY KEY, value BIGINT NOT NULL)").run()
        try await sql.raw("INSERT INTO data_generation (id, value) VALUES (1, 0)").run()
        if sql.dialect.name == "postgresql" {
            try await sql.raw("""
                CREATE FUNCTION data_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF current_setting('title_review.generation_bumped', true) IS DISTINCT FROM txid_current()::text THEN
                        UPDATE data_generation SET value = value + 1 WHERE id = 1;
                        PERFORM set_config('title_review.generation_bumped', txid_current()::text, true);
                    END IF;
                    RETURN NULL;
                END $$
                """).run()
        }
    }

    /// Installs the triggers on every table of the schema in use that has none yet and is
    /// not excluded. A migration that creates a table calls this after it (or the test fails).
    static func installTriggers(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw DataGenerationMissing() }
        let existing = Set(try await tablesWithTriggers(on: sql))
        for table in try await BackupRestore.tableNames(on: database) where !excluded.contains(table) && !existing.contains(table) {
            try await install(table: table, on: sql)
        }
    }

    private static func install(table: String, on sql: any SQLDatabase) async throws {
        if sql.dialect.name == "postgresql" {
            try await sql.raw("""
                CREATE CONSTRAINT TRIGGER \(ident: "data_generation_\(table)") AFTER INSERT OR UPDATE OR DELETE ON \(ident: table)
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_generation_bump()
                """).run()
        } else {
            for operation in ["INSERT", "UPDATE", "DELETE"] {
                try await sql.raw("""
                    CREATE TRIGGER \(ident: "data_generation_\(table)_\(operation.lowercased())") AFTER \(unsafeRaw: operation) ON \(ident: table)
                    BEGIN UPDATE data_generation SET value = value + 1 WHERE id = 1; END
                    """).run()
            }
        }
    }

    /// The tables of the schema in use whose writes bump the generation (on SQLite: all
    /// three operations; a table with only some of them is not counted).
    static func tablesWithTriggers(on sql: any SQLDatabase) async throws -> [String] {
        struct Row: Decodable { var name: String }
        if sql.dialect.name == "postgresql" {
            return try await sql.raw("""
                SELECT c.relname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                JOIN pg_proc p ON p.oid = t.tgfoid
                WHERE c.relnamespace = current_schema()::regnamespace AND p.proname = 'data_generation_bump'
                ORDER BY c.relname
                """).all(decoding: Row.self).map(\.name)
        }
        let rows = try await sql.raw("""
            SELECT tbl_name AS name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'data_generation_%'
            AND sql LIKE '%UPDATE data_generation SET value = value + 1%'
            GROUP BY tbl_name HAVING COUNT(*) = 3 ORDER BY tbl_name
            """).all(decoding: Row.self)
        return rows.map(\.name)
    }

    /// The current generation (a visitor without a session; `SessionMiddleware` reads it
    /// with the session in one query).
    static func current(on db: any Database) async throws -> Int64 {
        guard let sql = db as? any SQLDatabase else { throw DataGenerationMissing() }
        struct Row: Decodable { var value: Int64 }
        guard let row = try await sql.raw("SELECT value FROM data_generation WHERE id = 1").first(decoding: Row.self) else {
            throw DataGenerationMissing()
        }
        return row.value
    }
}

/// The generation's row is gone: no page can be cached or served from the cache.
struct DataGenerationMissing: Error, CustomStringConvertible {
    var description: String { "data_generation: no row (migration M0051 not run?)" }
}
