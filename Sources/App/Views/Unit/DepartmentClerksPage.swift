import Foundation
import Plot
import Domain
import Fluent
import Vapor

/// 单位经办人 (competent department): the units the department supervises and
/// their clerks' accounts.
struct DepartmentClerksPage {
    struct Clerk: Sendable {
        var id: UUID
        var username: String
        var realName: String
        /// Already masked.
        var mobile: String
        var isDisabled: Bool
        var isLocked: Bool
        var mustChangePassword: Bool
        var lastLogin: String
    }

    struct Unit: Sendable {
        var id: UUID
        var name: String
        var kindLabel: String
        var isActive: Bool
        var clerks: [Clerk]
    }

    var chrome: PageChrome
    var csrf: String
    var departmentName: String
    var units: [Unit]

    func render() -> HTML {
        Layout.page(
            chrome,
            .section(
                .class("panel"),
                .div(.class("page-head"),
                     .h1(.text("单位经办人")),
                     .if(units.contains { $0.isActive },
                         .a(.class("button primary"), .href(SiteURL.department(.newClerk).path), .text("开设经办人账号")))),
                .p(.class("lead"), .text("\(departmentName)所属单位的经办人账号。经办人负责本单位的民主评议、三公示、鉴定意见和统一报送（通知四（二）、十（一））。")),
                .p(.class("hint"), .text("经办人忘记密码或因输错密码被锁定时，可在此重置密码（同时解除锁定）。手机号码隐去中间四位。")),
                .if(units.isEmpty, .p(.class("muted"), .text("目前没有以本部门为主管部门的单位。如有遗漏，请联系系统管理员登记。"))),
                .forEach(units) { unit in
                    .section(
                        .class("unit-block"),
                        .h2(.text(unit.name), .text(" "), .tag(unit.kindLabel),
                            .if(!unit.isActive, .tag("已停用", "off"))),
                        .if(unit.clerks.isEmpty, .p(.class("muted"), .text("尚无经办人账号。"))),
                        .if(!unit.clerks.isEmpty, .table(
                            .class("data"),
                            .thead(.tr(.th(.text("用户名")), .th(.text("姓名")), .th(.text("手机号码")),
                                       .th(.text("状态")), .th(.text("最近登录")), .th(.text("操作")))),
                            .tbody(.forEach(unit.clerks) { clerk in
                                .tr(
                                    .td(.text(clerk.username)), .td(.text(clerk.realName)), .td(.text(clerk.mobile)),
                                    .td(status(clerk)), .td(.text(clerk.lastLogin)),
                                    .td(.class("row-actions"), actions(clerk))
                                )
                            })
                        )),
                        .if(unit.isActive, .p(.a(.href(SiteURL.department(.newClerk).path(query: ["unitID": unit.id.uuidString])),
                                                 .text("为此单位开设经办人账号"))))
                    )
                }
            )
        )
    }

    private func status(_ clerk: Clerk) -> Node<HTML.BodyContext> {
        .group(
            clerk.isDisabled ? .tag("已停用", "off") : .tag("正常", "ok"),
            .if(clerk.isLocked, .tag("已锁定", "warn")),
            .if(clerk.mustChangePassword, .tag("待改临时密码"))
        )
    }

    private func actions(_ clerk: Clerk) -> Node<HTML.BodyContext> {
        func action(_ action: SiteURL.AccountAction) -> String { SiteURL.department(.clerk(.value(clerk.id), action)).path }
        return .group(
            clerk.isDisabled
                ? .postButton(action(.enable), csrf: csrf, title: "启用")
                : .postButton(action(.disable), csrf: csrf, title: "停用"),
            .postButton(action(.resetPassword), csrf: csrf, title: "重置密码")
        )
    }
}

extension DepartmentClerksPage {
    /// The department's units with their clerks (units, clerks, the department: three queries).
    static func load(_ req: Request, actor: AccessActor) async throws -> DepartmentClerksPage {
        let units = try await Organization.unitsSupervised(by: actor, activeOnly: false, on: req.db)
        let unitIDs = units.compactMap(\.id)
        let clerks = unitIDs.isEmpty ? [] : try await UserAccount.query(on: req.db)
            .filter(\.$organization.$id ~~ unitIDs).filter(\.$roleRaw == Role.unitClerk.rawValue)
            .sort(\.$username).all()
        let byUnit = Dictionary(grouping: clerks, by: { $0.$organization.id })
        let now = Date()
        let rows = units.map { unit in
            Unit(
                id: unit.id!, name: unit.name, kindLabel: unit.unitKind?.label ?? unit.kind.label,
                isActive: unit.isActive,
                clerks: (byUnit[unit.id!] ?? []).map { c in
                    Clerk(
                        id: c.id!, username: c.username, realName: c.realName,
                        mobile: AccountOperations.shownMobile(c, viewer: actor), isDisabled: c.isDisabled,
                        isLocked: c.isLocked(at: now), mustChangePassword: c.mustChangePassword,
                        lastLogin: c.lastLoginAt.map { BeijingTime.text($0) } ?? "—")
                })
        }
        let department = try await Organization.find(actor.organizationID, on: req.db)
        return DepartmentClerksPage(chrome: PageChrome(req: req, title: "单位经办人"), csrf: try await req.csrfToken(),
                                    departmentName: department?.name ?? "本部门", units: rows)
    }
}
