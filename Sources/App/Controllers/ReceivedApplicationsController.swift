import Domain
import Vapor

/// 收到的申报: the declarations that reached the actor's desk — their unit's
/// submitted ones for a unit clerk, every submitted one for the committee
/// office. Lists are a classic side path for leaks, so each row is checked
/// with the same rule as opening it. One review year at a time (`?year=`, the year
/// in use by default): a year's declarations stay listed after the next year opens.
struct ReceivedApplicationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.receivedApplications, use: list).requires(.listApplications).cachesPage()
    }

    @Sendable func list(req: Request) async throws -> Response {
        guard let actor = req.actor else { throw PageError.signInRequired(expired: false) }
        return try await ReceivedApplicationsPage.load(req, actor: actor).render().response()
    }
}
