import Fluent
import SQLKit
import NIOConcurrencyHelpers
import Vapor

/// SQLite has one writer at a time, and two transactions that both read before
/// writing make one of them fail ("database is locked") instead of waiting.
/// On SQLite, the embedded single-instance store, write transactions therefore
/// queue here, in order; on PostgreSQL they run side by side.
final class WriteGate: Sendable {
    private struct State {
        var locked = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = NIOLockedValueBox(State())

    func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        do {
            let value = try await body()
            release()
            return value
        } catch {
            release()
            throw error
        }
    }

    /// Runs `body` in a transaction that holds SQLite's write lock from its first
    /// statement (issue 18 item 3: under four concurrent refusals about one
    /// `security.denied` record in a thousand was lost).
    ///
    /// Why: the gate queues this process's write transactions, but a few writes run
    /// outside it (a session's last-seen time, the session sweep). Fluent opens a
    /// deferred transaction, so an append read the chain's last record first and
    /// asked for the write lock second; when one of those writes held the lock at
    /// that moment SQLite answered "database is locked" at once, without waiting
    /// (waiting could deadlock a reader that wants to write), and in WAL mode a
    /// write committed after the read made the upgrade fail the same way. Taken at
    /// the start (`BEGIN IMMEDIATE`), the lock is waited for like any other, and the
    /// transaction reads the latest chain. The empty deferred transaction Fluent
    /// opened is closed first; Fluent's own COMMIT or ROLLBACK then ends this one.
    static func writing<T: Sendable>(_ db: any Database,
                                     _ body: @Sendable (any Database) async throws -> T) async throws -> T {
        if let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" {
            try await sql.raw("COMMIT TRANSACTION").run()
            try await sql.raw("BEGIN IMMEDIATE TRANSACTION").run()
        }
        return try await body(db)
    }

    private func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let proceed = state.withLockedValue { s -> Bool in
                if s.locked {
                    s.waiters.append(continuation)
                    return false
                }
                s.locked = true
                return true
            }
            if proceed { continuation.resume() }
        }
    }

    private func release() {
        let next = state.withLockedValue { s -> CheckedContinuation<Void, Never>? in
            if s.waiters.isEmpty {
                s.locked = false
                return nil
            }
            return s.waiters.removeFirst()
        }
        next?.resume()
    }
}

extension Application {
    private struct WriteGateKey: StorageKey { typealias Value = WriteGate }

    var writeGate: WriteGate? {
        get { storage[WriteGateKey.self] }
        set { storage[WriteGateKey.self] = newValue }
    }

    /// A write transaction: a change and its audit record commit together.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard let gate = writeGate else { return try await db.transaction(body) }
        return try await gate.run { try await db.transaction { try await WriteGate.writing($0, body) } }
    }
}

extension Request {
    /// A write transaction on the request's database (see `Application.transaction`).
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard let gate = application.writeGate else { return try await db.transaction(body) }
        return try await gate.run { try await db.transaction { try await WriteGate.writing($0, body) } }
    }
}
