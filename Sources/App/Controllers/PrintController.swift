import Domain
import Vapor

/// The two forms the notice asks for on paper (五.1, 五.2), generated from the
/// declaration so nobody copies the data by hand: 综合考评表 and 评审表.
/// Same access as the declaration itself; ID numbers follow `PersonalData`.
struct PrintController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.application(.pattern, .print(.evaluationForm)), use: evaluationForm).requires(.viewApplication)
        routes.get(.application(.pattern, .print(.reviewForm)), use: reviewForm).requires(.viewApplication)
    }

    @Sendable func evaluationForm(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        return try await PrintEvaluationFormPage.load(req, application).render().response()
    }

    @Sendable func reviewForm(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        return try await PrintReviewFormPage.load(req, application).render().response()
    }
}
