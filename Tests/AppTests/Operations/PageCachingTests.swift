import Domain
import Foundation
import Plot
import Testing
import Vapor
import VaporTesting
@testable import App

/// Issue 12, item 2: `/conditions` rendered once per policy and day, and static
/// assets linked by a content-hashed name that may be cached for good.
@Suite("页面缓存：评审条件与静态文件")
struct PageCachingTests {
    @Test("the cached conditions page is exactly the uncached rendering, with each visitor's own frame")
    func conditionsFromCacheEqualsFreshRendering() async throws {
        try await withTestApp { app in
            var visitor = Browser(app)
            let first = try await visitor.get("/conditions")
            #expect(first.status == .ok)
            #expect(first.text.contains("评审条件公示") && first.text.contains("快速自测"))
            let fresh = ConditionsPage.make(app.policies.current, year: app.policies.year,
                                            chrome: PageChrome(title: "评审条件", activePath: "/conditions"),
                                            values: ["track": "regular"], errors: [:], result: nil).render().render()
            let second = try await visitor.get("/conditions")
            let content = { (html: String) in html.components(separatedBy: #"<main id="main">"#).last ?? "" }
            // Compared as booleans: a failure must not print two 50 KB pages.
            let sameTwice = second.text == first.text
            let sameAsFresh = content(first.text) == content(fresh)
            #expect(sameTwice)
            #expect(sameAsFresh)

            // A signed-in applicant gets the same content inside their own frame (name, menu, sign-out token).
            var applicant = Browser(app)
            _ = try await applicant.login("applicant1")
            let signedIn = try await applicant.get("/conditions")
            #expect(signedIn.status == .ok)
            #expect(signedIn.text.contains("我的申报") && signedIn.text.contains(#"action="/logout""#))
            #expect(!first.text.contains(#"action="/logout""#))
            let sameContent = content(signedIn.text) == content(first.text)
            #expect(sameContent)
        }
    }

    @Test("a new day renders the page again (the key is the policy and the day)")
    func newDayRendersAgain() {
        let cache = FragmentCache()
        var renders = 0
        let render = { () -> String in renders += 1; return "page \(renders)" }
        #expect(cache.html("conditions", key: "changzhi-2022 2022-08-15", render: render) == "page 1")
        #expect(cache.html("conditions", key: "changzhi-2022 2022-08-15", render: render) == "page 1")
        #expect(cache.html("conditions", key: "changzhi-2022 2022-08-16", render: render) == "page 2")
        #expect(renders == 2)
    }

    @Test("pages link the stylesheet and script by content-hashed names, served for a year")
    func hashedAssetsAreImmutable() async throws {
        try await withTestApp(demo: false) { app in
            var browser = Browser(app)
            let page = try await browser.get("/conditions")
            #expect(page.status == .ok)
            let css = try #require(page.text.firstMatch(of: #/href="(/static/site\.[0-9a-f]{16}\.css)"/#)?.1)
            let js = try #require(page.text.firstMatch(of: #/src="(/static/site\.[0-9a-f]{16}\.js)"/#)?.1)
            #expect(String(css) == Layout.stylesheet && String(js) == Layout.script)

            let hashed = try await browser.get(String(css))
            #expect(hashed.status == .ok)
            #expect(hashed.text.contains("@media print"))
            #expect(hashed.headers.first(name: .cacheControl) == "public, max-age=31536000, immutable")

            // The plain name keeps working for old links, but must be revalidated.
            let plain = try await browser.get("/static/site.css")
            #expect(plain.status == .ok && plain.text == hashed.text)
            #expect(plain.headers.first(name: .cacheControl) == "public, max-age=300, must-revalidate")

            // The hash is the content's: another digest is not served.
            let stale = try await browser.get("/static/site.0000000000000000.css")
            #expect(stale.status == .notFound)
        }
    }

    @Test func hashedNamesKeepTheExtension() {
        #expect(StaticAssets.hashedPath("/static/site.css", digest: "ab12") == "/static/site.ab12.css")
        #expect(StaticAssets.hashedPath("/static/img/logo.svg", digest: "ff") == "/static/img/logo.ff.svg")
        #expect(StaticAssets.hashedPath("/static/LICENSE", digest: "01") == "/static/LICENSE.01")
    }
}
