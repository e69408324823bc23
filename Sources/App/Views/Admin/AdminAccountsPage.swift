import Foundation
import Domain
import Plot
import Fluent
import Vapor

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

extension AdminAccountsPage {
    /// The accounts matching the decoded filters, one page of them (a count, the page's
    /// rows with their organizations, and the organizations for the filter: three queries).
    static func load(_ req: Request, filters f: Filters, page: Int, pageSize: Int) async throws -> AdminAccountsPage {
        let now = Date()
        func filtered() -> QueryBuilder<UserAccount> {
            var q = UserAccount.query(on: req.db)
            if !f.role.isEmpty { q = q.filter(\.$roleRaw == f.role) }
            if let orgID = UUID(uuidString: f.organizationID) { q = q.filter(\.$organization.$id == orgID) }
            switch f.status {
            case "active": q = q.filter(\.$isDisabled == false)
            case "disabled": q = q.filter(\.$isDisabled == true)
            case "locked": q = q.filter(\.$lockedUntil > now)
            case "must-change": q = q.filter(\.$mustChangePassword == true)
            default: break
            }
            if !f.q.isEmpty {
                let needle = f.q
                q = q.group(.or) { $0.filter(\.$username ~~ needle.lowercased()).filter(\.$realName ~~ needle) }
            }
            return q
        }
        var pager = Pager(page: page, pageSize: pageSize,
                          total: try await filtered().count(), path: SiteURL.admin(.accounts).path, query: f.query)
        pager.page = min(pager.page, pager.pageCount)
        let users = try await filtered().with(\.$organization).sort(\.$username)
            .range(pager.offset..<(pager.offset + pager.pageSize)).all()
        let viewer = req.actor
        let rows = users.map { u in
            Row(
                id: u.id!, username: u.username, realName: u.realName, roleLabel: u.role.label,
                organizationName: u.organization.name, mobile: AccountOperations.shownMobile(u, viewer: viewer),
                isDisabled: u.isDisabled, lockedUntil: u.isLocked(at: now) ? u.lockedUntil.map { BeijingTime.text($0) } : nil,
                failedLogins: u.failedLogins, mustChangePassword: u.mustChangePassword,
                lastLogin: u.lastLoginAt.map { BeijingTime.text($0) } ?? "—", isSelf: u.id == viewer?.userID)
        }
        return AdminAccountsPage(
            chrome: PageChrome(req: req, title: "账号管理"), csrf: try await req.csrfToken(), filters: f,
            organizations: try await Organization.choices(activeOnly: false, on: req.db), rows: rows, pager: pager)
    }
}
