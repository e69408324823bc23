import Domain
import Fluent
import Foundation
import Testing
import Vapor
@testable import App

@Suite("机构管理")
struct AdminOrganizationsTests {
    private func unitForm(_ name: String, code: String, extra: [String: String] = [:]) -> [String: String] {
        ["name": name, "kind": "unit", "division": "140400", "unitKind": "enterprise", "creditCode": code,
         "cityDirect": "1"].merging(extra) { _, new in new }
    }

    @Test("an invalid credit code is refused with the Chinese message, typed values kept, nothing created")
    func invalidCreditCode() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("admin")
            try await b.get("/admin/organizations/new")
            let before = try await Organization.query(on: app.db).count()
            let audits = try await AuditRecord.query(on: app.db).count()
            let bad = AdminFixtures.badCreditCode(1)
            let res = try await b.post("/admin/organizations", unitForm("长治市测试精密仪器有限公司", code: bad))
            #expect(res.status == .unprocessableEntity)
            #expect(res.text.contains("统一社会信用代码校验位不正确，请核对"))
            #expect(res.text.contains(#"value="长治市测试精密仪器有限公司""#))
            #expect(res.text.contains(#"value="\#(bad)""#))
            #expect(try await Organization.query(on: app.db).count() == before)
            #expect(try await AuditRecord.query(on: app.db).count() == audits)

