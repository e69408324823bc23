import Fluent
import Vapor

/// The public front page and the health check scripts rely on.
struct PublicController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.home, use: home).isPublic().cachesPage()
        routes.get(.health, use: health).isPublic()
    }

    @Sendable func home(req: Request) async throws -> Response {
        if req.currentUser != nil { return req.redirect(to: SiteURL.workbench.path) }
        let calendar = ReviewCalendar(req.policies.year)
        let page = PublicHomePage(
            chrome: PageChrome(req: req, title: "首页"), review: req.policies.year,
            intakeWindow: calendar.intakeWindowText,
            intakeOpenNow: calendar.isIntakeOpen(on: req.today),
            milestones: calendar.milestones.map { .init(date: $0.0, text: $0.1) }
        )
        return page.render().response()
    }

    /// 200 once the database answers; 503 otherwise, so a script can wait on it.
    /// Written by hand to keep the contract's key order: {"status":"ok","database":"sqlite"}.
    @Sendable func health(req: Request) async throws -> Response {
        var status = "ok"
        do {
            _ = try await Organization.query(on: req.db).limit(1).all()
        } catch {
            status = "unavailable"
        }
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status == "ok" ? .ok : .serviceUnavailable, headers: headers,
                        body: .init(string: #"{"status":"\#(status)","database":"\#(req.config.databaseName)"}"#))
    }
}
