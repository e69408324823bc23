import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
import Domain

/// Issue 12 item 7: forms for visitors who are not signed in need no session row,
/// expired sessions are swept, logins are limited per address as well as per
/// account, and uploads are received a bounded number at a time.
@Suite struct LimitsTests {
    @Test func aHundredLoginPagesWriteNoSessionRowAndTheSignedTokenStillSignsIn() async throws {
        try await withTestApp { app in
            let before = try await UserSession.query(on: app.db).count()
            for _ in 0..<100 {
                var crawler = Browser(app) // a new visitor each time, as a crawler without cookies
                #expect(try await crawler.get("/login").status == .ok)
            }
            #expect(try await UserSession.query(on: app.db).count() == before)
            // The anonymous token is bound to its cookie: someone else's token is refused ...
            var visitor = Browser(app)
            try await visitor.get("/login")
            var other = Browser(app)
            try await other.get("/login")
            let foreign = try await visitor.post("/login", ["username": "office", "password": demoPassword], csrf: other.csrf)
            #expect(foreign.status == .forbidden)
            #expect(try await UserSession.query(on: app.db).count() == before)
            // ... and the visitor's own signs in, with a session row only now.
            let signedIn = try await visitor.post("/login", ["username": "office", "password": demoPassword])
            #expect(signedIn.status == .seeOther)
            #expect(try await UserSession.query(on: app.db).count() == before + 1)
        }
    }

    @Test func theTokenKeyIsStoredOnceAndSharedByInstances() async throws {
        try await withTestApp { app in
            var a = Browser(app)
            try await a.get("/login")
            let token = try #require(a.csrf)
            // A second instance on the same database (a fresh key holder) accepts the first's token.
            let fresh = AnonymousCSRFKey()
            try await fresh.load(on: app.db)
            let key = try #require(fresh.key)
            #expect(AnonymousCSRF.token(nonce: try #require(a.csrfCookie), key: key) == token)
        }
    }

    @Test func expiredSessionsAreSwept() async throws {
        try await withTestApp { app in
            var browser = Browser(app)
            try await browser.login("office")
            var other = Browser(app)
            try await other.login("cityhr")
            let cookie = try #require(other.cookie)
            let session = try #require(try await UserSession.query(on: app.db)
                .filter(\.$tokenHash == SessionStore.hash(cookie)).first())
            session.lastSeenAt = Date().addingTimeInterval(-Double(app.config.sessionIdleSeconds) - 60)
            try await session.update(on: app.db)
            #expect(try await SessionSweeper.sweep(on: app.db, idleSeconds: app.config.sessionIdleSeconds) == 1)
            #expect(try await UserSession.query(on: app.db).count() == 1)
            #expect(try await browser.get("/home").status == .ok)
        }
    }

    @Test func loginsAreLimitedPerAddressAcrossAccounts() async throws {
        try await withTestApp { app in
            app.loginThrottle = LoginThrottle(limit: 3, window: 60)
            // Per address needs a real socket (the address comes from the connection).
            let live = try app.testing(method: .running(hostname: "127.0.0.1", port: 0))
            var statuses: [HTTPStatus] = []
            for (i, name) in ["office", "cityhr", "unit1", "applicant1"].enumerated() {
                var headers = HTTPHeaders()
                headers.contentType = .urlEncodedForm
                let response = try await live.sendRequest(.POST, "/login", headers: headers,
                                                          body: ByteBuffer(string: "username=\(name)&password=wrong\(i)"))
                statuses.append(response.status)
            }
            // Three refusals from one address, each for another account; the fourth try is refused unheard.
            #expect(statuses.prefix(3).allSatisfy { $0 != .tooManyRequests })
            #expect(statuses.last == .tooManyRequests)
            // No account reached its own lockout.
            #expect(try await UserAccount.query(on: app.db).filter(\.$lockedUntil != nil).count() == 0)
        }
    }

    @Test func theThrottleForgetsAfterItsWindow() {
        let throttle = LoginThrottle(limit: 2, window: 60)
        let start = Date()
        throttle.recordFailure("10.0.0.1", at: start)
        throttle.recordFailure("10.0.0.1", at: start)
        #expect(!throttle.allows("10.0.0.1", at: start.addingTimeInterval(1)))
        #expect(throttle.allows("10.0.0.2", at: start.addingTimeInterval(1)))
        #expect(throttle.allows("10.0.0.1", at: start.addingTimeInterval(61)))
    }

    @Test func uploadsBeyondThePermitsWait() async throws {
        let limiter = UploadLimiter(permits: 2)
        let peak = Peak()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await limiter.withPermit {
                        await peak.enter()
                        try await Task.sleep(for: .milliseconds(20))
                        await peak.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(await peak.maximum == 2)
        #expect(limiter.active == 0)
    }
}


private actor Peak {
    var now = 0
    var maximum = 0
    func enter() { now += 1; maximum = max(maximum, now) }
    func leave() { now -= 1 }
}
