import Foundation
import Vapor

/// The proxies whose X-Forwarded-For is believed (TRUSTED_PROXIES, e.g.
/// "127.0.0.1" for an nginx on the same machine; default none).
///
/// Why configured, not automatic: anyone can send an X-Forwarded-For header. If it
/// were always believed, one address could guess passwords forever by sending a new
/// made-up address with each try, and the per-address login throttle (issue 12,
/// item 7) would count nothing. Behind nginx, on the other hand, every request
/// comes from nginx's address, and without the header all clients would share one
/// throttle. So the header counts only when the connection itself comes from a
/// listed proxy (deploy/README.md).
struct TrustedProxies: Sendable, Equatable {
    let addresses: Set<String>

    init(_ addresses: some Sequence<String>) {
        self.addresses = Set(addresses.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    static let none = TrustedProxies([String]())

    /// TRUSTED_PROXIES: addresses separated by commas or spaces.
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> TrustedProxies {
        TrustedProxies((environment["TRUSTED_PROXIES"] ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init))
    }

    /// The client's address: the peer itself unless the peer is a trusted proxy; then
    /// the X-Forwarded-For list read from the right (the end our own proxy wrote),
    /// skipping further trusted proxies, so an address a client put at the left is
    /// never taken while a trusted hop stands to its right.
    func client(peer: String?, forwardedFor headers: [String]) -> String? {
        guard let peer, addresses.contains(peer) else { return peer }
        let hops = headers.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for hop in hops.reversed() where !addresses.contains(hop) { return hop }
        return hops.first ?? peer
    }
}

extension Application {
    private struct TrustedProxiesKey: StorageKey { typealias Value = TrustedProxies }

    var trustedProxies: TrustedProxies {
        get { storage[TrustedProxiesKey.self] ?? .none }
        set { storage[TrustedProxiesKey.self] = newValue }
    }
}

extension Request {
    /// Who is on the other end, through a trusted proxy if there is one: the address
    /// the login throttle counts and login audit records name.
    var clientAddress: String? {
        application.trustedProxies.client(peer: remoteAddress?.ipAddress, forwardedFor: headers[.xForwardedFor])
    }
}
