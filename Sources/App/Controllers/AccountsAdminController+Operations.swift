import Domain
import Fluent
import Vapor

/// What the administrator's account pages and the departments' clerk pages do
/// to an existing account, in one place so both write the same audit records and
/// end sessions the same way. Callers authorize first. Opening an account is
/// `AccountCreation`.
enum AccountOperations {
    /// The account named by the route's `:id`, with its organization loaded
    /// (access decisions need the organization's competent department).
    static func load(_ req: Request) async throws -> UserAccount {
        guard let id = req.parameters.get("id", as: UUID.self),
              let user = try await UserAccount.query(on: req.db).filter(\.$id == id).with(\.$organization).first()
        else { throw PageError.notFound }
        return user
    }

    static func facts(_ user: UserAccount) -> AccountFacts {
        AccountFacts(id: user.id!, role: user.role, organizationID: user.$organization.id,
                     competentDepartmentID: user.$organization.value?.$competentDepartment.id)
    }

    /// The controller's object-level check; the route-level one ran in middleware.
    static func authorize(_ req: Request, _ action: Action, _ object: AccessObject) throws {
        if case .deny(let reason) = AccessPolicy.decide(req.actor, action, object) {
            throw PageError.forbidden(reason)
        }
    }

    /// Disabling also ends the account's sessions at once (the session
    /// middleware would refuse them on the next request anyway).
    static func setDisabled(_ user: UserAccount, _ disabled: Bool, req: Request) async throws {
        guard user.isDisabled != disabled else { return }
        try await req.transaction { db in
            user.isDisabled = disabled
            try await user.update(on: db)
            if disabled { try await UserSession.query(on: db).filter(\.$user.$id == user.id!).delete() }
            try await AuditLog.append(req.auditEntry(disabled ? "account.disable" : "account.enable",
                                                     objectType: "account", objectID: user.id?.uuidString,
                                                     detail: user.username), on: db)
        }
    }

    /// Issues a temporary password: the old one stops working, every session of
    /// the account ends, the next login must set a new password. A forgotten
    /// password often comes with a lockout, so the lockout is cleared too.
    static func resetPassword(_ user: UserAccount, req: Request) async throws -> String {
        let temporary = DemoData.generatePassword()
        let hash = try await req.passwordWork.hash(temporary)  // bounded bcrypt (PasswordWork)
        try await req.transaction { db in
            user.passwordHash = hash
            user.mustChangePassword = true
            user.failedLogins = 0
            user.lockedUntil = nil
            try await user.update(on: db)
            try await UserSession.query(on: db).filter(\.$user.$id == user.id!).delete()
            try await AuditLog.append(req.auditEntry("account.password.reset", objectType: "account",
                                                     objectID: user.id?.uuidString,
                                                     detail: "\(user.username): temporary password issued, sessions ended"),
                                      on: db)
        }
        return temporary
    }

    static func unlock(_ user: UserAccount, req: Request) async throws {
        try await req.transaction { db in
            user.failedLogins = 0
            user.lockedUntil = nil
            try await user.update(on: db)
            try await AuditLog.append(req.auditEntry("account.unlock", objectType: "account",
                                                     objectID: user.id?.uuidString,
                                                     detail: "\(user.username): unlocked by administrator"), on: db)
        }
    }

    /// The mobile as the viewer may see it (masked unless `AccessPolicy` allows).
    static func shownMobile(_ user: UserAccount, viewer: AccessActor?) -> String {
        guard let mobile = user.mobile else { return "—" }
        return PersonalData(viewer: viewer, owner: user.id!).mobile(mobile)
    }

    static let raceMessage = "用户名或身份证号刚刚已被注册，请核对后重新提交。"
}
