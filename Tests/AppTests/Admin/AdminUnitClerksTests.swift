import Domain
import Fluent
import Foundation
import Testing
import Vapor
@testable import App

@Suite("主管部门管理单位经办人")
struct AdminUnitClerksTests {
    private func clerkForm(unitID: UUID, username: String) -> [String: String] {
        ["unitID": unitID.uuidString, "realName": "黄测试", "username": username, "mobile": "13712340001"]
    }

    @Test("the department sees only its own units and their clerks, mobiles masked")
    func list() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("dept1")
            let res = try await b.get("/department/clerks")
            #expect(res.status == .ok)
            #expect(res.text.contains(AdminFixtures.waterUnit) && res.text.contains("unit1"))
            #expect(!res.text.contains(AdminFixtures.heavyUnit))
            #expect(res.text.contains("139****0005") && !res.text.contains("13903550005"))
        }
    }

    @Test("the department creates a clerk for its own unit only; another unit's id is 403")
    func createOnlyForOwnUnits() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("dept1")
            let form = try await b.get("/department/clerks/new")
            #expect(form.text.contains(AdminFixtures.waterUnit) && !form.text.contains(AdminFixtures.heavyUnit))
            let water = try await AdminFixtures.org(AdminFixtures.waterUnit, app)
            let heavy = try await AdminFixtures.org(AdminFixtures.heavyUnit, app)
            let before = try await UserAccount.query(on: app.db).count()

            let foreign = try await b.post("/department/clerks", clerkForm(unitID: heavy.id!, username: "heavyclerk"))
            #expect(foreign.status == .forbidden)
            #expect(try await UserAccount.query(on: app.db).count() == before)

            try await b.get("/department/clerks/new")
            let own = try await b.post("/department/clerks", clerkForm(unitID: water.id!, username: "waterclerk"))
            #expect(own.status == .ok)
            #expect(AdminFixtures.temporaryPassword(in: own.text) != nil)
            let clerk = try await AdminFixtures.account("waterclerk", app)
            #expect(clerk.role == .unitClerk && clerk.$organization.id == water.id && clerk.mustChangePassword)

            try await b.get("/department/clerks/new")
            let invalid = try await b.post("/department/clerks", ["unitID": water.id!.uuidString, "realName": "黄测试",
                                                                   "username": "x", "mobile": "123"])
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.text.contains("手机号码应为11位数字"))
        }
    }

    @Test("disable, enable and reset only for clerks of the department's units")
    func manageClerks() async throws {
        try await withTestApp { app in
            let heavy = try await AdminFixtures.org(AdminFixtures.heavyUnit, app)
            let other = UserAccount(username: "heavyclerk", passwordHash: try Bcrypt.hash(demoPassword, cost: 4),
                                    role: .unitClerk, organizationID: heavy.id!, realName: "郑测试")
            try await other.create(on: app.db)
            let unit1 = try await AdminFixtures.account("unit1", app)
            let applicant = try await AdminFixtures.account("applicant1", app)  // same unit, not a clerk

            var b = Browser(app)
            try await b.login("dept1")
            try await b.get("/department/clerks")
            for path in ["disable", "enable", "reset-password"] {
                #expect(try await b.post("/department/clerks/\(other.id!.uuidString)/\(path)").status == .forbidden)
                #expect(try await b.post("/department/clerks/\(applicant.id!.uuidString)/\(path)").status == .forbidden)
            }
            #expect(try await AdminFixtures.account("heavyclerk", app).isDisabled == false)

            #expect(try await b.post("/department/clerks/\(unit1.id!.uuidString)/disable").location
                == "/department/clerks?notice=disabled")
            #expect(try await AdminFixtures.account("unit1", app).isDisabled)
            try await b.get("/department/clerks")
            try await b.post("/department/clerks/\(unit1.id!.uuidString)/enable")
            try await b.get("/department/clerks")
            let reset = try await b.post("/department/clerks/\(unit1.id!.uuidString)/reset-password")
            let temporary = try #require(AdminFixtures.temporaryPassword(in: reset.text))
            var clerk = Browser(app)
            #expect(try await clerk.login("unit1", temporary).location == "/account/password")
        }
    }

    @Test("roles other than competent department cannot reach the clerk pages")
    func otherRoles() async throws {
        try await withTestApp { app in
            for username in ["admin", "office", "county1", "unit1", "applicant1"] {
                var b = Browser(app)
                try await b.login(username)
                #expect(try await b.get("/department/clerks").status == .forbidden, "\(username)")
                #expect(try await b.post("/department/clerks", [:]).status == .forbidden, "\(username)")
            }
        }
    }
}
