import Foundation

/// Whoever asks: a signed-in account with its role and organization.
public struct AccessActor: Sendable, Equatable {
    public let userID: UUID
    public let role: Role
    public let organizationID: UUID
    /// 行政区划代码 of the actor's organization (a county bureau acts for its county).
    public let organizationDivision: String?

    public init(userID: UUID, role: Role, organizationID: UUID, organizationDivision: String? = nil) {
        self.userID = userID
        self.role = role
        self.organizationID = organizationID
        self.organizationDivision = organizationDivision
    }
}
