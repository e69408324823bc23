import Domain
import Fluent
import Vapor

/// 单位经办人 (competent department): the department opens and manages clerk
/// accounts for the units it supervises, and only for those.
struct UnitClerksController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.department(.clerks), use: list).requires(.manageUnitClerks).cachesPage()
        routes.get(.department(.newClerk), use: newForm).requires(.manageUnitClerks).cachesPage()
        routes.post(.department(.clerks), use: create).requires(.manageUnitClerks)
        routes.post(.department(.clerk(.pattern, .disable)), use: disable).requires(.manageUnitClerks)
        routes.post(.department(.clerk(.pattern, .enable)), use: enable).requires(.manageUnitClerks)
        routes.post(.department(.clerk(.pattern, .resetPassword)), use: resetPassword).requires(.manageUnitClerks)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let actor = try signedIn(req)
        return try await DepartmentClerksPage.load(req, actor: actor).render().response()
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        let actor = try signedIn(req)
        let values = DepartmentClerkFormPage.Values(unitID: req.query[String.self, at: "unitID"] ?? "")
        return try await DepartmentClerkFormPage.load(req, actor: actor, values: values, errors: FieldErrors()).render().response()
    }

    struct Form: Content {
        var unitID: String?
        var realName: String?
        var username: String?
        var mobile: String?
        var idNumber: String?
        var password: String?
        var confirm: String?
    }

    @Sendable func create(req: Request) async throws -> Response {
        let actor = try signedIn(req)
        let form = (try? req.content.decode(Form.self)) ?? Form()
        func text(_ s: String?) -> String { (s ?? "").trimmingCharacters(in: .whitespaces) }
        let values = DepartmentClerkFormPage.Values(
            unitID: text(form.unitID), realName: text(form.realName), username: text(form.username),
            mobile: text(form.mobile), idNumber: text(form.idNumber))
        // The same flow as the administrator's, with the role fixed: the access
        // policy refuses any other role and any unit outside the department.
        let input = AccountCreation.Input(
            realName: values.realName, username: values.username, role: .unitClerk,
            organizationID: UUID(uuidString: values.unitID), idNumber: values.idNumber,
            mobile: values.mobile, password: form.password ?? "", confirm: form.confirm ?? "")
        switch try await AccountCreation.create(input, organizationField: .unit, req: req) {
        case .rejected(let errors, let status):
            return try await DepartmentClerkFormPage.load(req, actor: actor, values: values, errors: errors).render().response(status: status)
        case .created(_, temporaryPassword: nil):
            return req.redirect(to: SiteURL.department(.clerks).path(query: ["notice": "created"]))
        case .created(let user, temporaryPassword: let temporary?):
            return AdminTemporaryPasswordPage(
                chrome: PageChrome(req: req, title: "经办人账号已开设"), heading: "经办人账号已开设",
                username: user.username, realName: user.realName, password: temporary, backPath: SiteURL.department(.clerks).path
            ).render().response()
        }
    }

    @Sendable func disable(req: Request) async throws -> Response {
        let user = try await loadAuthorized(req)
        try await AccountOperations.setDisabled(user, true, req: req)
        return req.redirect(to: SiteURL.department(.clerks).path(query: ["notice": "disabled"]))
    }

    @Sendable func enable(req: Request) async throws -> Response {
        let user = try await loadAuthorized(req)
        try await AccountOperations.setDisabled(user, false, req: req)
        return req.redirect(to: SiteURL.department(.clerks).path(query: ["notice": "enabled"]))
    }

    @Sendable func resetPassword(req: Request) async throws -> Response {
        let user = try await loadAuthorized(req)
        let temporary = try await AccountOperations.resetPassword(user, req: req)
        return AdminTemporaryPasswordPage(
            chrome: PageChrome(req: req, title: "密码已重置"), heading: "经办人密码已重置", username: user.username,
            realName: user.realName, password: temporary, backPath: SiteURL.department(.clerks).path, sessionsEnded: true
        ).render().response()
    }

    // MARK: - Helpers

    private func signedIn(_ req: Request) throws -> AccessActor {
        guard let actor = req.actor else { throw PageError.signInRequired(expired: false) }
        try AccountOperations.authorize(req, .manageUnitClerks, .system)
        return actor
    }

    /// A clerk of one of this department's units, or 403 (AccessPolicy decides
    /// from the account's role and its unit's competent department).
    private func loadAuthorized(_ req: Request) async throws -> UserAccount {
        let user = try await AccountOperations.load(req)
        try AccountOperations.authorize(req, .manageUnitClerks, .account(AccountOperations.facts(user)))
        return user
    }
}
