import Domain
import Foundation
import SnapshotTesting
import Testing
@testable import App

/// Issue 18, item 2: the administration pages (accounts, organizations, audit log,
/// calendar, reopenings, department clerks, policy bundles, the demo clock) rendered
/// from their models. To accept an intended change, delete the reference and run twice.
@Suite(.serialized) struct AdminPageSnapshotTests {
    typealias F = SnapshotFixtures

    static let organizations = [Choice(value: F.id(101).uuidString, label: F.unitName),
                                Choice(value: F.id(102).uuidString, label: "长治市水利局")]

    @Test func adminAccountsPageWithALockedAccount() {
        let page = AdminAccountsPage(
            chrome: F.admin("账号管理", path: SiteURL.admin(.accounts).path), csrf: "csrf-token",
            filters: .init(role: "unitClerk", organizationID: "", status: "", q: "王"), organizations: Self.organizations,
            rows: [.init(id: F.id(11), username: "unit1", realName: "王敏", roleLabel: Role.unitClerk.label, organizationName: F.unitName,
                         mobile: "139****5678", isDisabled: false, lockedUntil: "2022年7月4日 10:15", failedLogins: 5,
                         mustChangePassword: false, lastLogin: "2022年7月3日 09:02", isSelf: false),
                   .init(id: F.id(12), username: "admin", realName: "系统管理员", roleLabel: Role.systemAdministrator.label,
                         organizationName: "长治市人力资源和社会保障局", mobile: "—", isDisabled: false, lockedUntil: nil, failedLogins: 0,
                         mustChangePassword: false, lastLogin: "2022年7月4日 08:30", isSelf: true)],
            pager: Pager(page: 1, pageSize: 50, total: 2, path: SiteURL.admin(.accounts).path,
                         query: [("role", "unitClerk"), ("q", "王")]))
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }

    @Test func adminAccountFormPageRefusedKeepsWhatWasTyped() {
        var errors = FieldErrors()
        errors.add("idNumber", "身份证号码校验位不正确，请核对后重新填写")
        errors.addGeneral("请改正下列问题后再提交")
        let page = AdminAccountFormPage(
            chrome: F.admin("新建账号", path: SiteURL.admin(.accounts).path), csrf: "csrf-token", organizations: Self.organizations,
            values: .init(realName: "李娜", username: "unit2", role: "unitClerk", organizationID: F.id(101).uuidString,
                          idNumber: "14040219900101123X", mobile: "13903551234"),
            errors: errors)
        let html = F.html(page.render())
        #expect(html.contains("李娜") && html.contains("身份证号码校验位不正确"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func adminOrganizationsPage() {
        let page = AdminOrganizationsPage(
            chrome: F.admin("机构管理", path: SiteURL.admin(.organizations).path), csrf: "csrf-token",
            filters: .init(kind: "", division: "", status: "active", q: ""),
            rows: [.init(id: F.id(101), name: F.unitName, kindLabel: OrganizationKind.unit.label, divisionName: "长治市",
                         creditCode: "12140400MB1234567X", cityDirect: true, aboveScale: false, competentDepartment: "长治市水利局",
                         personnelAgency: "—", isActive: true),
                   .init(id: F.id(102), name: "长治市水利局", kindLabel: OrganizationKind.competentDepartment.label, divisionName: "长治市",
                         creditCode: "", cityDirect: true, aboveScale: false, competentDepartment: "—", personnelAgency: "—",
                         isActive: false)],
            pager: Pager(page: 1, pageSize: 50, total: 2, path: SiteURL.admin(.organizations).path, query: [("status", "active")]))
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }

    @Test func adminOrganizationFormPageEditingWithAnError() {
        var errors = FieldErrors()
        errors.add("creditCode", "统一社会信用代码应为18位")
        let page = AdminOrganizationFormPage(
            chrome: F.admin("编辑机构", path: SiteURL.admin(.organizations).path), csrf: "csrf-token", organizationID: F.id(101),
            isActive: true,
            values: .init(name: F.unitName, kind: OrganizationKind.unit.rawValue, division: "140400", unitKind: "",
                          creditCode: "12140400", cityDirect: true, aboveScale: false,
                          competentDepartmentID: F.id(102).uuidString, personnelAgencyID: ""),
            errors: errors,
            departments: [Choice(value: F.id(102).uuidString, label: "长治市水利局")],
            agencies: [Choice(value: F.id(103).uuidString, label: "长治市人才交流服务中心")])
        let html = F.html(page.render())
        #expect(html.contains("12140400") && html.contains("统一社会信用代码应为18位"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func adminTemporaryPasswordPage() {
        let page = AdminTemporaryPasswordPage(
            chrome: F.admin("临时密码", path: SiteURL.admin(.accounts).path), heading: "已重置密码", username: "unit1",
            realName: "王敏", password: "Tmp-7kQ2-x9Lm", backPath: SiteURL.admin(.accounts).path, sessionsEnded: true)
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }

