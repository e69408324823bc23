import Fluent
import Foundation
import Domain

/// A person who signs in, with one role in one organization.
final class UserAccount: Model, StoredValuesChecked, @unchecked Sendable {
    static let schema = "user_accounts"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "role") var roleRaw: String
    @Parent(key: "organization_id") var organization: Organization
    @Field(key: "real_name") var realName: String
    /// 居民身份证号码: required for applicants; birth date and sex derive from it.
    @OptionalField(key: "id_number") var idNumber: String?
    @OptionalField(key: "mobile") var mobile: String?
    @Field(key: "is_disabled") var isDisabled: Bool
    /// Consecutive failed logins since the last success or unlock.
    @Field(key: "failed_logins") var failedLogins: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    /// Set when an administrator issues a temporary password.
    @Field(key: "must_change_password") var mustChangePassword: Bool
    @OptionalField(key: "last_login_at") var lastLoginAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    /// The properties listed, not found by reflection: FluentKit's default walks a
    /// Mirror on every row it loads, a tenth of a page's time (issue 12's profile).
    /// `ModelPropertiesTests` checks this list against the reflected one.
    var properties: [any AnyProperty] {
        [$id, $username, $passwordHash, $roleRaw, $organization, $realName, $idNumber, $mobile, $isDisabled,
         $failedLogins, $lockedUntil, $mustChangePassword, $lastLoginAt, $createdAt, $updatedAt]
    }

    init() {}

    init(id: UUID? = nil, username: String, passwordHash: String, role: Role, organizationID: UUID,
         realName: String, idNumber: String? = nil, mobile: String? = nil, mustChangePassword: Bool = false) {
        self.id = id
        self.username = username
        self.passwordHash = passwordHash
        self.roleRaw = role.rawValue
        self.$organization.id = organizationID
        self.realName = realName
        self.idNumber = idNumber
        self.mobile = mobile
        self.isDisabled = false
        self.failedLogins = 0
        self.lockedUntil = nil
        self.mustChangePassword = mustChangePassword
    }

    /// Checked when the row loads or saves (`checkStoredValues`): never a guessed default.
    var role: Role { StoredValue.checked("user_accounts.role", roleRaw, Role.init(rawValue:)) }

    func output(from output: any DatabaseOutput) throws { try loadCheckingStoredValues(from: output) }

    func checkStoredValues() throws {
        if let raw = $roleRaw.value { _ = try StoredValue.decode("user_accounts.role", raw, Role.init(rawValue:)) }
    }

    /// The division travels with the actor: a county bureau acts for its own county.
    var actor: AccessActor {
        AccessActor(userID: id!, role: role, organizationID: $organization.id,
                    organizationDivision: $organization.value?.divisionCode)
    }

    func isLocked(at now: Date) -> Bool { (lockedUntil.map { $0 > now }) ?? false }
}
