import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

/// Issue 8, items 3, 5 and 8: refusals are security events; a temporary password
/// comes first; the login form does not reveal which usernames exist.
@Suite struct SecurityEventsTests {
    @Test func aRefusedRequestIsRecordedInTheAuditLog() async throws {
        try await withTestApp { app in
            var browser = Browser(app)
            try await browser.login("applicant1")
            let refused = try await browser.get("/admin/accounts")
            #expect(refused.status == .forbidden)
            let records = try await AuditRecord.query(on: app.db).filter(\.$action == "security.denied").all()
            let record = try #require(records.last)
            #expect(record.actorName == "applicant1")
            #expect(record.outcome == "denied")
            #expect(record.detail.contains("GET /admin/accounts"))
            // The chain stays intact with the new records in it.
            if case .intact = try await AuditLog.verify(on: app.db) {} else { Issue.record("audit chain broken") }
        }
    }

    @Test func aForgedFormIsASecurityEventToo() async throws {
        try await withTestApp { app in
            var browser = Browser(app)
            try await browser.login("applicant1")
            let forged = try await browser.post("/account/password", ["current": "x"], csrf: "forged")
            #expect(forged.status == .forbidden)
            let count = try await AuditRecord.query(on: app.db).filter(\.$action == "security.denied").count()
            #expect(count == 1)
        }
    }

    @Test func aTemporaryPasswordMustBeChangedBeforeAnythingElse() async throws {
        try await withTestApp { app in
            let user = try #require(try await UserAccount.query(on: app.db).filter(\.$username == "unit1").first())
            user.mustChangePassword = true
            try await user.update(on: app.db)
            var browser = Browser(app)
            let login = try await browser.login("unit1")
            #expect(login.location == "/account/password")
            for path in ["/home", "/applications/received"] {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther, "\(path)")
                #expect(page.location == "/account/password", "\(path)")
            }
            let form = try await browser.get("/account/password")
            #expect(form.status == .ok)
            // Sign-out still works.
            let out = try await browser.post("/logout")
            #expect(out.location?.hasPrefix("/login") == true)
        }
    }

    @Test func unknownUserAndWrongPasswordGetTheSameAnswerButLockoutCounts() async throws {
        try await withTestApp { app in
            var browser = Browser(app)
            let wrong = try await browser.login("applicant2", "Wrong#Pass123")
            let unknown = try await browser.login("nobody-here", "Wrong#Pass123")
            func message(_ html: String) -> String? {
                guard let start = html.range(of: #"<div class="error-summary" role="alert"><p>"#),
                      let end = html.range(of: "</p>", range: start.upperBound..<html.endIndex) else { return nil }
                return String(html[start.upperBound..<end.lowerBound])
            }
            let said = try #require(message(wrong.text))
            #expect(said == AuthController.badCredentials)
            #expect(message(unknown.text) == said)
            #expect(!wrong.text.contains("再错"))
            // Lockout still works per account: the fifth failure locks applicant2.
            for _ in 2...5 { try await browser.login("applicant2", "Wrong#Pass123") }
            let locked = try await browser.login("applicant2")
            #expect(locked.text.contains("账号已锁定"))
        }
    }
}