    @Test func auditLogPageWithAVerifiedChain() {
        let page = AuditLogPage(
            chrome: F.admin("审计日志", path: SiteURL.admin(.audit).path),
            filters: .init(actor: "office1", action: "", outcome: "denied", from: "2022-07-01", to: "2022-07-04"),
            verification: .init(intact: true, text: "审计链完整：共2条记录，逐条核对无误。"),
            rows: [.init(seq: 2, time: "2022年7月4日 10:15:02", actor: "office1", roleLabel: Role.committeeOffice.label,
                         action: "security.denied", object: "application 00000000", ip: "10.0.0.8",
                         outcome: AuditLogPage.outcomeLabel("denied"), detail: "GET /applications/<script>"),
                   .init(seq: 1, time: "2022年7月4日 09:00:00", actor: "office1", roleLabel: Role.committeeOffice.label,
                         action: "login", object: "—", ip: "10.0.0.8", outcome: AuditLogPage.outcomeLabel("success"), detail: "")],
            pager: Pager(page: 1, pageSize: 100, total: 2, path: SiteURL.admin(.audit).path, query: [("outcome", "denied")]))
        let html = F.html(page.render())
        #expect(html.contains("&lt;script&gt;") && !html.contains("<script>"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func calendarAdminPageRefusedKeepsTheText() {
        let page = CalendarAdminPage(
            chrome: F.admin("法定节假日", path: SiteURL.calendar.path), csrf: "csrf-token",
            rows: [.init(year: 2022, source: "国务院办公厅通知（国办发明电〔2021〕11号）", addedHere: false,
                         holidays: "2022-01-01..2022-01-03、2022-01-31..2022-02-06", makeUp: "2022-01-29、2022-01-30")],
            error: "第2行：日期“2023-02-30”无效", typed: "2023\nholiday 2023-02-30")
        let html = F.html(page.render())
        #expect(html.contains("2023-02-30"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func reopeningsPageWithAnErrorKeepsWhatWasTyped() {
        let page = ReopeningsPage(
            chrome: F.office("补报窗口", path: SiteURL.reopenings.path), csrf: "csrf-token",
            picker: YearPicker(years: [2022], selected: 2022, url: .reopenings), currentYear: 2022,
            period: "2022年6月1日至2022年8月25日", today: "2022年8月26日", periodNote: "网上申报已截止。",
            units: [Choice(value: F.id(101).uuidString, label: F.unitName)],
            rows: [.init(unit: F.unitName, until: "2022年8月31日", reason: "单位网络故障，经核实同意补报", by: "赵敏",
                         at: "2022年8月26日 09:30", active: true)],
            values: ["unit": F.id(101).uuidString, "until": "2022-09-40", "reason": "系统故障"],
            errors: ["until": "请填写有效的日期"])
        let html = F.html(page.render())
        #expect(html.contains("2022-09-40") && html.contains("请填写有效的日期"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func departmentClerksPage() {
        let page = DepartmentClerksPage(
            chrome: F.chrome("所属单位经办人", .competentDepartment, path: SiteURL.department(.clerks).path, username: "dept1",
                             realName: "刘洋", organization: "长治市水利局"),
            csrf: "csrf-token", departmentName: "长治市水利局",
            units: [.init(id: F.id(101), name: F.unitName, kindLabel: "事业单位", isActive: true,
                          clerks: [.init(id: F.id(11), username: "unit1", realName: "王敏", mobile: "139****5678", isDisabled: false,
                                         isLocked: false, mustChangePassword: true, lastLogin: "从未登录")])])
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }

    @Test func departmentClerkFormPageRefused() {
        var errors = FieldErrors()
        errors.add("username", "该用户名已被使用")
        let page = DepartmentClerkFormPage(
            chrome: F.chrome("新建单位经办人", .competentDepartment, path: SiteURL.department(.clerks).path, username: "dept1",
                             realName: "刘洋", organization: "长治市水利局"),
            csrf: "csrf-token", units: [Choice(value: F.id(101).uuidString, label: F.unitName)],
            values: .init(unitID: F.id(101).uuidString, realName: "陈静", username: "unit1", mobile: "13903550000", idNumber: ""),
            errors: errors)
        let html = F.html(page.render())
        #expect(html.contains("陈静") && html.contains("该用户名已被使用"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func demoClockPageRefusedKeepsTheDate() {
        let page = DemoClockPage(chrome: F.office("演示时钟", path: SiteURL.demoClock.path), csrf: "csrf-token",
                                 errors: ["日期格式应为 YYYY-MM-DD"], today: "2022年7月4日", todayISO: "2022-07-04", typed: "2022/07/05",
                                 years: [2022])
        let html = F.html(page.render())
        #expect(html.contains("2022/07/05"))
        assertSnapshot(of: html, as: .lines)
    }
}
