import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
import Domain

/// Issue 12 item 6: `/metrics` in the Prometheus text format, by route pattern,
/// open to loopback or a configured token only.
@Suite struct MetricsTests {
    @Test func aScrapeCountsRequestsByRoutePatternAndQueuesByState() async throws {
        try await withTestApp(demo: false) { app in
            try await DemoData.load(into: app, quiet: true) // with the demo's declarations in their states
            app.metrics = MetricsRegistry(token: "scrape-token-for-tests")
            var browser = Browser(app)
            try await browser.login("applicant1")
            try await browser.get("/conditions")
            try await browser.get("/conditions")
            let home = try await browser.get("/applications")
            if let overview = home.location { try await browser.get(overview) }
            let denied = try await app.testing().sendRequest(.GET, "/metrics")
            #expect(denied.status == .forbidden) // no loopback address in memory, no token
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: "scrape-token-for-tests")
            let scrape = try await app.testing().sendRequest(.GET, "/metrics", headers: headers)
            #expect(scrape.status == .ok)
            #expect(scrape.headers.contentType?.description.hasPrefix("text/plain") == true)
            let text = scrape.body.string
            #expect(text.contains(#"title_review_http_requests_total{method="GET",route="/conditions",status="2xx"} 2"#))
            #expect(text.contains(#"title_review_http_request_duration_seconds_count{method="GET",route="/conditions",status="2xx"} 2"#))
            #expect(text.contains(#"title_review_http_requests_total{method="POST",route="/login",status="3xx"} 1"#))
            // Patterns, never concrete URLs: no application id appears.
            let ids = try await ApplicationRecord.query(on: app.db).all().compactMap(\.id)
            #expect(!ids.contains { text.lowercased().contains($0.uuidString.lowercased()) })
            #expect(text.contains(#"title_review_applications{state="draft"}"#))
            #expect(text.contains("title_review_sessions 1"))
            #expect(text.contains(#"title_review_page_cache_total{event="hit"} "#) && text.contains("title_review_page_cache_bytes "))
            #expect(text.contains("title_review_uploads_active 0"))
            headers.bearerAuthorization = BearerAuthorization(token: "wrong-token-for-tests")
            #expect(try await app.testing().sendRequest(.GET, "/metrics", headers: headers).status == .forbidden)
        }
    }

    @Test func loopbackMayScrapeWithoutTokenButNotThroughAProxy() async throws {
        try await withTestApp(demo: false) { app in
            app.metrics = MetricsRegistry(token: nil)
            let live = try app.testing(method: .running(hostname: "127.0.0.1", port: 0))
            #expect(try await live.sendRequest(.GET, "/healthz").status == .ok)
            let local = try await live.sendRequest(.GET, "/metrics")
            #expect(local.status == .ok)
            #expect(local.body.string.contains(#"route="/healthz""#))
            var forwarded = HTTPHeaders()
            forwarded.add(name: "X-Forwarded-For", value: "203.0.113.9")
            #expect(try await live.sendRequest(.GET, "/metrics", headers: forwarded).status == .forbidden)
        }
    }
}

/// LOG_FORMAT=json: each line one JSON object with the request id and no personal data.
@Suite struct JSONLogTests {
    final class Lines: @unchecked Sendable {
        let lock = NSLock()
        var all: [String] = []
        func add(_ s: String) { lock.lock(); all.append(s); lock.unlock() }
    }

    @Test func eachLineIsOneJSONObjectWithItsMetadata() {
        let lines = Lines()
        var logger = Logger(label: "codes.vapor.request") { label in JSONLogHandler(label: label, write: { lines.add($0) }) }
        logger[metadataKey: "request-id"] = "6C30729D-1619-4C13-960B-F88D8139154C"
        logger.info("GET /home 200 2.1ms")
        logger.debug("below the level: dropped")
        logger.warning("a \"quoted\"\nmessage")
        #expect(lines.all.count == 2)
        let first = try? JSONSerialization.jsonObject(with: Data(lines.all[0].utf8)) as? [String: String]
        #expect(first?["request-id"] == "6C30729D-1619-4C13-960B-F88D8139154C")
        #expect(first?["message"] == "GET /home 200 2.1ms")
        #expect(first?["level"] == "info")
        #expect(first?["label"] == "codes.vapor.request")
        #expect(first?["time"]?.hasSuffix("Z") == true)
        let second = try? JSONSerialization.jsonObject(with: Data(lines.all[1].utf8)) as? [String: String]
        #expect(second?["message"] == "a \"quoted\"\nmessage")
        #expect(!lines.all[1].contains("\n")) // the newline is escaped: one line per record
    }
}
