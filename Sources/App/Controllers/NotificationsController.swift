import Domain
import Fluent
import Vapor

/// 通知: one's own messages about applications that moved or came back.
struct NotificationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.notifications, use: list).requires(.viewNotifications).cachesPage()
        routes.post(.notificationsRead, use: markRead).requires(.viewNotifications)
    }

    @Sendable func list(req: Request) async throws -> Response {
        guard let user = req.currentUser else { throw PageError.signInRequired(expired: false) }
        return try await NotificationsPage.load(req, user: user).render().response()
    }

    @Sendable func markRead(req: Request) async throws -> Response {
        guard let user = req.currentUser else { throw PageError.signInRequired(expired: false) }
        try await UserNotification.query(on: req.db).filter(\.$user.$id == user.id!).filter(\.$readAt == nil)
            .set(\.$readAt, to: req.clock.now()).update()
        return req.redirect(to: SiteURL.notifications.path)
    }
}

extension Request {
    /// What waits for the signed-in body now (the count on its home page), by the same
    /// rule as its queue.
    func waitingCount() async throws -> Int {
        guard let actor, AccessPolicy.roles(for: .reviewApplication).contains(actor.role) else { return 0 }
        return try await ReviewQueueController.waitingCount(self)
    }

    func unreadNotifications() async throws -> Int {
        guard let id = currentUser?.id else { return 0 }
        return try await UserNotification.query(on: db).filter(\.$user.$id == id).filter(\.$readAt == nil).count()
    }
}
