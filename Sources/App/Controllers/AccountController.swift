import Domain
import Fluent
import Vapor

/// One's own account: change the password.
struct AccountController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.changePassword, use: form).requires(.changeOwnPassword).cachesPage()
        routes.post(.changePassword, use: change).requires(.changeOwnPassword).bodyLimit("16kb")
    }

    @Sendable func form(req: Request) async throws -> Response {
        let user = req.currentUser!
        return ChangePasswordPage(chrome: PageChrome(req: req, title: "修改密码"), csrf: try await req.csrfToken(),
                                  mustChange: user.mustChangePassword).render().response()
    }

    struct Form: Content {
        var current: String?
        var password: String?
        var confirm: String?
    }

    @Sendable func change(req: Request) async throws -> Response {
        let user = req.currentUser!
        let form = (try? req.content.decode(Form.self)) ?? Form()
        var errors = FieldErrors()
        // Bounded bcrypt (PasswordWork): a full line answers 503 rather than queueing without end.
        let currentOK = try await req.passwordWork.verify(form.current ?? "", created: user.passwordHash)
        if !currentOK { errors.add("current", "当前密码不正确") }
        let newPassword = form.password ?? ""
        let problems = PasswordPolicy.check(newPassword, username: user.username, idNumber: user.idNumber)
        if !problems.isEmpty {
            errors.add("password", problems.joined(separator: "；"))
        } else if newPassword != form.confirm {
            errors.add("confirm", "两次输入的密码不一致")
        } else if currentOK, newPassword == form.current {
            errors.add("password", "新密码不能与当前密码相同")
        }
        guard errors.isEmpty else {
            try await req.audit(req.auditEntry("account.password.change", objectType: "account",
                                                     objectID: user.id?.uuidString, outcome: .failure,
                                                     detail: currentOK ? "new password refused" : "wrong current password"))
            return ChangePasswordPage(chrome: PageChrome(req: req, title: "修改密码"), csrf: try await req.csrfToken(),
                                      errors: errors, mustChange: user.mustChangePassword)
                .render().response(status: .unprocessableEntity)
        }
        let hash = try await req.passwordWork.hash(newPassword)
        try await req.transaction { db in
            user.passwordHash = hash
            user.mustChangePassword = false
            try await user.update(on: db)
            // Other sessions of this account end; this one gets a new id.
            try await UserSession.query(on: db).filter(\.$user.$id == user.id!).delete()
            req.currentSession = nil
            try await req.startSession(userID: user.id, on: db)
            try await AuditLog.append(req.auditEntry("account.password.change", objectType: "account",
                                                     objectID: user.id?.uuidString), on: db)
        }
        return req.redirect(to: SiteURL.workbench.path(query: ["notice": "password-changed"]))
    }
}
