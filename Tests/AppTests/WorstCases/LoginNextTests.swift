import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

/// Issue 18 item 3: the login's `next` took `/\t/evil.example` and `/ /evil.example`,
/// which a browser reads as `//evil.example`: an open redirect. Only a page the
/// router serves is followed; anything else lands on the person's home page.
@Suite struct LoginNextTests {
    /// Each would leave the site, or is no page of it, once a browser has read it.
    static let refused: [String] = [
        "/\t/evil.example", "/ /evil.example", "/\n/evil.example", "/\r\n/evil.example", "/\u{0}/evil.example",
        "/\u{7F}/evil.example", "/\u{1B}/evil.example", "/\u{3000}/evil.example", "/\u{00A0}/evil.example",
        "/\\evil.example", "/\\/evil.example", "\\/evil.example", "\\\\evil.example",
        "//evil.example", "///evil.example", "//evil.example/home", "/./evil.example", "/.//evil.example",
        "/../evil.example", "/home/../../evil.example",
        "/%09/evil.example", "/%20/evil.example", "/%5C/evil.example", "/%5c%5cevil.example", "/%2F/evil.example",
        "/%2f%2fevil.example", "/%00/home", "/%2e%2e/evil.example", "/%E3%80%80/evil.example", "/%zz",
        "https://evil.example", "https:evil.example", "http:/evil.example", "HTTPS://evil.example/home",
        "javascript:alert(1)", "evil.example", " /home", "\t/home", "/home\t", "/home#@evil.example",
        "/home?x=\\evil", "/login", "/login?next=//evil.example", "/no-such-page", "/applications/x/no-such-part",
        "/applications/\(UUID().uuidString)/progress/extra/evil.example", "",
    ]

    @Test func everyEvilNextLandsOnTheHomePage() async throws {
        try await withTestApp { app in
            for next in Self.refused {
                var browser = Browser(app)
                try await browser.get("/login")
                let response = try await browser.post("/login", ["username": "admin", "password": demoPassword, "next": next])
                #expect(response.status == .seeOther, "\(next.debugDescription)")
                #expect(response.location == "/home", "next \(next.debugDescription) went to \(response.location ?? "-")")
            }
        }
    }

    /// The login form carries no refused `next` into its hidden field either.
    @Test func theFormDropsAnEvilNext() async throws {
        try await withTestApp { app in
            for next in ["/\t/evil.example", "/ /evil.example", "/%5C/evil.example", "//evil.example"] {
                var browser = Browser(app)
                let page = try await browser.get("/login?next=" + Browser.encode(next))
                #expect(page.status == .ok)
                #expect(!page.body.string.contains("evil.example"), "\(next.debugDescription)")
            }
        }
    }

    /// A real page, parameters and query included, is still followed after sign-in.
    @Test func aKnownPageWithAnIDIsStillFollowed() async throws {
        try await withTestApp { app in
            let id = UUID().uuidString
            for next in ["/applications/\(id)/progress", "/applications/\(id.lowercased())/files", "/reviews?page=2",
                         "/applications?name=%E5%BC%A0%E4%BC%9F&specialty=x", "/account/password", "/home/"] {
                var browser = Browser(app)
                let form = try await browser.get("/login?next=" + Browser.encode(next))
                #expect(form.body.string.contains(#"name="next""#), "\(next)")
                let response = try await browser.post("/login", ["username": "admin", "password": demoPassword, "next": next])
                #expect(response.location == next, "\(next) went to \(response.location ?? "-")")
            }
        }
    }

    /// Registration follows the same rule (without the router): never another host.
    @Test func theSyntacticRuleAloneNeverLeavesTheSite() {
        for next in Self.refused where !["/no-such-page", "/applications/x/no-such-part"].contains(next)
            && !next.hasPrefix("/applications/") {
            #expect(AuthController.safeNext(next) == nil, "\(next.debugDescription)")
        }
        #expect(AuthController.safeNext("/applications?name=%E5%BC%A0") == "/applications?name=%E5%BC%A0")
    }
}
