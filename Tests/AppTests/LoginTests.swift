import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

@Suite struct LoginTests {
    static func auditActions(_ app: Application) async throws -> [String] {
        try await AuditRecord.query(on: app.db).sort(\.$seq).all().map { "\($0.action):\($0.outcome)" }
    }

    @Test func everyDemoRoleSignsInAndSeesItsHomePage() async throws {
        try await withTestApp { app in
            for (role, username) in RouteAccessTests.demoUser {
                var browser = Browser(app)
                let login = try await browser.login(username)
                #expect(login.location == "/home")
                let home = try await browser.get("/home")
                #expect(home.status == .ok)
                #expect(home.text.contains("\(role.label)工作台"))
                #expect(home.text.contains(#"data-role="\#(role.rawValue)""#))
            }
        }
    }

    @Test func wrongPasswordSaysSoAndCountsDown() async throws {
        try await withTestApp { app in
            var browser = Browser(app)
            let response = try await browser.login("applicant2", "Wrong#Pass123")
            #expect(response.status == .ok)
            #expect(response.text.contains("用户名或密码不正确"))
            #expect(!response.text.contains("再错"))  // no countdown: it would reveal the account exists (issue 8, item 8)
            #expect(response.text.contains(#"value="applicant2""#))
            #expect(!response.text.contains("Wrong#Pass123"))
            let unknown = try await browser.login("nobody", "Wrong#Pass123")
            #expect(unknown.text.contains("用户名或密码不正确"))
            let actions = try await Self.auditActions(app)
            #expect(actions.suffix(2) == ["login:failure", "login:failure"])
        }
    }

    @Test func fiveFailuresLockTheAccountForFifteenMinutes() async throws {
        try await withTestApp { app in
            var browser = Browser(app)
            for _ in 1...4 { try await browser.login("applicant3", "Wrong#Pass123") }
            let fifth = try await browser.login("applicant3", "Wrong#Pass123")
            #expect(fifth.text.contains("账号已锁定"))
            // Even the right password is refused while locked.
            let right = try await browser.login("applicant3")
            #expect(right.status == .ok)
            #expect(right.text.contains("账号已锁定"))
            #expect(right.text.contains("15分钟"))
            let user = try #require(try await UserAccount.query(on: app.db).filter(\.$username == "applicant3").first())
            let until = try #require(user.lockedUntil)
            #expect(abs(until.timeIntervalSinceNow - 15 * 60) < 60)
            let actions = try await Self.auditActions(app)
            #expect(actions.contains("account.lock:success"))
            #expect(actions.last == "login:failure")

            // When the lock runs out the right password works and the unlock is recorded.
            user.lockedUntil = Date().addingTimeInterval(-1)
            try await user.update(on: app.db)
            let after = try await browser.login("applicant3")
            #expect(after.location == "/home")
            let later = try await Self.auditActions(app)
            #expect(later.suffix(2) == ["account.unlock:success", "login:success"])
        }
    }

    @Test func disabledAccountCannotSignIn() async throws {
        try await withTestApp { app in
            let user = try #require(try await UserAccount.query(on: app.db).filter(\.$username == "expert2").first())
            user.isDisabled = true
            try await user.update(on: app.db)
            var browser = Browser(app)
            let response = try await browser.login("expert2")
            #expect(response.text.contains("已停用"))
            #expect(try await browser.get("/home").status == .seeOther)
        }
    }

    @Test func nextParameterOnlyAllowsLocalPaths() async throws {
        try await withTestApp { app in
            var browser = Browser(app)
            try await browser.get("/login")
            let evil = try await browser.post("/login", ["username": "admin", "password": demoPassword, "next": "//evil.example/x"])
            #expect(evil.location == "/home")
            var second = Browser(app)
            try await second.get("/login?next=%2Faccount%2Fpassword")
            let good = try await second.post("/login", ["username": "admin", "password": demoPassword, "next": "/account/password"])
            #expect(good.location == "/account/password")
        }
    }

    @Test func changePasswordChecksCurrentAndComplexity() async throws {
        try await withTestApp { app in
            var browser = Browser(app)
            try await browser.login("county1")
            try await browser.get("/account/password")
            let weak = try await browser.post("/account/password", ["current": demoPassword, "password": "password", "confirm": "password"])
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.text.contains("密码"))
            let wrong = try await browser.post("/account/password", ["current": "Nope#1234x", "password": "Xy7#kLm9pQ", "confirm": "Xy7#kLm9pQ"])
            #expect(wrong.text.contains("当前密码不正确"))
            let ok = try await browser.post("/account/password", ["current": demoPassword, "password": "Xy7#kLm9pQ", "confirm": "Xy7#kLm9pQ"])
            #expect(ok.location == "/home?notice=password-changed")
            var fresh = Browser(app)
            #expect(try await fresh.login("county1").text.contains("用户名或密码不正确"))
            #expect(try await fresh.login("county1", "Xy7#kLm9pQ").location == "/home")
        }
    }
}
