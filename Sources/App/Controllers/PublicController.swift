import Fluent
import Vapor

/// The public front page and the health check scripts rely on.
struct PublicController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home).isPublic()
        routes.get("healthz", use: health).isPublic()
    }

    @Sendable func home(req: Request) async throws -> Response {
        if req.currentUser != nil { return req.redirect(to: "/home") }
        let calendar = ReviewCalendar.current
        let page = PublicHomePage(
            chrome: PageChrome(req: req, title: "首页"),
            intakeWindow: calendar.intakeWindowText,
            intakeOpenNow: calendar.isIntakeOpen(on: Date()),
            milestones: calendar.milestones.map { .init(date: $0.0, text: $0.1) }
        )
        return page.render().response()
    }

    struct Health: Content {
        var status: String
        var database: String
    }

    /// 200 once the database answers; 503 otherwise, so a script can wait on it.
    @Sendable func health(req: Request) async throws -> Response {
        do {
            _ = try await Organization.query(on: req.db).limit(1).all()
        } catch {
            return try await Health(status: "unavailable", database: req.config.databaseName)
                .encodeResponse(status: .serviceUnavailable, for: req)
        }
        return try await Health(status: "ok", database: req.config.databaseName).encodeResponse(for: req)
    }
}
