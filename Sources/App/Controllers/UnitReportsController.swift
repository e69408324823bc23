import Domain
import Fluent
import Vapor

/// 第一类 of the dossier (五.4): the unit's 推荐报告 and 公示情况一览表, produced from
/// the evaluation, publicity and opinion records, printable on A4; and the
/// publicity notice for the unit's notice board (十（一））. Whoever may open the
/// application may print them once the records exist.
struct UnitReportsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.application(.pattern, .print(.recommendation)), use: recommendation).requires(.viewApplication)
        routes.get(.application(.pattern, .print(.publicitySummary)), use: publicitySummary).requires(.viewApplication)
        routes.get(.application(.pattern, .publicityNotice(.pattern)), use: publicityNotice).requires(.viewApplication)
    }

    private func load(_ req: Request) async throws -> (PrintFormData, UnitEvaluation, ReviewYear) {
        let application = try await req.application(for: .viewApplication)
        let snapshot = try await DeclarationSnapshot.load(application, on: req.db, engine: req.policies.engine)
        let data = PrintFormData(snapshot: snapshot, personalData: PersonalData(viewer: req.actor, owner: application.$applicant.id),
                                 today: req.today, workerGrades: PrintController.workerGrades(req.policies.current))
        return (data, try await UnitEvaluationStore.load(application.id!, on: req.db), req.policies.year)
    }

    @Sendable func recommendation(req: Request) async throws -> Response {
        let (data, evaluation, _) = try await load(req)
        guard let opinion = evaluation.opinion else {
            throw PageError.badRequest("单位尚未出具鉴定意见，推荐报告将在鉴定意见出具后生成")
        }
        return UnitRecommendationPage(
            applicant: data.applicant, back: DeclarationURL(id: data.snapshot.application.id!).progress,
            panel: evaluation.panel, ratings: EvaluationCriterion.allCases.map { ($0.label, evaluation.ratings[$0]?.label ?? "—") },
            authenticityChecked: evaluation.authenticityChecked, opinion: opinion,
            publicities: PublicityKind.allCases.compactMap { evaluation.publicities[$0] }
        ).render().response()
    }

    @Sendable func publicitySummary(req: Request) async throws -> Response {
        let (data, evaluation, year) = try await load(req)
        let rows = try PublicityKind.allCases.map { kind -> PublicitySummaryPage.Row in
            guard let p = evaluation.publicities[kind] else { return .init(kind: kind.label, period: "尚未公示", days: "", objections: "", result: "") }
            let days = try req.workingDays.workdays(from: p.starts, through: p.ends)
            let handled = p.objections.filter { !$0.isOpen }
            return .init(kind: kind.label, period: "\(p.starts.chinese)至\(p.ends.chinese)", days: "\(days)个工作日",
                         objections: p.objections.isEmpty ? "无" : p.objections.map { o in
                             "\(o.receivedOn)：\(o.content)" + (o.resolution.map { "（处理：\($0)）" } ?? "（未处理）")
                         }.joined(separator: "；"),
                         result: p.objections.isEmpty ? "无异议" : (handled.count == p.objections.count ? "异议已处理" : "有未处理的异议"))
        }
        return PublicitySummaryPage(applicant: data.applicant, back: DeclarationURL(id: data.snapshot.application.id!).progress,
                                    minimumDays: year.publicityWorkingDays, rows: rows).render().response()
    }

    @Sendable func publicityNotice(req: Request) async throws -> Response {
        guard let kind = req.parameters.get("kind").flatMap(PublicityKind.init(rawValue:)) else { throw PageError.notFound }
        let (data, evaluation, year) = try await load(req)
        guard let p = evaluation.publicities[kind] else { throw PageError.badRequest("\(kind.label)尚未开始") }
        let days = try req.workingDays.workdays(from: p.starts, through: p.ends)
        return PublicityNoticePage(applicant: data.applicant, back: DeclarationURL(id: data.snapshot.application.id!).progress,
                                   kind: kind, publicity: p, days: days, documentNumber: req.policies.current.documentNumber,
                                   minimumDays: year.publicityWorkingDays, opinion: kind == .opinion ? evaluation.opinion : nil)
            .render().response()
    }
}
