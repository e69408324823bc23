import Foundation

/// Login lockout (等保 2.0 身份鉴别): after `threshold` consecutive failures
/// an account is locked for `duration`. Pure, so the rule is tested alone.
public struct LockoutPolicy: Sendable {
    public var threshold: Int
    public var duration: TimeInterval

    public init(threshold: Int = 5, duration: TimeInterval = 15 * 60) {
        self.threshold = threshold
        self.duration = duration
    }

    public struct State: Equatable, Sendable {
        public var failedLogins: Int
        public var lockedUntil: Date?

        public init(failedLogins: Int, lockedUntil: Date?) {
            self.failedLogins = failedLogins
            self.lockedUntil = lockedUntil
        }

        public func isLocked(at now: Date) -> Bool { lockedUntil.map { $0 > now } ?? false }
    }

    public enum Event: Equatable, Sendable {
        /// The lock ran out before this attempt.
        case unlockedByTime
        /// This failure reached the threshold.
        case locked(until: Date)
    }

    /// A wrong password. Returns the new state and whether it locked the account.
    public func failure(_ state: State, at now: Date) -> (State, [Event]) {
        var events: [Event] = []
        var failed = state.failedLogins
        if let until = state.lockedUntil, until <= now {
            events.append(.unlockedByTime)
            failed = 0
        }
        failed += 1
        if failed >= threshold {
            let until = now.addingTimeInterval(duration)
            events.append(.locked(until: until))
            return (State(failedLogins: 0, lockedUntil: until), events)
        }
        return (State(failedLogins: failed, lockedUntil: events.contains(.unlockedByTime) ? nil : state.lockedUntil), events)
    }

    /// A correct password on an unlocked account.
    public func success(_ state: State, at now: Date) -> (State, [Event]) {
        let events: [Event] = (state.lockedUntil.map { $0 <= now } ?? false) ? [.unlockedByTime] : []
        return (State(failedLogins: 0, lockedUntil: nil), events)
    }

    /// Attempts left before the lock, for the message after a failure.
    public func remaining(_ state: State) -> Int { max(0, threshold - state.failedLogins) }
}
