import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

/// `GET /livez` (issue 18, the benchmark's ceiling): answered before every other
/// layer -- no session, no database, no metrics sample -- while `/healthz` still
/// asks the database.
@Suite struct LivenessTests {
    @Test func livezAnswersBeforeEveryLayerAndHealthzStillAsksTheDatabase() async throws {
        try await withTestApp { app in
            let counter = QueryCountTests.QueryCounter()
            app.middleware.use(counter, at: .end)
            // A session cookie is not even read: no session query, no cleared cookie.
            var headers = HTTPHeaders()
            headers.cookie = HTTPCookies(dictionaryLiteral: (SessionStore.cookieName, .init(string: "not-a-session")))
            let live = try await app.testing().sendRequest(.GET, "/livez", headers: headers)
            #expect(live.status == .ok && live.body.string == "ok\n")
            #expect(live.headers.first(name: .setCookie) == nil)
            #expect(live.headers.first(name: .cacheControl) == "no-store")
            #expect(counter.count("/livez") == nil) // nothing below it ran
            let health = try await app.testing().sendRequest(.GET, "/healthz")
            #expect(health.status == .ok && health.body.string.contains(#""status":"ok""#))
            #expect((counter.count("/healthz") ?? 0) >= 1)
            // Only GET and HEAD on the exact path.
            #expect(try await app.testing().sendRequest(.POST, "/livez").status != .ok)
            #expect(try await app.testing().sendRequest(.GET, "/livez/more").status == .notFound)
        }
    }
}
