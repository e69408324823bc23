import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

@Suite struct SecurityTests {
    @Test func securityHeadersOnPagesAndErrors() async throws {
        try await withTestApp(demo: false) { app in
            var browser = Browser(app)
            for path in ["/", "/login", "/no-such-page"] {
                let response = try await browser.get(path)
                #expect(response.headers.first(name: "Content-Security-Policy")?.contains("default-src 'self'") == true)
                #expect(response.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
                #expect(response.headers.first(name: "X-Frame-Options") == "DENY")
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(response.headers.first(name: "Referrer-Policy") == "same-origin")
                #expect(response.headers.first(name: "Cache-Control") == "no-store")
            }
            let missing = try await browser.get("/no-such-page")
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("页面不存在"))
        }
    }

    @Test func sessionCookieIsHttpOnlyAndSameSite() async throws {
        try await withTestApp { app in
            var browser = Browser(app)
            let page = try await browser.get("/login")
            let cookie = try #require(page.headers[.setCookie].first)
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"))
        }
        try await withTestApp(configure: { $0.secureCookies = true }) { app in
            var browser = Browser(app)
            let page = try await browser.get("/login")
            #expect(page.headers[.setCookie].first?.contains("Secure") == true)
            #expect(page.headers.first(name: "Strict-Transport-Security") != nil)
        }
    }

    @Test func loginIssuesANewSessionIdAndStoresOnlyItsHash() async throws {
        try await withTestApp { app in
            var browser = Browser(app)
            try await browser.get("/login")
            // The login form needs no session (issue 12 item 7): no cookie, no row, until sign-in.
            #expect(browser.cookie == nil)
            #expect(try await UserSession.query(on: app.db).count() == 0)
            try await browser.post("/login", ["username": "office", "password": demoPassword])
            let signedIn = try #require(browser.cookie)
            let sessions = try await UserSession.query(on: app.db).all()
            #expect(sessions.count == 1)
            #expect(!sessions.contains { $0.tokenHash == signedIn })
            #expect(sessions.contains { $0.tokenHash == SessionStore.hash(signedIn) })
        }
    }

    @Test func postWithoutOrWithStaleCSRFTokenIsRefusedInChinese() async throws {
        try await withTestApp { app in
            var browser = Browser(app)
            try await browser.login("applicant1")
            let missing = try await browser.post("/account/password", ["current": demoPassword], csrf: .some(nil))
            #expect(missing.status == .forbidden)
            #expect(missing.text.contains("防伪令牌"))
            let stale = try await browser.post("/account/password", ["current": demoPassword], csrf: "stale-token")
            #expect(stale.status == .forbidden)
        }
    }

    @Test func loginFormWithStaleTokenKeepsTheUsername() async throws {
        try await withTestApp { app in
            var browser = Browser(app)
            try await browser.get("/login")
            let response = try await browser.post("/login", ["username": "office", "password": demoPassword], csrf: "old")
            #expect(response.status == .forbidden)
            #expect(response.text.contains("页面已过期"))
            #expect(response.text.contains(#"value="office""#))
            #expect(!response.text.contains(demoPassword))
            #expect(browser.csrfCookie != nil)
            // The fresh token on that page works.
            let retry = try await browser.post("/login", ["username": "office", "password": demoPassword])
            #expect(retry.status == .seeOther)
        }
    }

    @Test func idleSessionExpiresAfterTimeout() async throws {
        try await withTestApp { app in
            var browser = Browser(app)
            try await browser.login("cityhr")
            #expect(try await browser.get("/home").status == .ok)
            let cookie = try #require(browser.cookie)
            let session = try #require(try await UserSession.query(on: app.db)
                .filter(\.$tokenHash == SessionStore.hash(cookie)).first())
            session.lastSeenAt = Date().addingTimeInterval(-31 * 60)
            try await session.update(on: app.db)
            let response = try await browser.get("/home")
            #expect(response.status == .seeOther)
            #expect(response.location == "/login?next=%2Fhome&expired=1")
            #expect(try await UserSession.query(on: app.db).filter(\.$tokenHash == SessionStore.hash(cookie)).count() == 0)
            let login = try await browser.get(response.location!)
            #expect(login.text.contains("登录已超时"))
        }
    }

    @Test func logoutEndsTheSession() async throws {
        try await withTestApp { app in
            var browser = Browser(app)
            try await browser.login("unit1")
            let cookie = try #require(browser.cookie)
            let out = try await browser.post("/logout")
            #expect(out.status == .seeOther, "\(out.status) \(out.text.prefix(300))")
            #expect(out.location == "/login?notice=signed-out")
            browser.cookie = cookie
            #expect(try await browser.get("/home").status == .seeOther)
        }
    }

    @Test func bodiesOverTheLimitAreRefused() async throws {
        try await withTestApp { app in
            // Limits apply while a body streams in, so this needs a real socket.
            // Port 0: the system picks a free port (a random fixed one can collide with parallel tests).
            let live = try app.testing(method: .running(hostname: "127.0.0.1", port: 0))
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            let big = "username=" + String(repeating: "x", count: 300 * 1024)
            let response = try await live.sendRequest(.POST, "/login", headers: headers, body: ByteBuffer(string: big))
            #expect(response.status == .payloadTooLarge)
            #expect(response.body.string.contains("过大"))
        }
    }
}

@Suite struct EscapingTests {
    /// Plot writes attribute values as given; our form helpers escape them.
    @Test func typedValuesCannotBreakOutOfAttributes() async throws {
        try await withTestApp { app in
            var browser = Browser(app)
            try await browser.get("/register")
            let evil = #""><b id="injected">x</b>"#
            let response = try await browser.post("/register", ["realName": evil, "mobile": evil, "username": evil])
            #expect(response.status == .unprocessableEntity)
            #expect(!response.text.contains(#"<b id="injected">"#))
            #expect(response.text.contains("&quot;&gt;&lt;b id=&quot;injected&quot;&gt;"))
        }
    }

    @Test func selectPromptSubmitsAnEmptyValue() async throws {
        try await withTestApp { app in
            var browser = Browser(app)
            let page = try await browser.get("/register")
            // `<option value>` is an empty value in HTML: the form submits "" and `required` works.
            #expect(page.text.contains(#"<option value>请选择</option>"#))
        }
    }
}
