import Domain
import Vapor

/// 第一类 of the dossier (五.4): the unit's 推荐报告 and 公示情况一览表, produced from
/// the evaluation, publicity and opinion records, printable on A4; and the
/// publicity notice for the unit's notice board (十（一））. Whoever may open the
/// application may print them once the records exist.
struct UnitReportsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.application(.pattern, .print(.recommendation)), use: recommendation).requires(.viewApplication)
        routes.get(.application(.pattern, .print(.publicitySummary)), use: publicitySummary).requires(.viewApplication)
        routes.get(.application(.pattern, .publicityNotice(.pattern)), use: publicityNotice).requires(.viewApplication).cachesPage()
    }

    @Sendable func recommendation(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        return try await UnitRecommendationPage.load(req, application).render().response()
    }

    @Sendable func publicitySummary(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        return try await PublicitySummaryPage.load(req, application).render().response()
    }

    @Sendable func publicityNotice(req: Request) async throws -> Response {
        guard let kind = req.parameters.get("kind").flatMap(PublicityKind.init(rawValue:)) else { throw PageError.notFound }
        let application = try await req.application(for: .viewApplication)
        return try await PublicityNoticePage.load(req, application, kind: kind).render().response()
    }
}
