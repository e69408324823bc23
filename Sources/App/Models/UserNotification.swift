import Fluent
import Foundation

/// A message for one account about an application that moved or came back.
final class UserNotification: Model, @unchecked Sendable {
    static let schema = "notifications"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: UserAccount
    @OptionalParent(key: "application_id") var application: ApplicationRecord?
    @Field(key: "message") var message: String
    /// A path inside the site (the application's progress page).
    @Field(key: "link") var link: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "read_at") var readAt: Date?

    init() {}

    init(userID: UUID, applicationID: UUID?, message: String, link: String, createdAt: Date) {
        self.$user.id = userID
        self.$application.id = applicationID
        self.message = message
        self.link = link
        self.createdAt = createdAt
    }
}
