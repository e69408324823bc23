import ArgumentParser
import Foundation
import Vapor

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start the web server (migrations run on start).")

    @ArgumentParser.Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @ArgumentParser.Option(help: "Port to listen on.") var port = 8080
    @ArgumentParser.Flag(help: "Load the demonstration data once and print the demo accounts.") var demo = false

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port: must be between 1 and 65535") }
    }

    func run() async throws {
        // SQLite serves one instance: the lock is taken before the database is touched
        // and held until the process ends (the kernel drops it even on SIGKILL).
        let lock = try Self.singleInstanceLock(AppConfig.fromEnvironment().store)
        defer { lock?.release() }
        let app = try await AppRunner.makeApp(
            arguments: ["title-review", "serve", "--hostname", hostname, "--port", String(port)])
        do {
            // What a kill mid-upload left behind, before any request can start a new upload.
            try await FileSweep.atStart(app)
            if demo {
                app.clock = DemoData.clock(for: app.policies.current)
                try await DemoData.load(into: app)
            }
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// The lock for a SQLite file; exit 1 with one line when another server holds it.
    static func singleInstanceLock(_ store: AppConfig.Store) throws -> SingleInstanceLock? {
        guard case .sqliteFile(let database) = store else { return nil }
        do {
            return try SingleInstanceLock.acquire(SingleInstanceLock.path(forDatabase: database))
        } catch {
            FileHandle.standardError.write(Data((SingleInstanceLock.refusal(database: database, error) + "\n").utf8))
            throw ExitCode(1)
        }
    }
}

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the database migrations, or revert them all with --revert.")

    @ArgumentParser.Flag(help: "Revert every migration (drops the tables).") var revert = false

    func run() async throws {
        let app = try await AppRunner.makeApp(arguments: ["title-review"], migrate: !revert)
        do {
            if revert {
                try await app.autoRevert()
                print("all migrations reverted")
            } else {
                print("migrations applied")
            }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
