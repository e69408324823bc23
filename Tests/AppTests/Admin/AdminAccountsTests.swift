import Domain
import Fluent
import Foundation
import Testing
import Vapor
@testable import App

@Suite("账号管理")
struct AdminAccountsTests {
    @Test("a role that does not fit the organization's kind is refused; nothing is created")
    func roleOrganizationMismatch() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("admin")
            try await b.get("/admin/accounts/new")
            let unit = try await AdminFixtures.org(AdminFixtures.waterUnit, app)
            let before = try await UserAccount.query(on: app.db).count()
            let res = try await b.post("/admin/accounts", [
                "realName": "周测试", "username": "deptuser", "role": "competentDepartment",
                "organizationID": unit.id!.uuidString, "mobile": "13912345678",
            ])
            #expect(res.status == .unprocessableEntity)
            #expect(res.text.contains("主管部门账号只能属于主管部门，所选机构是用人单位"))
            #expect(res.text.contains(#"value="deptuser""#))
            #expect(try await UserAccount.query(on: app.db).count() == before)

            let applicant = try await b.post("/admin/accounts", [
                "realName": "周测试", "username": "newapplicant", "role": "applicant",
                "organizationID": unit.id!.uuidString, "mobile": "13912345678",
            ])
            #expect(applicant.status == .unprocessableEntity)
            #expect(applicant.text.contains("请填写居民身份证号码"))
        }
    }

    @Test("a generated temporary password is shown once and must be changed at first login")
    func createWithTemporaryPassword() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("admin")
            try await b.get("/admin/accounts/new")
            let county = try await AdminFixtures.org("长子县工业和信息化局", app)
            let res = try await b.post("/admin/accounts", [
                "realName": "孙测试", "username": "county9", "role": "countyBureau",
                "organizationID": county.id!.uuidString,
            ])
            #expect(res.status == .ok)
            let temporary = try #require(AdminFixtures.temporaryPassword(in: res.text))
            let user = try await AdminFixtures.account("county9", app)
            #expect(user.mustChangePassword && user.role == .countyBureau)
            #expect(try await AdminFixtures.auditRecords("account.create", app).last?.objectID == user.id?.uuidString)
            #expect(!(try await b.get("/admin/accounts")).text.contains(temporary))

            var newcomer = Browser(app)
            let login = try await newcomer.login("county9", temporary)
            #expect(login.location == "/account/password")
        }
    }

    @Test("reset password: shown once, old password dead, sessions ended, change forced")
    func resetPassword() async throws {
        try await withTestApp { app in
            var victim = Browser(app)
            try await victim.login("applicant1")
            #expect(try await victim.get("/home").status == .ok)

            var b = Browser(app)
            try await b.login("admin")
            try await b.get("/admin/accounts")
            let user = try await AdminFixtures.account("applicant1", app)
            let res = try await b.post("/admin/accounts/\(user.id!.uuidString)/reset-password")
            #expect(res.status == .ok)
            let temporary = try #require(AdminFixtures.temporaryPassword(in: res.text))
            #expect(!(try await b.get("/admin/accounts")).text.contains(temporary))

            // The signed-in session ended with the reset.
            #expect(try await victim.get("/home").location?.hasPrefix("/login") == true)
            var other = Browser(app)
            let old = try await other.login("applicant1", demoPassword)
            #expect(old.location == nil && old.text.contains("用户名或密码不正确"))
            let fresh = try await other.login("applicant1", temporary)
            #expect(fresh.location == "/account/password")
            let audit = try #require(try await AdminFixtures.auditRecords("account.password.reset", app).last)
            #expect(audit.objectID == user.id?.uuidString && audit.actorName == "admin")
            #expect(!audit.detail.contains(temporary))
        }
    }

    @Test("unlock clears a lockout and is audited")
    func unlock() async throws {
        try await withTestApp { app in
            var locked = Browser(app)
            for _ in 0..<5 { try await locked.login("expert1", "Wrong#password1") }
            #expect(try await locked.login("expert1").text.contains("账号已锁定"))

            var b = Browser(app)
            try await b.login("admin")
            let list = try await b.get("/admin/accounts?status=locked")
            #expect(list.text.contains("expert1") && !list.text.contains("expert2"))
            let user = try await AdminFixtures.account("expert1", app)
            let res = try await b.post("/admin/accounts/\(user.id!.uuidString)/unlock")
            #expect(res.location == "/admin/accounts?notice=unlocked")
            let after = try await AdminFixtures.account("expert1", app)
            #expect(after.lockedUntil == nil && after.failedLogins == 0)
            #expect(try await AdminFixtures.auditRecords("account.unlock", app).last?.actorName == "admin")
            #expect(try await locked.login("expert1").location == "/home")
        }
    }

    @Test("a disabled account cannot sign in; an administrator cannot disable themself")
    func disable() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("admin")
            try await b.get("/admin/accounts")
            let clerk = try await AdminFixtures.account("unit1", app)
            #expect(try await b.post("/admin/accounts/\(clerk.id!.uuidString)/disable").location
                == "/admin/accounts?notice=disabled")
            var person = Browser(app)
            #expect(try await person.login("unit1").text.contains("该账号已停用"))
            try await b.get("/admin/accounts")
            try await b.post("/admin/accounts/\(clerk.id!.uuidString)/enable")
            #expect(try await person.login("unit1").location == "/home")

            let admin = try await AdminFixtures.account("admin", app)
            try await b.get("/admin/accounts")
            #expect(try await b.post("/admin/accounts/\(admin.id!.uuidString)/disable").status == .forbidden)
            #expect(try await AdminFixtures.account("admin", app).isDisabled == false)
        }
    }

    @Test("the list masks mobile numbers and never shows them in full")
    func maskedMobiles() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("admin")
            let res = try await b.get("/admin/accounts")
            #expect(res.text.contains("139****0001"))
            #expect(!res.text.contains("13903550001"))
            for account in try await UserAccount.query(on: app.db).all() {
                if let mobile = account.mobile { #expect(!res.text.contains(mobile), "\(account.username)") }
                if let id = account.idNumber { #expect(!res.text.contains(id), "\(account.username)") }
            }
            let filtered = try await b.get("/admin/accounts?role=applicant&q=%E5%BC%A0")
            #expect(filtered.text.contains("applicant1") && !filtered.text.contains("applicant2"))
        }
    }
}
