import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

/// Issue 18 item 3: `/metrics` took a request through a proxy that writes only RFC
/// 7239's `Forwarded` for a loopback caller and served it without the token. The
/// client address (login throttle, audit records) reads `Forwarded` from a trusted
/// proxy as it reads `X-Forwarded-For`, through the one parser.
@Suite struct ForwardedHeaderTests {
    @Test func metricsRefusesEveryForwardedRequestWithoutTheToken() async throws {
        try await withTestApp(demo: false) { app in
            app.metrics = MetricsRegistry(token: nil)
            let live = try app.testing(method: .running(hostname: "127.0.0.1", port: 0))
            #expect(try await live.sendRequest(.GET, "/metrics").status == .ok, "loopback, no proxy")
            for value in ["for=203.0.113.5", #"for="[2001:db8::1]""#, #"For="[2001:db8::1]:4711";proto=https"#,
                          "for=198.51.100.7, for=127.0.0.1", "FOR=unknown", "by=127.0.0.1;proto=http", "proto=https"] {
                var headers = HTTPHeaders()
                headers.add(name: "Forwarded", value: value)
                let response = try await live.sendRequest(.GET, "/metrics", headers: headers)
                #expect(response.status == .forbidden, "Forwarded: \(value)")
                #expect(!response.body.string.contains("title_review_http_requests_total"), "Forwarded: \(value)")
            }
            var lower = HTTPHeaders()
            lower.add(name: "forwarded", value: "for=203.0.113.5")
            #expect(try await live.sendRequest(.GET, "/metrics", headers: lower).status == .forbidden, "header names are case-insensitive")
        }
    }

    /// Behind a trusted proxy that writes `Forwarded`, a failed login's audit record
    /// names the client, and the throttle counts that client.
    @Test func aTrustedProxysForwardedNamesTheClientInTheAuditAndTheThrottle() async throws {
        try await withTestApp { app in
            app.trustedProxies = TrustedProxies(["127.0.0.1"])
            app.loginThrottle = LoginThrottle(limit: 2, window: 600)
            let live = try app.testing(method: .running(hostname: "127.0.0.1", port: 0))
            // The form's anonymous token, as a browser behind the proxy gets it.
            let form = try await live.sendRequest(.GET, "/login")
            let token = try #require(Browser.csrfToken(in: form.body.string))
            let nonce = try #require(form.headers[.setCookie].first { $0.hasPrefix(AnonymousCSRF.cookieName + "=") })
                .prefix { $0 != ";" }
            func fail(_ forwarded: String) async throws -> HTTPResponseStatus {
                var headers = HTTPHeaders()
                headers.add(name: "Forwarded", value: forwarded)
                headers.add(name: .cookie, value: String(nonce))
                headers.contentType = .urlEncodedForm
                let body = ByteBuffer(string: "username=nobody-here&password=wrong&csrf=\(Browser.encode(token))")
                return try await live.sendRequest(.POST, "/login", headers: headers, body: body).status
            }
            _ = try await fail(#"for="[2001:DB8::1]:4711";proto=https"#)
            let records = try await AuditRecord.query(on: app.db).filter(\.$action == "login").all()
            #expect(records.map(\.ip) == ["2001:db8::1"])
            // Two failures from 203.0.113.5 (through a second trusted hop) use up its allowance...
            _ = try await fail("for=203.0.113.5;by=127.0.0.1, for=127.0.0.1")
            _ = try await fail("for=203.0.113.5")
            #expect(try await fail("for=203.0.113.5") == .tooManyRequests)
            // ...while another client behind the same proxy is still heard.
            #expect(try await fail("for=198.51.100.9") != .tooManyRequests)
        }
    }

    @Test func oneParserForBothHeaders() {
        let nginx = TrustedProxies(["127.0.0.1", "::1"])
        #expect(ForwardedHops.forwarded(["for=192.0.2.60;proto=http;by=203.0.113.43"]) == ["192.0.2.60"])
        #expect(ForwardedHops.forwarded([#"for="_gazonk""#, #"For="[2001:db8:cafe::17]:4711""#]) == ["_gazonk", "2001:db8:cafe::17"])
        #expect(ForwardedHops.forwarded(["for=192.0.2.43, for=198.51.100.17;by=203.0.113.60;proto=http"]) == ["192.0.2.43", "198.51.100.17"])
        #expect(ForwardedHops.forwarded([#"for="192.0.2.1:80, x";proto=http"#]) == ["192.0.2.1:80, x"].compactMap(ForwardedHops.address))
        #expect(ForwardedHops.forwarded(["proto=https;host=example.org", ""]) == [])
        #expect(ForwardedHops.xForwardedFor(["203.0.113.9, 10.0.0.1", "[2001:DB8::2]:8080"]) == ["203.0.113.9", "10.0.0.1", "2001:db8::2"])
        #expect(nginx.client(peer: "127.0.0.1", forwardedFor: [], forwarded: ["for=203.0.113.9"]) == "203.0.113.9")
        #expect(nginx.client(peer: "127.0.0.1", forwardedFor: [], forwarded: [#"for="[::1]", for=198.51.100.7, for=127.0.0.1"#]) == "198.51.100.7")
        #expect(nginx.client(peer: "198.51.100.7", forwardedFor: [], forwarded: ["for=1.2.3.4"]) == "198.51.100.7", "an untrusted peer's header is ignored")
        #expect(nginx.client(peer: "127.0.0.1", forwardedFor: ["203.0.113.9"], forwarded: ["for=203.0.113.9"]) == "203.0.113.9")
        // Both headers, different clients: one of them was made up; the proxy's address is taken.
        #expect(nginx.client(peer: "127.0.0.1", forwardedFor: ["203.0.113.9"], forwarded: ["for=1.2.3.4"]) == "127.0.0.1")
        var headers = HTTPHeaders()
        headers.add(name: "forwarded", value: "for=203.0.113.77")
        #expect(nginx.client(peer: "127.0.0.1", headers: headers) == "203.0.113.77")
        #expect(ForwardedHops.isForwarded(headers))
        #expect(!ForwardedHops.isForwarded(HTTPHeaders()))
    }
}
