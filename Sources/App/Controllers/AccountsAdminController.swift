import Domain
import Fluent
import Vapor

/// 账号管理 (system administrator): list, create, disable, enable, unlock and
/// reset the password of accounts of every role.
struct AccountsAdminController: RouteCollection {
    static let pageSize = 50

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.admin(.accounts), use: list).requires(.manageAccounts).cachesPage()
        routes.get(.admin(.newAccount), use: newForm).requires(.manageAccounts).cachesPage()
        routes.post(.admin(.accounts), use: create).requires(.manageAccounts)
        routes.post(.admin(.account(.pattern, .disable)), use: disable).requires(.manageAccounts)
        routes.post(.admin(.account(.pattern, .enable)), use: enable).requires(.manageAccounts)
        routes.post(.admin(.account(.pattern, .unlock)), use: unlock).requires(.manageAccounts)
        routes.post(.admin(.account(.pattern, .resetPassword)), use: resetPassword).requires(.manageAccounts)
    }

    // MARK: - List

    @Sendable func list(req: Request) async throws -> Response {
        try AccountOperations.authorize(req, .manageAccounts, .system)
        // A select's prompt arrives as its label ("全部"): anything not a known choice means "any".
        func choice(_ key: String, _ valid: (String) -> Bool) -> String {
            let raw = req.query[String.self, at: key] ?? ""
            return valid(raw) ? raw : ""
        }
        let f = AdminAccountsPage.Filters(
            role: choice("role") { Role(rawValue: $0) != nil },
            organizationID: choice("organizationID") { UUID(uuidString: $0) != nil },
            status: choice("status") { s in AdminAccountsPage.statusChoices.contains { $0.value == s } },
            q: (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces))
        let page = Pager.requestedPage(req.query[String.self, at: "page"])
        return try await AdminAccountsPage.load(req, filters: f, page: page, pageSize: Self.pageSize).render().response()
    }

    // MARK: - Create

    @Sendable func newForm(req: Request) async throws -> Response {
        try AccountOperations.authorize(req, .manageAccounts, .system)
        return try await AdminAccountFormPage.load(req, values: .init(), errors: FieldErrors()).render().response()
    }

    struct Form: Content {
        var realName: String?
        var username: String?
        var role: String?
        var organizationID: String?
        var idNumber: String?
        var mobile: String?
        var password: String?
        var confirm: String?
    }

    @Sendable func create(req: Request) async throws -> Response {
        try AccountOperations.authorize(req, .manageAccounts, .system)
        let form = (try? req.content.decode(Form.self)) ?? Form()
        func text(_ s: String?) -> String { (s ?? "").trimmingCharacters(in: .whitespaces) }
        let values = AdminAccountFormPage.Values(
            realName: text(form.realName), username: text(form.username), role: text(form.role),
            organizationID: text(form.organizationID), idNumber: text(form.idNumber), mobile: text(form.mobile))
        let input = AccountCreation.Input(
            realName: values.realName, username: values.username, role: Role(rawValue: values.role),
            organizationID: UUID(uuidString: values.organizationID), idNumber: values.idNumber,
            mobile: values.mobile, password: form.password ?? "", confirm: form.confirm ?? "")
        switch try await AccountCreation.create(input, req: req) {
        case .rejected(let errors, let status):
            return try await AdminAccountFormPage.load(req, values: values, errors: errors).render().response(status: status)
        case .created(_, temporaryPassword: nil):
            return req.redirect(to: SiteURL.admin(.accounts).path(query: ["notice": "created"]))
        case .created(let user, temporaryPassword: let temporary?):
            return AdminTemporaryPasswordPage(
                chrome: PageChrome(req: req, title: "账号已创建"), heading: "账号已创建", username: user.username,
                realName: user.realName, password: temporary, backPath: SiteURL.admin(.accounts).path
            ).render().response()
        }
    }

    // MARK: - Actions on one account

    @Sendable func disable(req: Request) async throws -> Response {
        let user = try await loadAuthorized(req)
        guard user.id != req.actor?.userID else { throw PageError.forbidden("不能停用自己的账号。") }
        try await AccountOperations.setDisabled(user, true, req: req)
        return req.redirect(to: SiteURL.admin(.accounts).path(query: ["notice": "disabled"]))
    }

    @Sendable func enable(req: Request) async throws -> Response {
        let user = try await loadAuthorized(req)
        try await AccountOperations.setDisabled(user, false, req: req)
        return req.redirect(to: SiteURL.admin(.accounts).path(query: ["notice": "enabled"]))
    }

    @Sendable func unlock(req: Request) async throws -> Response {
        let user = try await loadAuthorized(req)
        try await AccountOperations.unlock(user, req: req)
        return req.redirect(to: SiteURL.admin(.accounts).path(query: ["notice": "unlocked"]))
    }

    @Sendable func resetPassword(req: Request) async throws -> Response {
        let user = try await loadAuthorized(req)
        // Resetting one's own password would end one's own session; 修改密码 is the way.
        guard user.id != req.actor?.userID else { throw PageError.forbidden("请通过“修改密码”更改自己的密码。") }
        let temporary = try await AccountOperations.resetPassword(user, req: req)
        return AdminTemporaryPasswordPage(
            chrome: PageChrome(req: req, title: "密码已重置"), heading: "密码已重置", username: user.username,
            realName: user.realName, password: temporary, backPath: SiteURL.admin(.accounts).path, sessionsEnded: true
        ).render().response()
    }

    // MARK: - Helpers

    private func loadAuthorized(_ req: Request) async throws -> UserAccount {
        let user = try await AccountOperations.load(req)
        try AccountOperations.authorize(req, .manageAccounts, .account(AccountOperations.facts(user)))
        return user
    }
}
