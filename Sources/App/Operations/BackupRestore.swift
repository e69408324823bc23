import Fluent
import Foundation
import SQLKit

/// `title-review backup DIR` and `title-review restore DIR` (issue 12, item 5).
///
/// A backup is a directory: the database image (SQLite `VACUUM INTO`, which reads a
/// consistent snapshot while the server keeps running, or `pg_dump` in its custom
/// format), the dossier files under `files/`, and `manifest.json` with the SHA-256
/// of each. The database is copied first and the files after it, so every file
/// record in the image finds its file (files are only ever added; one uploaded in
/// between is an unreferenced extra, which is harmless).
///
/// A restore goes into an empty database and an empty files directory only: it
/// never merges into or overwrites live data.
enum BackupRestore {
    static let sqliteImage = "database.sqlite"
    static let postgresImage = "database.pgdump"

    // MARK: backup

    static func backup(db: any Database, store: AppConfig.Store, filesPath: String, policyID: String, into directory: String,
                       now: Date = Date()) async throws -> BackupManifest {
        let fm = FileManager.default
        if fm.fileExists(atPath: directory) {
            guard (try fm.contentsOfDirectory(atPath: directory)).isEmpty else {
                throw BackupError("\(directory): not empty; back up into a new directory")
            }
        } else {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let image: String
        switch store {
        case .sqliteMemory:
            throw BackupError("database: an in-memory database cannot be backed up")
        case .sqliteFile:
            guard let sql = db as? any SQLDatabase else { throw BackupError("database: not an SQL database") }
            image = sqliteImage
            let target = directory + "/" + image
            try await sql.raw("VACUUM INTO \(unsafeRaw: quoted(target))").run()
        case .postgres(let url, let schema):
            image = postgresImage
            var arguments = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file=\(directory)/\(image)"]
            if let schema { arguments.append("--schema=\(schema)") }
            arguments.append(url)
            try await run(arguments, what: "pg_dump")
        }
        var entries = [try entry(directory, image)]
        for relative in try dossierFiles(in: filesPath) {
            let target = directory + "/files/" + relative
            try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try fm.copyItem(atPath: filesPath + "/" + relative, toPath: target)
            entries.append(try entry(directory, "files/" + relative))
        }
        let manifest = BackupManifest(createdAt: AuditLog.timestamp(now), database: store.kindName, databaseFile: image,
                                      policy: policyID, entries: entries)
        try manifest.write(to: directory)
        return manifest
    }

    // MARK: restore

    /// Checks the backup, then puts the SQLite image at `databasePath`, which must
    /// not exist yet (or be an empty file), and the files into an empty `filesPath`.
    static func restoreSQLite(from directory: String, databasePath: String, filesPath: String) throws -> BackupManifest {
        let manifest = try BackupManifest.read(from: directory)
        guard manifest.database == "sqlite" else {
            throw BackupError("\(directory): a \(manifest.database) backup; restore it with DATABASE_URL set")
        }
        try manifest.verify(in: directory)
        let fm = FileManager.default
        if let size = (try? fm.attributesOfItem(atPath: databasePath))?[.size] as? Int, size > 0 {
            throw BackupError("database: \(databasePath) already exists and is not empty; restore into a new DATABASE_PATH")
        }
        try checkFilesEmpty(filesPath)
        try fm.createDirectory(atPath: (databasePath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        for suffix in ["", "-wal", "-shm", ".restoring"] { try? fm.removeItem(atPath: databasePath + suffix) }
        // Copy then rename, so an interrupted restore never leaves a half database in place.
        try fm.copyItem(atPath: directory + "/" + manifest.databaseFile, toPath: databasePath + ".restoring")
        try fm.moveItem(atPath: databasePath + ".restoring", toPath: databasePath)
        try restoreFiles(manifest, from: directory, into: filesPath)
        return manifest
    }

    /// Checks the backup and that the database (the schema in use) has no tables,
    /// then runs `pg_restore` and copies the files.
    static func restorePostgres(from directory: String, db: any Database, url: String, filesPath: String) async throws -> BackupManifest {
        let manifest = try BackupManifest.read(from: directory)
        guard manifest.database == "postgres" else {
            throw BackupError("\(directory): a \(manifest.database) backup; restore it with DATABASE_PATH, without DATABASE_URL")
        }
        try manifest.verify(in: directory)
        let tables = try await tableNames(on: db)
        guard tables.isEmpty else {
            throw BackupError("database: not empty (\(tables.count) tables); restore into an empty database")
        }
        try checkFilesEmpty(filesPath)
        try await run(["pg_restore", "--no-owner", "--no-privileges", "--dbname=\(url)", directory + "/" + manifest.databaseFile],
                      what: "pg_restore")
        try restoreFiles(manifest, from: directory, into: filesPath)
        return manifest
    }

    // MARK: comparing

    /// The application's tables (not the engine's own).
    static func tableNames(on db: any Database) async throws -> [String] {
        guard let sql = db as? any SQLDatabase else { return [] }
        struct Row: Decodable { var name: String }
        let query: SQLQueryString = sql.dialect.name == "sqlite"
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
        return try await sql.raw(query).all(decoding: Row.self).map(\.name)
    }

    /// Rows per table: what a restore is compared by.
    static func rowCounts(on db: any Database) async throws -> [String: Int] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        struct Count: Decodable { var n: Int }
        var counts: [String: Int] = [:]
        for table in try await tableNames(on: db) {
            let row = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first(decoding: Count.self)
            counts[table] = row?.n ?? 0
        }
        return counts
    }

    // MARK: helpers

    /// Dossier files relative to the store's root. The store's `tmp/` (uploads in
    /// progress) and `orphaned/` (files without a record, set aside by the start-up
    /// sweep for review) are not part of a backup: it holds what the database names.
    static func dossierFiles(in root: String) throws -> [String] {
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(atPath: root) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if ["tmp", FileSweep.orphanedFolder].contains(where: { relative == $0 || relative.hasPrefix($0 + "/") }) { continue }
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(relative)
            }
        }
        return files.sorted()
    }

    private static func checkFilesEmpty(_ filesPath: String) throws {
        guard (try dossierFiles(in: filesPath)).isEmpty else {
            throw BackupError("files: \(filesPath) already holds dossier files; restore into an empty FILES_PATH")
        }
    }

    private static func restoreFiles(_ manifest: BackupManifest, from directory: String, into filesPath: String) throws {
        let fm = FileManager.default
        for entry in manifest.entries where entry.path.hasPrefix("files/") {
            let target = filesPath + "/" + entry.path.dropFirst("files/".count)
            try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try fm.copyItem(atPath: directory + "/" + entry.path, toPath: target)
        }
    }

    private static func entry(_ directory: String, _ relative: String) throws -> BackupManifest.Entry {
        let (digest, size) = try BackupManifest.sha256(ofFile: directory + "/" + relative)
        return BackupManifest.Entry(path: relative, size: size, sha256: digest)
    }

    private static func quoted(_ path: String) -> String {
        "'" + path.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// Runs a PostgreSQL client tool; a failure names the tool and its first error line.
    static func run(_ arguments: [String], what: String) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch { throw BackupError("\(what): cannot be started (is the PostgreSQL client installed?)") }
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let line = String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "exit \(process.terminationStatus)"
            throw BackupError("\(what): \(line)")
        }
    }
}

extension AppConfig.Store {
    var kindName: String {
        if case .postgres = self { return "postgres" }
        return "sqlite"
    }
}
