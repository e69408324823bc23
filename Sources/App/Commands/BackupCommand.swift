import ArgumentParser
import Foundation
import Vapor

/// `title-review backup DIR`: the database (an online snapshot), the dossier files
/// and a manifest with the SHA-256 of each, while the server keeps running.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back up the database and the dossier files into a new directory, with a SHA-256 manifest.")

    @ArgumentParser.Argument(help: "The backup directory (new or empty).") var directory: String

    func run() async throws {
        let app = try await AppRunner.makeApp(arguments: ["title-review"])
        do {
            let manifest = try await BackupRestore.backup(db: app.db, store: app.config.store, filesPath: app.config.filesPath,
                                                          policyID: app.policies.current.id, into: directory)
            try await app.asyncShutdown()
            let bytes = manifest.entries.reduce(Int64(0)) { $0 + $1.size }
            print("backup written to \(directory): \(manifest.databaseFile) and \(manifest.entries.count - 1) dossier files, \(bytes) bytes; manifest.json lists their SHA-256")
        } catch let error as BackupError {
            try? await app.asyncShutdown()
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(2)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

/// `title-review restore DIR`: into an empty database and files directory only;
/// checks every SHA-256 first and the audit chain after.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup directory into an empty database (DATABASE_PATH or DATABASE_URL) and FILES_PATH.")

    @ArgumentParser.Argument(help: "The backup directory written by `title-review backup`.") var directory: String

    func run() async throws {
        let config = AppConfig.fromEnvironment()
        do {
            switch config.store {
            case .sqliteFile(let path):
                // Never under a running server: it holds the same lock for its lifetime.
                let lock: SingleInstanceLock
                do {
                    lock = try SingleInstanceLock.acquire(SingleInstanceLock.path(forDatabase: path))
                } catch {
                    throw BackupError(SingleInstanceLock.refusal(database: path, error, command: "restore"))
                }
                defer { lock.release() }
                _ = try BackupRestore.restoreSQLite(from: directory, databasePath: path, filesPath: config.filesPath)
            case .postgres(let url, _):
                let app = try await AppRunner.makeApp(arguments: ["title-review"], migrate: false)
                do {
                    _ = try await BackupRestore.restorePostgres(from: directory, db: app.db, url: url, filesPath: config.filesPath)
                } catch {
                    try? await app.asyncShutdown()
                    throw error
                }
                try await app.asyncShutdown()
            case .sqliteMemory:
                throw BackupError("database: an in-memory database cannot be restored into")
            }
        } catch let error as BackupError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(2)
        }
        // Open it as the server would (migrations bring an older backup up to date) and check the chain.
        let app = try await AppRunner.makeApp(arguments: ["title-review"])
        let counts: [String: Int]
        let audit: AuditLog.VerifyResult
        do {
            counts = try await BackupRestore.rowCounts(on: app.db)
            audit = try await AuditLog.verify(on: app.db)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        print("restored from \(directory): " + counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        switch audit {
        case .intact(let n): print("audit chain intact: \(n) records")
        case .broken(let seq, let reason):
            print("audit chain broken at record \(seq): \(reason)")
            throw ExitCode(1)
        }
    }
}
