import Plot
import Domain
import Fluent
import Vapor

/// 机构名录: the active organizations by area, read-only, for the bodies that
/// review applications (committee office, city HR, county bureaus, departments).
/// The names, kinds and reporting lines are public information.
struct DirectoryOrganizationsPage {
    struct Entry: Sendable {
        var name: String
        var kindLabel: String
        var unitKindLabel: String?
        var cityDirect: Bool
        var aboveScale: Bool
        var competentDepartment: String?
        var personnelAgency: String?
    }

    struct Group: Sendable {
        var title: String
        var entries: [Entry]
    }

    var chrome: PageChrome
    var groups: [Group]

    func render() -> HTML {
        Layout.page(
            chrome,
            .section(
                .class("panel"),
                .h1(.text("机构名录")),
                .p(.class("lead"), .text("按所在地区列出已启用的机构。用人单位的主管部门决定市直单位的审核路径；无主管部门的企业按属地原则申报（通知六.4）。")),
                .if(groups.isEmpty, .p(.class("muted"), .text("尚未登记机构。"))),
                .nav(.class("toc"), .ariaLabel("地区"), .ul(.forEach(groups.indices) { i in
                    .li(.a(.href("#area-\(i)"), .text("\(groups[i].title)（\(groups[i].entries.count)）")))
                })),
                .forEach(groups.indices) { i in
                    .section(
                        .id("area-\(i)"),
                        .h2(.text(groups[i].title)),
                        .table(
                            .class("data"),
                            .thead(.tr(.th(.text("名称")), .th(.text("类型")), .th(.text("主管部门")),
                                       .th(.text("人事档案代理")))),
                            .tbody(.forEach(groups[i].entries) { entry in
                                .tr(
                                    .td(.text(entry.name)),
                                    .td(
                                        .text(entry.kindLabel),
                                        .unwrap(entry.unitKindLabel) { .text("（\($0)）") },
                                        .if(entry.cityDirect, .tag("市直")),
                                        .if(entry.aboveScale, .tag("规上"))
                                    ),
                                    .td(.text(entry.competentDepartment ?? "—")),
                                    .td(.text(entry.personnelAgency ?? "—"))
                                )
                            })
                        )
                    )
                }
            )
        )
    }
}

extension DirectoryOrganizationsPage {
    /// The active organizations grouped by area, in the list's order of areas (one query).
    static func load(_ req: Request) async throws -> DirectoryOrganizationsPage {
        let orgs = try await Organization.query(on: req.db).filter(\.$isActive == true).sort(\.$name).all()
        let names = Dictionary(orgs.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let kindOrder = Dictionary(OrganizationKind.allCases.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let byArea = Dictionary(grouping: orgs, by: \.divisionCode)
        // Areas in the list's order (city, districts and counties, the zone); unknown codes last.
        let areaOrder = AdministrativeDivision.all.map(\.id) + byArea.keys.filter { code in !AdministrativeDivision.all.contains { $0.id == code } }.sorted()
        let groups: [Group] = areaOrder.compactMap { area in
            guard let members = byArea[area] else { return nil }
            let entries = members.sorted { (kindOrder[$0.kind] ?? 0, $0.name) < (kindOrder[$1.kind] ?? 0, $1.name) }.map { o in
                Entry(
                    name: o.name, kindLabel: o.kind.label, unitKindLabel: o.unitKind?.label, cityDirect: o.isCityDirect,
                    aboveScale: o.isAboveScale, competentDepartment: o.$competentDepartment.id.flatMap { names[$0] },
                    personnelAgency: o.$personnelAgency.id.flatMap { names[$0] })
            }
            let title = area == AdministrativeDivision.changzhi.id ? "长治市（市级）" : AdminOrganizationsPage.divisionName(area)
            return .init(title: title, entries: entries)
        }
        return DirectoryOrganizationsPage(chrome: PageChrome(req: req, title: "机构名录"), groups: groups)
    }
}
