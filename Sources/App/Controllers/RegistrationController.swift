import Domain
import Fluent
import Vapor

/// 申报人注册: applicants create their own accounts with real identity data.
struct RegistrationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.register, use: form).isPublic()
        routes.post(.register, use: register)
.isPublic().checksCSRFItself().bodyLimit("16kb")
    }

    @Sendable func form(req: Request) async throws -> Response {
        if req.currentUser != nil { return req.redirect(to: SiteURL.workbench.path) }
        // From the quick check's "register and start a declaration": where to go afterwards.
        var values = RegisterPage.Values()
        values.next = AuthController.safeNext(req.query[String.self, at: "next"]) ?? ""
        return try await page(req, values: values, errors: FieldErrors()).render().response()
    }

    struct Form: Content {
        var realName: String?
        var idNumber: String?
        var mobile: String?
        var unitID: String?
        var username: String?
        var password: String?
        var confirm: String?
        var next: String?
    }

    @Sendable func register(req: Request) async throws -> Response {
        let form = (try? req.content.decode(Form.self)) ?? Form()
        let values = RegisterPage.Values(
            realName: (form.realName ?? "").trimmingCharacters(in: .whitespaces),
            idNumber: (form.idNumber ?? "").trimmingCharacters(in: .whitespaces),
            mobile: (form.mobile ?? "").trimmingCharacters(in: .whitespaces),
            unitID: form.unitID ?? "",
            username: (form.username ?? "").trimmingCharacters(in: .whitespaces),
            next: AuthController.safeNext(form.next) ?? "")
        var errors = FieldErrors()
        guard req.hasValidCSRFToken else {
            errors.addGeneral("页面已过期（防伪令牌无效），请重新输入密码后提交。")
            return try await page(req, values: values, errors: errors).render().response(status: .forbidden)
        }
        let today = LocalDate.beijing(Date())
        let validated = AccountFields.validate(
            realName: values.realName, username: values.username, password: form.password ?? "",
            confirm: form.confirm ?? "", idNumber: values.idNumber, idNumberRequired: true,
            mobile: values.mobile, mobileRequired: true, today: today, errors: &errors)
        let unit = try await UUID(uuidString: values.unitID).asyncFlatMap { try await Organization.find($0, on: req.db) }
        if unit == nil || unit?.kind != .unit || unit?.isActive != true { errors.add("unitID", "请选择工作单位") }
        try await AccountFields.checkUnique(username: validated.username, idNumber: validated.idNumber,
                                            on: req.db, errors: &errors)
        guard errors.isEmpty, let unit, let unitID = unit.id else {
            return try await page(req, values: values, errors: errors).render().response(status: .unprocessableEntity)
        }
        let hash = try await req.passwordWork.hash(form.password ?? "") // bounded bcrypt (PasswordWork)
        let user = UserAccount(username: validated.username, passwordHash: hash, role: .applicant,
                               organizationID: unitID, realName: values.realName,
                               idNumber: validated.idNumber, mobile: validated.mobile)
        do {
            try await req.transaction { db in
                try await user.create(on: db)
                try await AuditLog.append(AuditEntry(
                    actorID: user.id, actorName: user.username, role: user.roleRaw, action: "account.register",
                    objectType: "account", objectID: user.id?.uuidString, ip: req.clientAddress,
                    detail: "applicant at \(unit.name)"), on: db)
                try await req.startSession(userID: user.id, on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Someone registered the same username or ID number a moment ago.
            errors.addGeneral("用户名或身份证号已被注册。")
            return try await page(req, values: values, errors: errors).render().response(status: .conflict)
        }
        req.currentUser = user
        if !values.next.isEmpty { return req.redirect(to: values.next) }
        return req.redirect(to: SiteURL.workbench.path(query: ["notice": "registered"]))
    }

    private func page(_ req: Request, values: RegisterPage.Values, errors: FieldErrors) async throws -> RegisterPage {
        try await RegisterPage.load(req, values: values, errors: errors)
    }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
