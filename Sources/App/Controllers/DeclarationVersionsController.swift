import Domain
import Fluent
import Vapor

/// 历次提交: the declaration as it was at each submission, read-only, for whoever
/// may open the application (a return and a resubmission keep both versions).
struct DeclarationVersionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.application(.pattern, .version(.pattern)), use: show).requires(.viewApplication).cachesPage()
    }

    @Sendable func show(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        guard let number = req.parameters.get("number", as: Int.self) else { throw PageError.notFound }
        return try await DeclarationVersionPage.load(req, application, number: number).render().response()
    }
}
