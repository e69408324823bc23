import Domain
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

extension UserNotification {
    /// One's own notifications, newest first, at most `limit`.
    static func latest(for user: UUID, limit: Int, on db: any Database) async throws -> [UserNotification] {
        try await UserNotification.query(on: db).filter(\.$user.$id == user).sort(\.$createdAt, .descending).limit(limit).all()
    }
}

/// One channel's delivery of a notice to its recipient (`notification_outbox`): the
/// in-app notice is sent when written; a gateway drains the pending others.
final class NotificationOutboxItem: Model, @unchecked Sendable {
    static let schema = "notification_outbox"

    @ID(key: .id) var id: UUID?
    @Parent(key: "notification_id") var notification: UserNotification
    @Parent(key: "user_id") var user: UserAccount
    /// `NotificationChannel` raw value.
    @Field(key: "channel") var channel: String
    /// `OutboxStatus` raw value.
    @Field(key: "status") var status: String
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "last_error") var lastError: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?

    init() {}

    init(notificationID: UUID, userID: UUID, channel: NotificationChannel, at now: Date) {
        self.$notification.id = notificationID
        self.$user.id = userID
        self.channel = channel.rawValue
        // The in-app notice is delivered by being written; the rest wait for a gateway.
        let delivered = channel == .inApp
        self.status = (delivered ? OutboxStatus.sent : .pending).rawValue
        self.attempts = delivered ? 1 : 0
        self.createdAt = now
        self.sentAt = delivered ? now : nil
    }
}
