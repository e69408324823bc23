import Foundation
import NIOConcurrencyHelpers

/// Failed logins per client address (issue 12, item 7), beside the per-account
/// lockout: one address guessing across many usernames never trips an account's
/// lock, so it is slowed here. Counted in memory per instance (a restart forgets;
/// with two instances an address gets the limit at each), which is enough to turn
/// a guessing run from thousands of tries a minute into a handful. The address is
/// `Request.clientAddress`: behind nginx, the X-Forwarded-For of a TRUSTED_PROXIES
/// peer, otherwise the connection's own (ClientAddress.swift).
final class LoginThrottle: Sendable {
    /// Failures an address may have inside the window before it is refused.
    let limit: Int
    let window: TimeInterval
    private let failures = NIOLockedValueBox<[String: [Date]]>([:])
    /// Addresses remembered at most, so a flood of spoofed-looking addresses cannot grow memory without bound.
    static let maximumAddresses = 100_000

    init(limit: Int = 30, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    /// Whether this address may try to log in now.
    func allows(_ address: String?, at now: Date = Date()) -> Bool {
        guard let address else { return true }
        return failures.withLockedValue { table in
            let recent = (table[address] ?? []).filter { now.timeIntervalSince($0) < window }
            table[address] = recent.isEmpty ? nil : recent
            return recent.count < limit
        }
    }

    func recordFailure(_ address: String?, at now: Date = Date()) {
        guard let address else { return }
        failures.withLockedValue { table in
            if table.count >= Self.maximumAddresses {
                table = table.filter { $0.value.contains { now.timeIntervalSince($0) < window } }
                if table.count >= Self.maximumAddresses { table.removeAll() }
            }
            var list = (table[address] ?? []).filter { now.timeIntervalSince($0) < window }
            list.append(now)
            table[address] = list
        }
    }

    /// "15分钟": how long an address waits, as the message says it.
    var windowText: String { AppConfig.minutes(Int(window)) }
}
