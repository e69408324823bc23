import Foundation

/// Whoever asks: a signed-in account with its role and organization.
public struct AccessActor: Sendable, Equatable {
    public let userID: UUID
    public let role: Role
    public let organizationID: UUID

    public init(userID: UUID, role: Role, organizationID: UUID) {
        self.userID = userID
        self.role = role
        self.organizationID = organizationID
    }
}
