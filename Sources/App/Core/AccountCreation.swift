import Domain
import Fluent
import Vapor

/// Opening an account, one flow whoever opens it (issue 8, item 4). The system
/// administrator opens accounts of every role; a competent department opens
/// 经办人 accounts for the units it supervises. Both forms come here, so the
/// fields are checked by the same rules, the access policy decides on the same
/// facts, the password is hashed the same way and the account and its audit
/// record are written in one transaction: the two ways in cannot drift apart.
enum AccountCreation {
    /// What the form sent, trimmed.
    struct Input: Sendable {
        var realName = ""
        var username = ""
        /// nil when the form named no role or one that does not exist.
        var role: Role?
        var organizationID: UUID?
        var idNumber = ""
        var mobile = ""
        /// Both password boxes blank: the system generates a temporary password.
        var password = ""
        var confirm = ""
    }

    /// The form field that holds the organization, for error messages: the
    /// administrator's form says 机构, the department's 单位.
    struct OrganizationField: Sendable {
        var name: String
        var noun: String

        static let organization = OrganizationField(name: "organizationID", noun: "机构")
        static let unit = OrganizationField(name: "unitID", noun: "单位")
    }

    enum Outcome {
        /// Saved; `temporaryPassword` is set when the system generated it, for showing once.
        case created(UserAccount, temporaryPassword: String?)
        /// Shown again with the problems: 422 for the fields, 409 when another
        /// registration took the username or ID number between check and insert.
        case rejected(FieldErrors, HTTPStatus)
    }

    /// The action under which an actor opens accounts, or nil when its role opens none.
    static func action(for actor: AccessActor) -> Action? {
        [Action.manageAccounts, .manageUnitClerks].first { AccessPolicy.roles(for: $0).contains(actor.role) }
    }

    /// A mobile number is needed for applicants (notices) and for unit clerks
    /// (the committee office calls them to book intake), whoever opens the account.
    static func mobileRequired(for role: Role?) -> Bool { role == .applicant || role == .unitClerk }

    /// Checks, authorizes and saves. Throws `PageError.forbidden` when the
    /// creator may not open this role in this organization (a department: only
    /// 经办人, only for its own units), before anything is validated or written.
    static func create(_ input: Input, organizationField field: OrganizationField = .organization,
                       req: Request) async throws -> Outcome {
        guard let actor = req.actor else { throw PageError.signInRequired(expired: false) }
        guard let action = action(for: actor) else {
            throw PageError.forbidden("您的角色（\(actor.role.label)）无权开设账号")
        }
        try authorize(actor, action, .system)
        let newID = UUID()
        let organization = try await input.organizationID.asyncFlatMap { try await Organization.find($0, on: req.db) }
        if let role = input.role, let organization, let orgID = organization.id {
            // Someone else's unit or a role the creator may not open is refused
            // outright (403), not reported as a typo.
            try authorize(actor, action, .account(AccountFacts(
                id: newID, role: role, organizationID: orgID,
                competentDepartmentID: organization.$competentDepartment.id)))
        }

        var errors = FieldErrors()
        if input.role == nil { errors.add("role", "请选择角色") }
        if let organization {
            if !organization.isActive {
                errors.add(field.name, "该\(field.noun)已停用，不能开设账号")
            } else if let role = input.role, !role.allowedOrganizationKinds.contains(organization.kind) {
                let allowed = OrganizationKind.allCases.filter { role.allowedOrganizationKinds.contains($0) }
                errors.add(field.name, "\(role.label)账号只能属于\(allowed.map(\.label).joined(separator: "、"))，"
                    + "所选机构是\(organization.kind.label)")
            }
        } else {
            errors.add(field.name, "请选择所属\(field.noun)")
        }
        let generate = input.password.isEmpty && input.confirm.isEmpty
        let validated = AccountFields.validate(
            realName: input.realName, username: input.username, password: generate ? nil : input.password,
            confirm: input.confirm, idNumber: input.idNumber, idNumberRequired: input.role == .applicant,
            mobile: input.mobile, mobileRequired: mobileRequired(for: input.role),
            today: LocalDate.beijing(Date()), errors: &errors)
        try await AccountFields.checkUnique(username: validated.username, idNumber: validated.idNumber,
                                            on: req.db, errors: &errors)
        guard errors.isEmpty, let role = input.role, let organization, let orgID = organization.id else {
            return .rejected(errors, .unprocessableEntity)
        }

        let temporary = generate ? DemoData.generatePassword() : nil
        let user = UserAccount(id: newID, username: validated.username,
                               passwordHash: try await req.passwordWork.hash(temporary ?? input.password),
                               role: role, organizationID: orgID, realName: input.realName,
                               idNumber: validated.idNumber, mobile: validated.mobile,
                               // Whoever opens an account, its holder sets their own password first.
                               mustChangePassword: true)
        do {
            try await req.transaction { db in
                try await user.create(on: db)
                try await AuditLog.append(req.auditEntry(
                    "account.create", objectType: "account", objectID: newID.uuidString,
                    detail: "\(role.rawValue) \(user.username) at \(organization.name)"
                        + (temporary == nil ? "" : "; temporary password issued")), on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            errors.addGeneral(AccountOperations.raceMessage)
            return .rejected(errors, .conflict)
        }
        return .created(user, temporaryPassword: temporary)
    }

    private static func authorize(_ actor: AccessActor, _ action: Action, _ object: AccessObject) throws {
        if case .deny(let reason) = AccessPolicy.decide(actor, action, object) {
            throw PageError.forbidden(reason)
        }
    }
}
