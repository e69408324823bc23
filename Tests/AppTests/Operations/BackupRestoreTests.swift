import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import App
import Domain

/// Issue 12 item 5: a backup taken from a database with the demo's declarations and
/// files restores into an empty database with the same rows in every table, the
/// same files byte for byte, and an audit chain that still verifies.
@Suite(.serialized) struct BackupRestoreTests {
    private static func scratch(_ name: String) -> String {
        let dir = NSTemporaryDirectory() + "title-review-backup-tests/" + name + "-" + UUID().uuidString.prefix(8).lowercased()
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The content of every dossier file, by path under the store.
    private static func fileDigests(_ root: String) throws -> [String: String] {
        var digests: [String: String] = [:]
        for relative in try BackupRestore.dossierFiles(in: root) {
            digests[relative] = try BackupManifest.sha256(ofFile: root + "/" + relative).digest
        }
        return digests
    }

    @Test func sqliteRoundTripKeepsRowsFilesAndTheAuditChain() async throws {
        let work = Self.scratch("sqlite")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let backupDir = work + "/backup"
        var before: [String: Int] = [:]
        var filesBefore: [String: String] = [:]
        // Source: a database file (VACUUM INTO needs one) with the demo year and its dossier files.
        try await withTestApp(demo: false, configure: { $0.store = .sqliteFile(work + "/source.sqlite") }) { app in
            guard case .sqliteFile = app.config.store else { return }
            try await DemoData.load(into: app, quiet: true)
            before = try await BackupRestore.rowCounts(on: app.db)
            filesBefore = try Self.fileDigests(app.config.filesPath)
            let manifest = try await BackupRestore.backup(db: app.db, store: app.config.store, filesPath: app.config.filesPath,
                                                          policyID: app.policies.current.id, into: backupDir)
            #expect(manifest.entries.count == filesBefore.count + 1)
            // A second backup into the same directory is refused.
            await #expect(throws: BackupError.self) {
                _ = try await BackupRestore.backup(db: app.db, store: app.config.store, filesPath: app.config.filesPath,
                                                   policyID: app.policies.current.id, into: backupDir)
            }
        }
        guard !before.isEmpty else { return } // DATABASE_URL set: the PostgreSQL test covers it
        #expect((before["applications"] ?? 0) > 10)
        #expect(!filesBefore.isEmpty)

        let restoredPath = work + "/restored.sqlite", restoredFiles = work + "/restored-files"
        _ = try BackupRestore.restoreSQLite(from: backupDir, databasePath: restoredPath, filesPath: restoredFiles)
        #expect(try Self.fileDigests(restoredFiles) == filesBefore)
        // Into a database that now holds data: refused with a message that says so.
        #expect(throws: BackupError("database: \(restoredPath) already exists and is not empty; restore into a new DATABASE_PATH")) {
            _ = try BackupRestore.restoreSQLite(from: backupDir, databasePath: restoredPath, filesPath: work + "/other-files")
        }
        let expected = before
        try await withTestApp(demo: false, configure: {
            $0.store = .sqliteFile(restoredPath)
            $0.filesPath = restoredFiles
        }) { app in
            let counts = try await BackupRestore.rowCounts(on: app.db)
            #expect(counts == expected)
            let audit = try await AuditLog.verify(on: app.db)
            #expect(audit == .intact(count: expected["audit_records"] ?? -1))
        }
    }

    @Test func aDamagedBackupIsRefusedBeforeAnythingIsWritten() async throws {
        let work = Self.scratch("damaged")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let backupDir = work + "/backup"
        var made = false
        try await withTestApp(demo: true, configure: { $0.store = .sqliteFile(work + "/source.sqlite") }) { app in
            guard case .sqliteFile = app.config.store else { return }
            _ = try await BackupRestore.backup(db: app.db, store: app.config.store, filesPath: app.config.filesPath,
                                               policyID: app.policies.current.id, into: backupDir)
            made = true
        }
        guard made else { return }
        // One byte of the image changed after the backup.
        let image = backupDir + "/" + BackupRestore.sqliteImage
        var bytes = try Data(contentsOf: URL(fileURLWithPath: image))
        bytes[bytes.count - 1] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: image))
        #expect(throws: BackupError("database.sqlite: SHA-256 does not match the manifest (damaged or altered)")) {
            _ = try BackupRestore.restoreSQLite(from: backupDir, databasePath: work + "/r.sqlite", filesPath: work + "/r-files")
        }
        #expect(!FileManager.default.fileExists(atPath: work + "/r.sqlite"))
    }

    /// PostgreSQL (when DATABASE_URL is set and pg_dump/pg_restore are installed): the
    /// test's schema is dumped, dropped, and restored from the dump.
    @Test func postgresRoundTrip() async throws {
        guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty,
              FileManager.default.isExecutableFile(atPath: "/usr/bin/pg_dump"),
              FileManager.default.isExecutableFile(atPath: "/usr/bin/pg_restore") else { return }
        let work = Self.scratch("pg")
        defer { try? FileManager.default.removeItem(atPath: work) }
        try await withTestApp(demo: false) { app in
            guard case .postgres(let url, let schema?) = app.config.store, let sql = app.db as? any SQLDatabase else { return }
            try await DemoData.load(into: app, quiet: true)
            let before = try await BackupRestore.rowCounts(on: app.db)
            let filesBefore = try Self.fileDigests(app.config.filesPath)
            _ = try await BackupRestore.backup(db: app.db, store: app.config.store, filesPath: app.config.filesPath,
                                               policyID: app.policies.current.id, into: work + "/backup")
            // Not empty: refused.
            await #expect(throws: BackupError.self) {
                _ = try await BackupRestore.restorePostgres(from: work + "/backup", db: app.db, url: url, filesPath: work + "/files")
            }
            try await sql.raw("DROP SCHEMA \(ident: schema) CASCADE").run()
            _ = try await BackupRestore.restorePostgres(from: work + "/backup", db: app.db, url: url, filesPath: work + "/files")
            #expect(try await BackupRestore.rowCounts(on: app.db) == before)
            #expect(try Self.fileDigests(work + "/files") == filesBefore)
            #expect(try await AuditLog.verify(on: app.db) == .intact(count: before["audit_records"] ?? -1))
        }
    }

    /// A backup holds the files the database names: not uploads in progress (`tmp/`)
    /// nor the files the start-up sweep set aside without a record (`orphaned/`).
    @Test func backupLeavesOutTemporaryAndOrphanedFiles() throws {
        let root = NSTemporaryDirectory() + "backup-files-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        for relative in ["ab/abcd", "tmp/upload", "orphaned/ab/lost", "orphanedish/x"] {
            let path = root + "/" + relative
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: path, contents: Data("x".utf8))
        }
        let files = try BackupRestore.dossierFiles(in: root)
        #expect(files == ["ab/abcd", "orphanedish/x"])
    }
}