            let short = try await b.post("/admin/organizations", unitForm("长治市测试精密仪器有限公司", code: "9114"))
            #expect(short.status == .unprocessableEntity)
            #expect(short.text.contains("统一社会信用代码应为18位"))
        }
    }

    @Test("a valid organization is created together with its audit record")
    func validCreate() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("admin")
            try await b.get("/admin/organizations/new")
            let water = try await AdminFixtures.org(AdminFixtures.waterBureau, app)
            let code = AdminFixtures.creditCode(2)
            let res = try await b.post("/admin/organizations", unitForm(
                "长治市测试水文监测中心", code: code.lowercased(),
                extra: ["unitKind": "public_institution", "competentDepartmentID": water.id!.uuidString]))
            #expect(res.status == .seeOther)
            #expect(res.location == "/admin/organizations?notice=created")
            let org = try await AdminFixtures.org("长治市测试水文监测中心", app)
            #expect(org.kind == .unit && org.unitKind == .publicInstitution)
            #expect(org.creditCode == code)  // normalized to upper case
            #expect(org.isCityDirect && org.$competentDepartment.id == water.id)
            let audit = try #require(try await AdminFixtures.auditRecords("org.create", app).last)
            #expect(audit.objectID == org.id?.uuidString)
            #expect(audit.actorName == "admin" && audit.outcome == "success")
            #expect(try await AuditLog.verify(on: app.db) == .intact(count: try await AuditRecord.query(on: app.db).count()))

            let list = try await b.get("/admin/organizations?kind=unit&q=%E6%B0%B4%E6%96%87")
            #expect(list.text.contains("长治市测试水文监测中心"))
            #expect(!list.text.contains(AdminFixtures.heavyUnit))
        }
    }

    @Test("a form posted by a browser, with the selects' prompt labels, is accepted")
    func browserPost() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("admin")
            try await b.get("/admin/organizations/new")
            // Plot drops an empty value attribute, so a browser sends a prompt's label.
            let res = try await b.post("/admin/organizations", [
                "name": "武乡县人力资源和社会保障局", "kind": "countyHR", "division": "140429", "unitKind": "请选择",
                "creditCode": "", "competentDepartmentID": "无主管部门（按属地申报）", "personnelAgencyID": "未办理人事档案代理",
            ])
            #expect(res.status == .seeOther)
            let org = try await AdminFixtures.org("武乡县人力资源和社会保障局", app)
            #expect(org.kind == .countyHR && org.unitKind == nil && org.$competentDepartment.id == nil)
            let list = try await b.get("/admin/organizations?kind=%E5%85%A8%E9%83%A8&division=%E5%85%A8%E9%83%A8&status=%E5%85%A8%E9%83%A8")
            #expect(list.text.contains("武乡县人力资源和社会保障局") && list.text.contains(AdminFixtures.heavyUnit))
        }
    }

    @Test("duplicate credit codes and misplaced personnel agencies are refused")
    func businessRules() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("admin")
            try await b.get("/admin/organizations/new")
            let heavy = try await AdminFixtures.org(AdminFixtures.heavyUnit, app)
            let dup = try await b.post("/admin/organizations", unitForm("长治市测试重复单位", code: heavy.creditCode!))
            #expect(dup.status == .unprocessableEntity)
            #expect(dup.text.contains("已由“\(AdminFixtures.heavyUnit)”使用"))

            let agency = try #require(try await Organization.query(on: app.db)
                .filter(\.$kindRaw == OrganizationKind.personnelAgency.rawValue).first())
            let wrong = try await b.post("/admin/organizations", unitForm(
                "长治市测试国有企业", code: AdminFixtures.creditCode(3),
                extra: ["personnelAgencyID": agency.id!.uuidString]))
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("只有非公经济组织和社会组织可以选择人事档案代理机构"))
            #expect(try await Organization.query(on: app.db).filter(\.$name == "长治市测试国有企业").count() == 0)

            let quoted = try await b.post("/admin/organizations", unitForm("长治\"><b>x", code: AdminFixtures.creditCode(4)))
            #expect(quoted.status == .unprocessableEntity)
            #expect(quoted.text.contains("机构名称不能包含半角引号或尖括号"))
        }
    }

    @Test("editing keeps the rules; a department with units and accounts cannot change kind")
    func edit() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("admin")
            let water = try await AdminFixtures.org(AdminFixtures.waterBureau, app)
            let form = try await b.get("/admin/organizations/\(water.id!.uuidString)/edit")
            #expect(form.status == .ok && form.text.contains(#"value="长治市水务局""#))
            let refused = try await b.post("/admin/organizations/\(water.id!.uuidString)",
                                           ["name": "长治市水务局", "kind": "cityHR", "division": "140400"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("不能改为此类型"))
            #expect(try await AdminFixtures.org(AdminFixtures.waterBureau, app).kind == .competentDepartment)

            let renamed = try await b.post("/admin/organizations/\(water.id!.uuidString)",
                                           ["name": "长治市水利局", "kind": "competentDepartment", "division": "140400",
                                            "cityDirect": "1"])
            #expect(renamed.status == .seeOther)
            #expect(try await AdminFixtures.org("长治市水利局", app).id == water.id)
            #expect(try await AdminFixtures.auditRecords("org.update", app).last?.detail == "changed: name")
        }
    }

    @Test("deactivating hides a unit from registration; activating brings it back")
    func deactivate() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("admin")
            try await b.get("/admin/organizations")
            let heavy = try await AdminFixtures.org(AdminFixtures.heavyUnit, app)
            let res = try await b.post("/admin/organizations/\(heavy.id!.uuidString)/deactivate")
            #expect(res.location == "/admin/organizations?notice=org-deactivated")
            var visitor = Browser(app)
            #expect(!(try await visitor.get("/register")).text.contains(AdminFixtures.heavyUnit))
            try await b.get("/admin/organizations")
            try await b.post("/admin/organizations/\(heavy.id!.uuidString)/activate")
            #expect(try await visitor.get("/register").text.contains(AdminFixtures.heavyUnit))
            #expect(try await AdminFixtures.auditRecords("org.deactivate", app).count == 1)
            #expect(try await AdminFixtures.auditRecords("org.activate", app).count == 1)
        }
    }

    @Test("the directory groups organizations by area for reviewers; applicants are refused")
    func directory() async throws {
        try await withTestApp { app in
            for username in ["office", "cityhr", "county1", "dept1"] {
                var b = Browser(app)
                try await b.login(username)
                let res = try await b.get("/organizations")
                #expect(res.status == .ok, "\(username)")
                #expect(res.text.contains("长治市（市级）") && res.text.contains("<h2>襄垣县</h2>"))
                #expect(res.text.contains("襄垣县示例煤机制造有限公司"))
                #expect(!res.text.contains("/deactivate"))
            }
            var applicant = Browser(app)
            try await applicant.login("applicant1")
            #expect(try await applicant.get("/organizations").status == .forbidden)
        }
    }
}
