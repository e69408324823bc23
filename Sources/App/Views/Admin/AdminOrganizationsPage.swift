import Foundation
import Domain
import Plot
import Fluent
import Vapor

/// 机构管理: every organization, filtered by kind, area, status and name.
struct AdminOrganizationsPage {
    struct Row: Sendable {
        var id: UUID
        var name: String
        var kindLabel: String
        var divisionName: String
        var creditCode: String
        var cityDirect: Bool
        var aboveScale: Bool
        var competentDepartment: String
        var personnelAgency: String
        var isActive: Bool
    }

    struct Filters: Sendable {
        var kind = ""
        var division = ""
        var status = ""
        var q = ""

        var query: [(String, String)] { [("kind", kind), ("division", division), ("status", status), ("q", q)] }
    }

    static let statusChoices = [Choice(value: "active", label: "启用"), Choice(value: "inactive", label: "已停用")]

    var chrome: PageChrome
    var csrf: String
    var filters: Filters
    var rows: [Row]
    var pager: Pager

    func render() -> HTML {
        Layout.page(
            chrome,
            .section(
                .class("panel"),
                .div(.class("page-head"),
                     .h1(.text("机构管理")),
                     .a(.class("button primary"), .href(SiteURL.admin(.newOrganization).path), .text("新增机构"))),
                .filterForm(
                    SiteURL.admin(.organizations).path,
                    .selectField("kind", label: "机构类型", choices: AdminOrganizationFormPage.kindChoices,
                                 selected: filters.kind, prompt: "全部"),
                    .selectField("division", label: "所在地区", choices: AdminOrganizationFormPage.divisionChoices,
                                 selected: filters.division, prompt: "全部"),
                    .selectField("status", label: "状态", choices: Self.statusChoices, selected: filters.status,
                                 prompt: "全部"),
                    .textField("q", label: "名称包含", value: filters.q, maxLength: 60)
                ),
                .if(rows.isEmpty, .p(.class("muted"), .text("没有符合条件的机构。"))),
                .if(!rows.isEmpty, .table(
                    .class("data"),
                    .thead(.tr(.th(.text("名称")), .th(.text("类型")), .th(.text("地区")), .th(.text("统一社会信用代码")),
                               .th(.text("市直")), .th(.text("规上")), .th(.text("主管部门")),
                               .th(.text("人事档案代理")), .th(.text("状态")), .th(.text("操作")))),
                    .tbody(.forEach(rows) { row in
                        .tr(
                            .td(.text(row.name)), .td(.text(row.kindLabel)), .td(.text(row.divisionName)),
                            .td(.code(.text(row.creditCode))), .td(.text(yesNo(row.cityDirect))),
                            .td(.text(yesNo(row.aboveScale))), .td(.text(row.competentDepartment)),
                            .td(.text(row.personnelAgency)),
                            .td(row.isActive ? .tag("启用", "ok") : .tag("已停用", "off")),
                            .td(
                                .class("row-actions"),
                                .a(.class("button small"), .href(SiteURL.admin(.editOrganization(.value(row.id))).path), .text("编辑")),
                                row.isActive
                                    ? .postButton(SiteURL.admin(.deactivateOrganization(.value(row.id))).path, csrf: csrf, title: "停用")
                                    : .postButton(SiteURL.admin(.activateOrganization(.value(row.id))).path, csrf: csrf, title: "启用")
                            )
                        )
                    })
                )),
                .pager(pager)
            )
        )
    }
}

extension AdminOrganizationsPage {
    /// An area's name from its code (the code itself when unknown).
    static func divisionName(_ code: String) -> String {
        AdministrativeDivision.all.first { $0.id == code }?.name ?? code
    }

    /// The organizations matching the decoded filters, one page of them, with the names of
    /// the departments and agencies they point to (three queries).
    static func load(_ req: Request, filters f: Filters, page: Int, pageSize: Int) async throws -> AdminOrganizationsPage {
        func filtered() -> QueryBuilder<Organization> {
            var q = Organization.query(on: req.db)
            if !f.kind.isEmpty { q = q.filter(\.$kindRaw == f.kind) }
            if !f.division.isEmpty { q = q.filter(\.$divisionCode == f.division) }
            if f.status == "active" { q = q.filter(\.$isActive == true) }
            if f.status == "inactive" { q = q.filter(\.$isActive == false) }
            if !f.q.isEmpty { q = q.filter(\.$name ~~ f.q) }
            return q
        }
        var pager = Pager(page: page, pageSize: pageSize,
                          total: try await filtered().count(), path: SiteURL.admin(.organizations).path, query: f.query)
        pager.page = min(pager.page, pager.pageCount)
        let orgs = try await filtered().sort(\.$divisionCode).sort(\.$kindRaw).sort(\.$name)
            .range(pager.offset..<(pager.offset + pager.pageSize)).all()
        let names = try await Organization.departmentAndAgencyNames(on: req.db)
        let rows = orgs.map { o in
            Row(
                id: o.id!, name: o.name, kindLabel: o.unitKind.map { "\(o.kind.label)·\($0.label)" } ?? o.kind.label,
                divisionName: divisionName(o.divisionCode), creditCode: o.creditCode ?? "",
                cityDirect: o.isCityDirect, aboveScale: o.isAboveScale,
                competentDepartment: o.$competentDepartment.id.flatMap { names[$0] } ?? "—",
                personnelAgency: o.$personnelAgency.id.flatMap { names[$0] } ?? "—", isActive: o.isActive)
        }
        return AdminOrganizationsPage(chrome: PageChrome(req: req, title: "机构管理"), csrf: try await req.csrfToken(),
                                      filters: f, rows: rows, pager: pager)
    }
}
