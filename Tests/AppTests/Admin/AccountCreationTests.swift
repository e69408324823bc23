import Domain
import Fluent
import Foundation
import Testing
import Vapor
@testable import App

/// The one account-creation flow (issue 8, item 4) asked directly, as both
/// controllers ask it: what a creator may open is the access policy's answer,
/// not the form's (the department's form has no role box, but the flow must not
/// rely on that).
@Suite("开设账号：管理员与主管部门同一流程")
struct AccountCreationTests {
    /// A request signed in as `username`, as the session middleware leaves it.
    private func request(as username: String, _ app: Application) async throws -> Request {
        let req = Request(application: app, on: app.eventLoopGroup.next())
        req.currentUser = try await AdminFixtures.account(username, app)
        return req
    }

    private func input(_ role: Role?, in org: Organization, username: String,
                       mobile: String = "13712340001") -> AccountCreation.Input {
        AccountCreation.Input(realName: "黄测试", username: username, role: role, organizationID: org.id,
                              mobile: mobile)
    }

    private func isForbidden(_ body: () async throws -> AccountCreation.Outcome) async -> Bool {
        do {
            _ = try await body()
            return false
        } catch PageError.forbidden {
            return true
        } catch {
            return false
        }
    }

    @Test("a department cannot open an account for a unit of another department, nor any role but 经办人")
    func departmentOnlyClerksOfOwnUnits() async throws {
        try await withTestApp { app in
            let req = try await request(as: "dept1", app)
            let water = try await AdminFixtures.org(AdminFixtures.waterUnit, app)
            let heavy = try await AdminFixtures.org(AdminFixtures.heavyUnit, app)
            let bureau = try await AdminFixtures.org(AdminFixtures.waterBureau, app)
            let before = try await UserAccount.query(on: app.db).count()
            let audited = try await AdminFixtures.auditRecords("account.create", app).count

            #expect(await isForbidden { try await AccountCreation.create(
                input(.unitClerk, in: heavy, username: "heavyclerk"), organizationField: .unit, req: req) })
            for role in Role.allCases where role != .unitClerk {
                let org = role.allowedOrganizationKinds.contains(.unit) ? water : bureau
                #expect(await isForbidden { try await AccountCreation.create(
                    input(role, in: org, username: "other\(role.rawValue.prefix(8).lowercased())"),
                    organizationField: .unit, req: req) }, "\(role)")
            }
            #expect(try await UserAccount.query(on: app.db).count() == before)
            #expect(try await AdminFixtures.auditRecords("account.create", app).count == audited)
        }
    }

    @Test("the department's own unit: a 经办人 is saved with a temporary password, must change it, and is audited")
    func departmentOpensClerk() async throws {
        try await withTestApp { app in
            let req = try await request(as: "dept1", app)
            let water = try await AdminFixtures.org(AdminFixtures.waterUnit, app)
            guard case .created(let user, let temporary?) = try await AccountCreation.create(
                input(.unitClerk, in: water, username: "waterclerk"), organizationField: .unit, req: req)
            else { Issue.record("not created"); return }
            let saved = try await AdminFixtures.account("waterclerk", app)
            #expect(saved.id == user.id && saved.role == .unitClerk && saved.mustChangePassword)
            #expect(try Bcrypt.verify(temporary, created: saved.passwordHash))
            #expect(try await AdminFixtures.auditRecords("account.create", app).last?.objectID == user.id?.uuidString)
        }
    }

    @Test("the same rules whoever opens: a 经办人 needs a mobile number from the administrator too")
    func sameRulesForAdministrator() async throws {
        try await withTestApp { app in
            let water = try await AdminFixtures.org(AdminFixtures.waterUnit, app)
            let admin = try await request(as: "admin", app)
            guard case .rejected(let errors, let status) = try await AccountCreation.create(
                input(.unitClerk, in: water, username: "adminclerk", mobile: ""), req: admin)
            else { Issue.record("created without a mobile"); return }
            #expect(status == .unprocessableEntity && errors["mobile"] == "请填写手机号码")

            let dept = try await request(as: "dept1", app)
            guard case .rejected(let deptErrors, _) = try await AccountCreation.create(
                input(.unitClerk, in: water, username: "deptclerk", mobile: ""), organizationField: .unit, req: dept)
            else { Issue.record("created without a mobile"); return }
            #expect(deptErrors["mobile"] == "请填写手机号码")

            // The administrator may open an expert account in the same unit; the department may not.
            guard case .created = try await AccountCreation.create(
                input(.expert, in: water, username: "adminexpert"), req: admin)
            else { Issue.record("administrator refused"); return }
        }
    }

    @Test("a role that opens no accounts is refused by the flow itself")
    func otherRolesRefused() async throws {
        try await withTestApp { app in
            let water = try await AdminFixtures.org(AdminFixtures.waterUnit, app)
            for username in ["office", "county1", "unit1", "applicant1"] {
                let req = try await request(as: username, app)
                #expect(await isForbidden { try await AccountCreation.create(
                    input(.unitClerk, in: water, username: "x\(username)"), req: req) }, "\(username)")
            }
        }
    }
}
