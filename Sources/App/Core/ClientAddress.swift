import Foundation
import Vapor

/// The proxies whose X-Forwarded-For or Forwarded is believed (TRUSTED_PROXIES, e.g.
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
    /// the forwarded list read from the right (the end our own proxy wrote), skipping
    /// further trusted proxies, so an address a client put at the left is never taken
    /// while a trusted hop stands to its right.
    ///
    /// A proxy writes `X-Forwarded-For` or RFC 7239's `Forwarded` (issue 18 item 3);
    /// both are read by `ForwardedHops`. When a request carries both and they name
    /// different clients, one of them came from the client, and which one depends on
    /// the proxy's configuration: the proxy's own address is taken instead, so a
    /// client that rotates a made-up header lands in one throttle bucket, never in a
    /// fresh one each time.
    func client(peer: String?, headers: HTTPHeaders) -> String? {
        client(peer: peer, forwardedFor: headers[.xForwardedFor], forwarded: headers[.forwarded])
    }

    func client(peer: String?, forwardedFor: [String], forwarded: [String] = []) -> String? {
        guard let peer, addresses.contains(peer) else { return peer }
        let legacy = nearestUntrusted(ForwardedHops.xForwardedFor(forwardedFor))
        let standard = nearestUntrusted(ForwardedHops.forwarded(forwarded))
        switch (legacy, standard) {
        case (nil, nil): return peer
        case (let one?, nil), (nil, let one?): return one
        case (let a?, let b?): return a == b ? a : peer
        }
    }

    /// The rightmost hop that is not one of ours; the leftmost when all are ours.
    private func nearestUntrusted(_ hops: [String]) -> String? {
        for hop in hops.reversed() where !addresses.contains(hop) { return hop }
        return hops.first
    }
}

/// The one reader of forwarding headers, for the client address (login throttle,
/// audit records) and for `/metrics`' question whether a request came through a proxy.
enum ForwardedHops {
    /// Whether any proxy header is present: behind a proxy every caller looks local.
    static func isForwarded(_ headers: HTTPHeaders) -> Bool {
        !headers[.xForwardedFor].isEmpty || !headers[.forwarded].isEmpty || !headers[HTTPHeaders.Name("X-Real-IP")].isEmpty
    }

    /// `X-Forwarded-For: 203.0.113.5, 198.51.100.7`: the addresses, left to right.
    static func xForwardedFor(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.compactMap { address(String($0)) }
    }

    /// RFC 7239 `Forwarded: for=192.0.2.60;proto=http;by=203.0.113.43, For="[2001:db8::1]:4711"`:
    /// the `for` of each element, left to right. Parameter names are case-insensitive,
    /// a value is a token or a quoted string (commas and semicolons inside quotes are
    /// text); an element without `for` adds no hop.
    static func forwarded(_ values: [String]) -> [String] {
        var hops: [String] = []
        for value in values {
            for element in split(value, on: ",") {
                for pair in split(element, on: ";") {
                    guard let equals = pair.firstIndex(of: "=") else { continue }
                    let name = pair[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
                    guard name == "for" else { continue }
                    let raw = pair[pair.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                    if let hop = address(unquoted(raw)) { hops.append(hop) }
                }
            }
        }
        return hops
    }

    /// One hop as an address: brackets and a port taken off ("[2001:db8::1]:4711",
    /// "192.0.2.60:80"), IPv6 lowercased; nil when empty. "unknown" and obfuscated
    /// names ("_hidden") stay as they are: a hop, though not an address.
    static func address(_ raw: String) -> String? {
        var text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            text = String(text[text.index(after: text.startIndex)..<close])
            return text.isEmpty ? nil : text.lowercased()
        }
        let colons = text.filter { $0 == ":" }.count
        if colons == 1, let colon = text.firstIndex(of: ":") { text = String(text[..<colon]) }
        if colons > 1 { text = text.lowercased() }
        return text.isEmpty ? nil : text
    }

    /// Splits on `separator` outside double quotes.
    private static func split(_ text: String, on separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for c in text {
            if escaped { current.append(c); escaped = false; continue }
            if quoted, c == "\\" { current.append(c); escaped = true; continue }
            if c == "\"" { quoted.toggle() }
            if c == separator, !quoted { parts.append(current); current = ""; continue }
            current.append(c)
        }
        parts.append(current)
        return parts
    }

    /// A quoted-string's text (backslash escapes undone); a token as it is.
    private static func unquoted(_ value: String) -> String {
        guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else { return value }
        var text = ""
        var escaped = false
        for c in value.dropFirst().dropLast() {
            if escaped { text.append(c); escaped = false } else if c == "\\" { escaped = true } else { text.append(c) }
        }
        return text
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
        application.trustedProxies.client(peer: remoteAddress?.ipAddress, headers: headers)
    }
}
