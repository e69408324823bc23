import Foundation
import NIOConcurrencyHelpers
import NIOPosix
import Vapor

/// bcrypt on threads of its own, with a bounded waiting line (issue 12, item 2:
/// a login storm must not starve other pages).
///
/// Why not `req.password.async`: it runs on the application's thread pool, which
/// file writes, downloads and poppler also use, and it queues without limit, so a
/// few hundred logins a second would put every upload and download behind seconds
/// of hashing. Here hashing gets `threads` threads (one fewer than the cores, so
/// the event loops always keep a core), at most `queueLimit` more wait, and the
/// rest are refused at once with `Busy` (503 and Retry-After) instead of waiting
/// without end.
final class PasswordWork: Sendable {
    /// The line is full: try again in a moment. Not a failed login.
    struct Busy: AbortError {
        var status: HTTPResponseStatus { .serviceUnavailable }
        var reason: String { PasswordWork.busyMessage }
        var headers: HTTPHeaders { ["Retry-After": String(PasswordWork.retryAfterSeconds)] }
    }

    static let busyMessage = "登录人数较多，请稍后再试。"
    static let retryAfterSeconds = 5

    let threads: Int
    let queueLimit: Int
    let cost: Int
    private let pool: NIOThreadPool
    /// Calls admitted: running plus waiting.
    private let admitted = NIOLockedValueBox(0)

    init(threads: Int, queueLimit: Int, cost: Int) {
        self.threads = max(1, threads)
        self.queueLimit = max(0, queueLimit)
        self.cost = cost
        pool = NIOThreadPool(numberOfThreads: self.threads)
        pool.start()
    }

    /// PASSWORD_THREADS (default: cores − 1, at least 1) and PASSWORD_QUEUE
    /// (default: 16 per thread, about four seconds of waiting at cost 12).
    static func fromEnvironment(cost: Int, environment: [String: String] = ProcessInfo.processInfo.environment) -> PasswordWork {
        let threads = Int(environment["PASSWORD_THREADS"] ?? "") ?? max(1, System.coreCount - 1)
        let queue = Int(environment["PASSWORD_QUEUE"] ?? "") ?? 16 * max(1, threads)
        return PasswordWork(threads: threads, queueLimit: queue, cost: cost)
    }

    /// Calls running or waiting now (for tests and metrics).
    var inFlight: Int { admitted.withLockedValue { $0 } }

    /// Whether a call made now would be admitted (a cheap early check; `run` decides).
    var hasRoom: Bool { inFlight < threads + queueLimit }

    /// A new bcrypt hash of `password` at the configured cost.
    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await run { try Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `created`; a malformed stored hash is no match.
    /// Throws only `Busy`, so callers cannot swallow the refusal with `try?` by mistake.
    func verify(_ password: String, created: String) async throws -> Bool {
        try await run { (try? Bcrypt.verify(password, created: created)) ?? false }
    }

    /// Runs `work` on the password threads if the line has room, else throws `Busy`.
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let capacity = threads + queueLimit
        let entered = admitted.withLockedValue { n -> Bool in
            guard n < capacity else { return false }
            n += 1
            return true
        }
        guard entered else { throw Busy() }
        defer { admitted.withLockedValue { $0 -= 1 } }
        return try await pool.runIfActive(work)
    }

    /// For an application `configure` did not set up (never stopped; one per process).
    static let fallback = PasswordWork.fromEnvironment(cost: 12)

    func shutdown() async {
        try? await pool.shutdownGracefully()
    }
}

extension Application {
    private struct PasswordWorkKey: StorageKey { typealias Value = PasswordWork }

    /// Set in `configure` (`usePasswordWork`); tests may replace it.
    var passwordWork: PasswordWork {
        get { storage[PasswordWorkKey.self] ?? PasswordWork.fallback }
        set { storage[PasswordWorkKey.self] = newValue }
    }

    /// Installs `work` and stops its threads when the application shuts down.
    func usePasswordWork(_ work: PasswordWork) {
        passwordWork = work
        lifecycle.use(PasswordWorkShutdown())
    }
}

/// Stops the password threads with the application (whichever instance is installed then).
private struct PasswordWorkShutdown: LifecycleHandler {
    func shutdownAsync(_ application: Application) async {
        await application.passwordWork.shutdown()
    }
}

extension Request {
    /// Hash and verify passwords on the bounded password threads.
    var passwordWork: PasswordWork { application.passwordWork }
}
