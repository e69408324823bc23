import Foundation
import Domain
import Plot

/// 账号管理: every account with its role, organization, masked mobile and
/// state, and the actions an administrator takes on it.
struct AdminAccountsPage {
    struct Row: Sendable {
        var id: UUID
        var username: String
        var realName: String
        var roleLabel: String
        var organizationName: String
        /// Already masked (or full for the viewer's own account).
        var mobile: String
        var isDisabled: Bool
        /// Beijing time the lock ends, when locked now.
        var lockedUntil: String?
        var failedLogins: Int
        var mustChangePassword: Bool
        var lastLogin: String
        var isSelf: Bool
    }

    struct Filters: Sendable {
        var role = ""
        var organizationID = ""
        var status = ""
        var q = ""

        var query: [(String, String)] {
            [("role", role), ("organizationID", organizationID), ("status", status), ("q", q)]
        }
    }

    static let roleChoices = Role.allCases.map { Choice(value: $0.rawValue, label: $0.label) }
    static let statusChoices = [
        Choice(value: "active", label: "正常"), Choice(value: "disabled", label: "已停用"),
        Choice(value: "locked", label: "已锁定"), Choice(value: "must-change", label: "待修改临时密码"),
    ]

    var chrome: PageChrome
    var csrf: String
    var filters: Filters
    var organizations: [Choice]
    var rows: [Row]
    var pager: Pager

    func render() -> HTML {
        Layout.page(
            chrome,
            .section(
                .class("panel"),
                .div(.class("page-head"),
                     .h1(.text("账号管理")),
                     .a(.class("button primary"), .href(SiteURL.admin(.newAccount).path), .text("新建账号"))),
                .filterForm(
                    SiteURL.admin(.accounts).path,
                    .selectField("role", label: "角色", choices: Self.roleChoices, selected: filters.role, prompt: "全部"),
                    .selectField("organizationID", label: "所属机构", choices: organizations,
                                 selected: filters.organizationID, prompt: "全部"),
                    .selectField("status", label: "状态", choices: Self.statusChoices, selected: filters.status,
                                 prompt: "全部"),
                    .textField("q", label: "用户名或姓名包含", value: filters.q, maxLength: 32)
                ),
                .p(.class("hint"), .text("手机号码按规定隐去中间四位。停用、重置密码会立即结束该账号已登录的会话。")),
                .if(rows.isEmpty, .p(.class("muted"), .text("没有符合条件的账号。"))),
                .if(!rows.isEmpty, .table(
                    .class("data"),
                    .thead(.tr(.th(.text("用户名")), .th(.text("姓名")), .th(.text("角色")), .th(.text("所属机构")),
                               .th(.text("手机号码")), .th(.text("状态")), .th(.text("最近登录")), .th(.text("操作")))),
                    .tbody(.forEach(rows) { row in
                        .tr(
                            .td(.text(row.username)), .td(.text(row.realName)), .td(.text(row.roleLabel)),
                            .td(.text(row.organizationName)), .td(.text(row.mobile)),
                            .td(status(row)), .td(.text(row.lastLogin)),
                            .td(.class("row-actions"), actions(row))
                        )
                    })
                )),
                .pager(pager)
            )
        )
    }

    private func status(_ row: Row) -> Node<HTML.BodyContext> {
        .group(
            row.isDisabled ? .tag("已停用", "off") : .tag("正常", "ok"),
            .unwrap(row.lockedUntil) { .tag("锁定至\($0)", "warn") },
            .if(row.lockedUntil == nil && row.failedLogins > 0, .tag("连续输错\(row.failedLogins)次", "warn")),
            .if(row.mustChangePassword, .tag("待改临时密码"))
        )
    }

    private func actions(_ row: Row) -> Node<HTML.BodyContext> {
        func action(_ action: SiteURL.AccountAction) -> String { SiteURL.admin(.account(.value(row.id), action)).path }
        // One's own account is changed through 修改密码, never disabled from here.
        if row.isSelf { return .span(.class("muted"), .text("（本人）")) }
        return .group(
            row.isDisabled
                ? .postButton(action(.enable), csrf: csrf, title: "启用")
                : .postButton(action(.disable), csrf: csrf, title: "停用"),
            .if(row.lockedUntil != nil || row.failedLogins > 0, .postButton(action(.unlock), csrf: csrf, title: "解锁")),
            .postButton(action(.resetPassword), csrf: csrf, title: "重置密码")
        )
    }
}
