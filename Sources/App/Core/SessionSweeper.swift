import Fluent
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// Deletes sessions idle for longer than the timeout, every few minutes (issue 12,
/// item 7). A session is refused once idle anyway (`SessionMiddleware`); this keeps
/// the rows of visitors who never came back from piling up.
final class SessionSweeper: LifecycleHandler, Sendable {
    static let interval: Duration = .seconds(5 * 60)
    static let initialDelay: Duration = .seconds(30)
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    /// Removes expired sessions; returns how many.
    @discardableResult
    static func sweep(on db: any Database, idleSeconds: Int, now: Date = Date()) async throws -> Int {
        let cutoff = now.addingTimeInterval(-TimeInterval(idleSeconds))
        let expired = UserSession.query(on: db).filter(\.$lastSeenAt < cutoff)
        let count = try await expired.count()
        if count > 0 { try await UserSession.query(on: db).filter(\.$lastSeenAt < cutoff).delete() }
        return count
    }

    /// A task of its own rather than an event loop's repeated task: at shutdown it is
    /// cancelled and awaited, so a sweep never runs on after the database has been
    /// closed (issue 18 item 3: a stop must not crash or hang on background work).
    func didBoot(_ application: Application) throws {
        let idle = application.config.sessionIdleSeconds
        let logger = application.logger
        let loop = Task {
            var delay = Self.initialDelay
            while !Task.isCancelled {
                do { try await Task.sleep(for: delay) } catch { return }
                delay = Self.interval
                do {
                    let n = try await Self.sweep(on: application.db, idleSeconds: idle)
                    if n > 0 { logger.info("session sweep: \(n) expired sessions removed") }
                } catch {
                    logger.warning("session sweep failed: \(String(describing: error))")
                }
            }
        }
        task.withLockedValue { $0 = loop }
    }

    func shutdownAsync(_ application: Application) async {
        let loop = task.withLockedValue { t -> Task<Void, Never>? in defer { t = nil }; return t }
        loop?.cancel()
        await loop?.value
    }

    func shutdown(_ application: Application) {
        task.withLockedValue { t in t?.cancel(); t = nil }
    }
}

extension Application {
    private struct LoginThrottleKey: StorageKey { typealias Value = LoginThrottle }
    private struct UploadLimiterKey: StorageKey { typealias Value = UploadLimiter }

    var loginThrottle: LoginThrottle {
        get { storage[LoginThrottleKey.self] ?? LoginThrottle() }
        set { storage[LoginThrottleKey.self] = newValue }
    }

    var uploadLimiter: UploadLimiter {
        get { storage[UploadLimiterKey.self] ?? UploadLimiter() }
        set { storage[UploadLimiterKey.self] = newValue }
    }

    /// The limits of issue 12 item 7, set up once in `configure`.
    func setUpLimits() {
        loginThrottle = LoginThrottle()
        uploadLimiter = UploadLimiter(permits: Int(ProcessInfo.processInfo.environment["UPLOAD_CONCURRENCY"] ?? "") ?? 4)
        _ = anonymousCSRFKey
        metrics = MetricsRegistry()
        if config.sweepsSessions { lifecycle.use(SessionSweeper()) }
    }
}
