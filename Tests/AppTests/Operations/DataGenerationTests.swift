import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import App

/// Issue 18: the data generation the page cache keys by is moved by the database on every
/// committed change (SQLite and PostgreSQL: both suites run these).
@Suite("数据版本：每次提交都改变")
struct DataGenerationTests {
    @Test("every table but the sessions, the migration log and the generation itself bumps the generation")
    func everyTableHasTheTriggers() async throws {
        try await withTestApp(demo: false) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let tables = Set(try await BackupRestore.tableNames(on: app.db))
            #expect(tables.contains("applications") && tables.contains("audit_records") && tables.contains("data_generation"))
            let covered = Set(try await DataGeneration.tablesWithTriggers(on: sql))
            let missing = tables.subtracting(covered).subtracting(DataGeneration.excluded)
            // A migration that creates a table ends with `DataGeneration.installTriggers(on:)`.
            #expect(missing.isEmpty, "tables without the data generation triggers: \(missing.sorted())")
            #expect(covered.isDisjoint(with: DataGeneration.excluded))
        }
    }

    @Test("an insert, an update and a delete each move it on; a session's touch does not")
    func writesMoveIt() async throws {
        try await withTestApp(demo: false) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let start = try await DataGeneration.current(on: app.db)
            let id = UUID()
            try await sql.raw("INSERT INTO server_secrets (id, name, value, created_at) VALUES (\(bind: id), 'test', 'a', \(bind: Date()))").run()
            let afterInsert = try await DataGeneration.current(on: app.db)
            #expect(afterInsert > start)
            try await sql.raw("UPDATE server_secrets SET value = 'b' WHERE id = \(bind: id)").run()
            let afterUpdate = try await DataGeneration.current(on: app.db)
            #expect(afterUpdate > afterInsert)
            try await sql.raw("DELETE FROM server_secrets WHERE id = \(bind: id)").run()
            let afterDelete = try await DataGeneration.current(on: app.db)
            #expect(afterDelete > afterUpdate)
            // Sessions are touched once a minute by every signed-in visitor: excluded.
            let session = UserSession(tokenHash: SessionStore.hash("t"), userID: nil, csrfToken: "c", now: Date())
            try await session.create(on: app.db)
            session.lastSeenAt = Date().addingTimeInterval(120)
            try await session.update(on: app.db)
            #expect(try await DataGeneration.current(on: app.db) == afterDelete)
        }
    }

    @Test("a rolled-back change leaves it as it was; a transaction of many rows moves it (once on PostgreSQL)")
    func transactions() async throws {
        try await withTestApp(demo: false) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let start = try await DataGeneration.current(on: app.db)
            struct Stop: Error {}
            await #expect(throws: Stop.self) {
                try await app.db.transaction { db in
                    let s = try #require(db as? any SQLDatabase)
                    try await s.raw("INSERT INTO server_secrets (id, name, value, created_at) VALUES (\(bind: UUID()), 'x', 'x', \(bind: Date()))").run()
                    throw Stop()
                }
            }
            #expect(try await DataGeneration.current(on: app.db) == start)
            try await app.db.transaction { db in
                let s = try #require(db as? any SQLDatabase)
                for i in 0..<5 {
                    try await s.raw("INSERT INTO server_secrets (id, name, value, created_at) VALUES (\(bind: UUID()), \(bind: "n\(i)"), 'x', \(bind: Date()))").run()
                }
            }
            let after = try await DataGeneration.current(on: app.db)
            if sql.dialect.name == "postgresql" {
                #expect(after == start + 1) // deferred to the commit, once per transaction
            } else {
                #expect(after == start + 5)
            }
        }
    }
}
