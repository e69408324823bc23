import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Request counts and latencies by route pattern, for `/metrics` in the Prometheus
/// text format (issue 12, item 6). The label is the route's pattern
/// (`/applications/:id`), never the concrete URL: ids would make a series per
/// application and could carry personal data.
final class MetricsRegistry: Sendable {
    /// Latency buckets in seconds (upper bounds).
    static let buckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    struct Key: Hashable, Sendable {
        var method: String
        var route: String
        var status: String
    }

    struct Series: Sendable {
        var count = 0
        var sum = 0.0
        var buckets = [Int](repeating: 0, count: MetricsRegistry.buckets.count)
    }

    /// METRICS_TOKEN: a bearer token that opens `/metrics` to a scraper off this machine.
    let token: String?
    private let series = NIOLockedValueBox<[Key: Series]>([:])

    init(token: String? = ProcessInfo.processInfo.environment["METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }) {
        self.token = token
    }

    func observe(method: String, route: String, status: UInt, seconds: Double) {
        let key = Key(method: method, route: route, status: "\(status / 100)xx")
        series.withLockedValue { table in
            var s = table[key] ?? Series()
            s.count += 1
            s.sum += seconds
            for (i, bound) in Self.buckets.enumerated() where seconds <= bound { s.buckets[i] += 1 }
            table[key] = s
        }
    }

    /// The HTTP part of the exposition, series sorted so scrapes diff cleanly.
    func renderHTTP() -> String {
        let table = series.withLockedValue { $0 }
        var lines = ["# HELP title_review_http_requests_total Requests answered, by method, route pattern and status class.",
                     "# TYPE title_review_http_requests_total counter"]
        let keys = table.keys.sorted { ($0.route, $0.method, $0.status) < ($1.route, $1.method, $1.status) }
        for key in keys { lines.append("title_review_http_requests_total{\(labels(key))} \(table[key]!.count)") }
        lines += ["# HELP title_review_http_request_duration_seconds Time to answer, by method and route pattern.",
                  "# TYPE title_review_http_request_duration_seconds histogram"]
        for key in keys {
            let s = table[key]!
            for (i, bound) in Self.buckets.enumerated() {
                lines.append("title_review_http_request_duration_seconds_bucket{\(labels(key)),le=\"\(bound)\"} \(s.buckets[i])")
            }
            lines.append("title_review_http_request_duration_seconds_bucket{\(labels(key)),le=\"+Inf\"} \(s.count)")
            lines.append("title_review_http_request_duration_seconds_sum{\(labels(key))} \(String(format: "%.6f", s.sum))")
            lines.append("title_review_http_request_duration_seconds_count{\(labels(key))} \(s.count)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func labels(_ key: Key) -> String {
        "method=\"\(Self.escape(key.method))\",route=\"\(Self.escape(key.route))\",status=\"\(key.status)\""
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}

extension Application {
    private struct MetricsKey: StorageKey { typealias Value = MetricsRegistry }

    /// Set in `setUpLimits()`; tests may replace it (e.g. with a token).
    var metrics: MetricsRegistry {
        get { storage[MetricsKey.self] ?? MetricsRegistry() }
        set { storage[MetricsKey.self] = newValue }
    }
}

/// Times every request and answers `GET /metrics` itself (so it is no page of the
/// site: no session, no route in the access table). Open to loopback callers that
/// did not come through a proxy, or to `Authorization: Bearer METRICS_TOKEN`.
struct MetricsMiddleware: AsyncMiddleware {
    static let path = "/metrics"

    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if req.url.path == Self.path, req.method == .GET { return try await scrape(req) }
        let started = DispatchTime.now().uptimeNanoseconds
        let route = req.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        func observe(_ status: UInt) {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            req.application.metrics.observe(method: req.method.rawValue, route: route, status: status, seconds: seconds)
        }
        do {
            let response = try await next.respond(to: req)
            observe(response.status.code)
            return response
        } catch {
            observe((error as? any AbortError)?.status.code ?? 500)
            throw error
        }
    }

    static func allowed(_ req: Request) -> Bool {
        let metrics = req.application.metrics
        if let token = metrics.token, let header = req.headers.bearerAuthorization?.token {
            return TokenComparison.equal(header, token)
        }
        // Behind a proxy every caller looks local: a forwarded request needs the token,
        // whichever header the proxy writes (X-Forwarded-For, X-Real-IP, RFC 7239 Forwarded).
        guard !ForwardedHops.isForwarded(req.headers), let ip = req.remoteAddress?.ipAddress else { return false }
        return ip.hasPrefix("127.") || ip == "::1" || ip == "::ffff:127.0.0.1"
    }

    private func scrape(_ req: Request) async throws -> Response {
        guard Self.allowed(req) else {
            return Response(status: .forbidden, body: .init(string: "metrics: loopback only, or Authorization: Bearer METRICS_TOKEN\n"))
        }
        var text = req.application.metrics.renderHTTP()
        text += try await Self.gauges(req)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }

    /// Queue lengths by state, sessions, uploads in progress.
    static func gauges(_ req: Request) async throws -> String {
        var lines = ["# HELP title_review_applications Applications of every year, by workflow state (a body's queue is its state).",
                     "# TYPE title_review_applications gauge"]
        if let sql = req.db as? any SQLDatabase {
            struct Row: Decodable { var state: String; var n: Int }
            let rows = try await sql.raw("SELECT state, COUNT(*) AS n FROM applications GROUP BY state ORDER BY state")
                .all(decoding: Row.self)
            for row in rows { lines.append("title_review_applications{state=\"\(MetricsRegistry.escape(row.state))\"} \(row.n)") }
        }
        let sessions = try await UserSession.query(on: req.db).count()
        let limiter = req.application.uploadLimiter
        lines += ["# HELP title_review_sessions Session rows (signed-in visitors; anonymous forms need none).",
                  "# TYPE title_review_sessions gauge", "title_review_sessions \(sessions)",
                  "# HELP title_review_uploads_active Uploads being received now.",
                  "# TYPE title_review_uploads_active gauge", "title_review_uploads_active \(limiter.active)",
                  "# HELP title_review_uploads_waiting Uploads waiting for a permit (UPLOAD_CONCURRENCY).",
                  "# TYPE title_review_uploads_waiting gauge", "title_review_uploads_waiting \(limiter.queued)"]
        if let cache = req.application.pageCache {
            let counts = cache.currentCounts
            lines += ["# HELP title_review_page_cache_total Whole pages answered from the page cache (hit), rendered (miss), stored, and times the cache was emptied by a new version.",
                      "# TYPE title_review_page_cache_total counter",
                      "title_review_page_cache_total{event=\"hit\"} \(counts.hits)",
                      "title_review_page_cache_total{event=\"miss\"} \(counts.misses)",
                      "title_review_page_cache_total{event=\"stored\"} \(counts.stored)",
                      "title_review_page_cache_total{event=\"emptied\"} \(counts.cleared)",
                      "# HELP title_review_page_cache_bytes Bytes of pages held (PAGE_CACHE_BYTES is the most).",
                      "# TYPE title_review_page_cache_bytes gauge", "title_review_page_cache_bytes \(cache.storedBytes)"]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
