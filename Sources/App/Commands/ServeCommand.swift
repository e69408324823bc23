import ArgumentParser
import Foundation
import NIOConcurrencyHelpers
import NIOCore
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
                app.clock = DemoData.clock(for: app.policyRegistry.earliest.current, calendar: app.workingDays)
                try await DemoData.load(into: app)
            }
            app.http.server.configuration.shutdownTimeout = Self.drainTimeout
            // Returns when SIGTERM or SIGINT arrives.
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        await Self.stop(app)
    }

    /// How long requests in flight may take to finish after SIGTERM.
    static let drainTimeout: TimeAmount = .seconds(7)
    /// Everything (the drain, background work, the database) within this after SIGTERM.
    static let stopBudget: Duration = .seconds(9)

    /// The orderly stop (issue 18 item 3): a request in flight used to crash or hang
    /// the stop ("Server stop took too long"), because `asyncShutdown` closed the
    /// database and the server in no set order and a request still running found no
    /// database. Now the server stops accepting and lets the requests in flight finish
    /// first, while the database and everything else are still there; then the
    /// background work (session sweep, duplication check worker) is cancelled and
    /// awaited and the database closed. Work that does not stop within the budget
    /// (a long duplication check in the thread pool cannot be interrupted) is left:
    /// the process exits, and the job's lease puts it back in the queue.
    static func stop(_ app: Application) async {
        let clock = ContinuousClock()
        let deadline = clock.now + stopBudget
        await app.server.shutdown()
        // Whichever comes first; a task group would wait for the slower one too.
        let finished: Bool = await withCheckedContinuation { continuation in
            let resumed = NIOLockedValueBox(false)
            let resume: @Sendable (Bool) -> Void = { value in
                let first = resumed.withLockedValue { done in defer { done = true }; return !done }
                if first { continuation.resume(returning: value) }
            }
            Task { try? await app.asyncShutdown(); resume(true) }
            Task { try? await Task.sleep(until: deadline, clock: clock); resume(false) }
        }
        if !finished {
            app.logger.warning("shutdown: background work did not stop within \(stopBudget); exiting without it")
            Foundation.exit(0)
        }
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
