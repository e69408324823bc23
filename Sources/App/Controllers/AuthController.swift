import Domain
import Fluent
import Vapor

/// Sign-in and sign-out, with lockout and an audit record for every attempt.
struct AuthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.login, use: loginForm).isPublic()
        routes.post(.login, use: login).isPublic().checksCSRFItself().bodyLimit("16kb")
        routes.post(.logout, use: logout).isPublic().bodyLimit("4kb")
    }

    @Sendable func loginForm(req: Request) async throws -> Response {
        if req.currentUser != nil { return req.redirect(to: SiteURL.workbench.path) }
        let expired = req.sessionExpired || req.query[String.self, at: "expired"] == "1"
        let page = LoginPage(
            chrome: PageChrome(req: req, title: "登录"),
            csrf: try await req.csrfToken(),
            next: safeNext(req.query[String.self, at: "next"], req) ?? "",
            lockoutHint: "连续\(req.config.lockoutThreshold)次输错密码，账号将锁定\(req.config.lockoutText)。",
            error: expired ? "登录已超时（\(req.config.sessionIdleText)无操作），请重新登录。" : nil
        )
        return page.render().response()
    }

    struct LoginForm: Content {
        var username: String?
        var password: String?
        var next: String?
    }

    @Sendable func login(req: Request) async throws -> Response {
        let form = (try? req.content.decode(LoginForm.self)) ?? LoginForm()
        let username = (form.username ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = form.password ?? ""
        let next = safeNext(form.next, req)

        func again(_ message: String, status: HTTPResponseStatus = .ok) async throws -> Response {
            let page = LoginPage(chrome: PageChrome(req: req, title: "登录"), csrf: try await req.csrfToken(),
                                 username: form.username ?? "", next: next ?? "",
                                 lockoutHint: "连续\(req.config.lockoutThreshold)次输错密码，账号将锁定\(req.config.lockoutText)。",
                                 error: message)
            // Every refusal counts against the address (issue 12 item 7), beside the account's lockout.
            req.application.loginThrottle.recordFailure(req.clientAddress)
            return page.render().response(status: status)
        }
        // The password threads are full (issue 12 item 2): come back in a moment. Not a
        // failed attempt, so neither the address nor the account is charged for it.
        func busy() async throws -> Response {
            let page = LoginPage(chrome: PageChrome(req: req, title: "登录"), csrf: try await req.csrfToken(),
                                 username: form.username ?? "", next: next ?? "",
                                 lockoutHint: "连续\(req.config.lockoutThreshold)次输错密码，账号将锁定\(req.config.lockoutText)。",
                                 error: PasswordWork.busyMessage)
            let response = page.render().response(status: .serviceUnavailable)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(PasswordWork.retryAfterSeconds))
            return response
        }

        guard req.application.loginThrottle.allows(req.clientAddress) else {
            return try await again("该网络地址登录失败次数过多，请\(req.application.loginThrottle.windowText)后再试。", status: .tooManyRequests)
        }
        guard req.hasValidCSRFToken else {
            return try await again("页面已过期（防伪令牌无效），请重新输入密码后登录。", status: .forbidden)
        }
        guard !username.isEmpty, !password.isEmpty else {
            return try await again("请输入用户名和密码。")
        }
        // A full line is refused before the database is asked, so a storm's surplus costs
        // next to nothing (PasswordWork.run still enforces the bound itself).
        guard req.passwordWork.hasRoom else { return try await busy() }
        let now = Date()
        let lockout = LockoutPolicy(threshold: req.config.lockoutThreshold,
                                    duration: TimeInterval(req.config.lockoutSeconds))
        guard let user = try await UserAccount.query(on: req.db).filter(\.$username == username).first() else {
            // Spend the same time as a real check so response times do not reveal usernames.
            do {
                _ = try await req.passwordWork.verify(password, created: req.application.storage[DummyHashKey.self] ?? "")
            } catch is PasswordWork.Busy { return try await busy() }
            try await req.audit(AuditEntry(actorID: nil, actorName: username, role: nil, action: "login",
                                                 ip: req.clientAddress, outcome: .failure, detail: "unknown username"))
            return try await again(Self.badCredentials)
        }
        let state = LockoutPolicy.State(failedLogins: user.failedLogins, lockedUntil: user.lockedUntil)
        if state.isLocked(at: now) {
            try await req.audit(entry(req, user, "login", .failure, "account locked"))
            return try await again(Self.lockedMessage(until: user.lockedUntil!))
        }
        let valid: Bool
        do { valid = try await req.passwordWork.verify(password, created: user.passwordHash) } catch is PasswordWork.Busy { return try await busy() }
        if !valid {
            let (newState, events) = lockout.failure(state, at: now)
            try await req.transaction { db in
                user.failedLogins = newState.failedLogins
                user.lockedUntil = newState.lockedUntil
                try await user.update(on: db)
                try await AuditLog.append(entry(req, user, "login", .failure, "wrong password"), on: db)
                for event in events {
                    switch event {
                    case .unlockedByTime:
                        try await AuditLog.append(entry(req, user, "account.unlock", .success, "lock expired"), on: db)
                    case .locked(let until):
                        try await AuditLog.append(entry(req, user, "account.lock", .success,
                                                        "locked until \(AuditLog.timestamp(until)) after \(lockout.threshold) failures"), on: db)
                    }
                }
            }
            if let until = newState.lockedUntil, newState.isLocked(at: now) {
                return try await again(Self.lockedMessage(until: until))
            }
            // The same words as for an unknown username: a countdown here would tell a
            // stranger the account exists (issue 8, item 8). The page's standing hint
            // still says how many failures lock an account.
            return try await again(Self.badCredentials)
        }
        if user.isDisabled {
            try await req.audit(entry(req, user, "login", .failure, "account disabled"))
            return try await again("该账号已停用，请联系系统管理员。")
        }
        let (newState, events) = lockout.success(state, at: now)
        try await req.transaction { db in
            user.failedLogins = newState.failedLogins
            user.lockedUntil = newState.lockedUntil
            user.lastLoginAt = now
            try await user.update(on: db)
            if events.contains(.unlockedByTime) {
                try await AuditLog.append(entry(req, user, "account.unlock", .success, "lock expired"), on: db)
            }
            try await req.startSession(userID: user.id, on: db)
            try await AuditLog.append(entry(req, user, "login", .success, ""), on: db)
        }
        req.currentUser = user
        if user.mustChangePassword { return req.redirect(to: SiteURL.changePassword.path) }
        return req.redirect(to: next ?? SiteURL.workbench.path)
    }

    @Sendable func logout(req: Request) async throws -> Response {
        // Sign-out is harmless to forge, but we still want the token so a
        // third-party page cannot end someone's session.
        guard req.hasValidCSRFToken else { throw PageError.csrf }
        if let user = req.currentUser {
            try await req.audit(entry(req, user, "logout", .success, ""))
        }
        try await req.endSession()
        return req.redirect(to: SiteURL.login.path(query: ["notice": "signed-out"]))
    }

    private func entry(_ req: Request, _ user: UserAccount, _ action: String,
                       _ outcome: AuditEntry.Outcome, _ detail: String) -> AuditEntry {
        AuditEntry(actorID: user.id, actorName: user.username, role: user.roleRaw, action: action,
                   objectType: "account", objectID: user.id?.uuidString, ip: req.clientAddress,
                   outcome: outcome, detail: detail)
    }

    /// Only a page of this site that the router serves (issue 18 item 3): `/\t/evil.example`
    /// and the like, which a browser reads as another host, fall back to the home page.
    private func safeNext(_ next: String?, _ req: Request) -> String? {
        LoginRedirect.target(next, routes: req.application.routes)
    }

    /// The same without the router (registration): still never another host.
    static func safeNext(_ next: String?) -> String? { LoginRedirect.target(next, routes: nil) }

    /// One answer for an unknown username and a wrong password (no account discovery).
    static let badCredentials = "用户名或密码不正确。"

    static func lockedMessage(until: Date) -> String {
        let minutes = max(1, Int((until.timeIntervalSinceNow / 60).rounded(.up)))
        return "连续输错密码次数过多，账号已锁定，请\(minutes)分钟后再试，或联系系统管理员解锁。"
    }

}
