import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

@Suite struct PublicPagesTests {
    @Test func healthReportsTheDatabase() async throws {
        try await withTestApp(demo: false) { app in
            var browser = Browser(app)
            let response = try await browser.get("/healthz")
            #expect(response.status == .ok)
            let expected = ProcessInfo.processInfo.environment["DATABASE_URL"] == nil ? "sqlite" : "postgres"
            #expect(response.text.replacingOccurrences(of: " ", with: "") == #"{"status":"ok","database":"\#(expected)"}"#
                    || response.text.contains(#""database":"\#(expected)""#))
        }
    }

    @Test func homePageNamesTheOpenReview() async throws {
        try await withTestApp(demo: false) { app in
            var browser = Browser(app)
            let response = try await browser.get("/")
            #expect(response.status == .ok)
            #expect(response.text.contains(#"<html lang="zh-CN">"#))
            #expect(response.text.contains("长治市2022年度工程系列中、初级职称评审"))
            #expect(response.text.contains("2022年7月25日至2022年8月25日"))
        }
    }

    @Test func stylesheetIsServedWithCaching() async throws {
        try await withTestApp(demo: false) { app in
            var browser = Browser(app)
            let response = try await browser.get("/static/site.css")
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.subType == "css")
            #expect(response.text.contains("@media print"))
            #expect(response.headers.first(name: .eTag) != nil)
        }
    }

    @Test func loginPageCarriesTheContractFields() async throws {
        try await withTestApp(demo: false) { app in
            var browser = Browser(app)
            let page = try await browser.get("/login")
            #expect(page.text.contains(#"name="username""#))
            #expect(page.text.contains(#"name="password""#))
            #expect(Browser.csrfToken(in: page.text)?.isEmpty == false)
        }
    }
}
