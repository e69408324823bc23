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
        routes.get(.application(.pattern, .publicityNotice(.pattern)), use: publicityNotice).requires(.viewApplication).cachesPage()
    }

    private func load(_ req: Request) async throws -> (PrintFormData, UnitEvaluation, ReviewYear) {
        let application = try await req.application(for: .viewApplication)
        let snapshot = try await DeclarationSnapshot.load(application, on: req.db, engine: try req.policies(for: application).engine)
        let data = PrintFormData(snapshot: snapshot, personalData: PersonalData(viewer: req.actor, owner: application.$applicant.id),
                                 today: req.today, workerGrades: PrintController.workerGrades(req.policies.current))
        return (data, try await UnitEvaluationStore.load(application.id!, on: req.db), req.policies.year)
    }

    /// Why a print of 第一类 is still a draft: the publicities not yet all over
    /// without an open objection (十（一）), or the opinion not yet given for the
    /// declaration as now submitted. nil when it may be printed as final.
    private func draftReason(_ evaluation: UnitEvaluation, _ req: Request, rules: UnitEvaluation.Rules) -> String? {
        var reasons: [String] = []
        for kind in PublicityKind.allCases {
            guard let p = evaluation.publicities[kind] else { reasons.append("\(kind.label)尚未进行"); continue }
            guard let status = try? UnitEvaluation.status(p, today: req.today, rules: rules) else {
                reasons.append("\(kind.label)的结束日无法按官方日历确定"); continue
            }
            if !status.isFinal { reasons.append("\(kind.label)\(status.label)") }
        }
        if evaluation.opinion == nil { reasons.append("单位鉴定意见尚未针对本次提交的申报出具") }
        return reasons.isEmpty ? nil : "草稿：" + reasons.joined(separator: "；")
            + "。公示期满且无未处理异议后方可作为正式材料盖章装订（十（一））。"
    }

    /// One publicity's real state for the prints: 未开始 / 公示中 / 无异议 / 异议已处理 / 有N条异议未处理.
    private func state(_ p: Publicity, _ req: Request, rules: UnitEvaluation.Rules) -> String {
        (try? UnitEvaluation.status(p, today: req.today, rules: rules).label) ?? "结束日无法确定"
    }

    @Sendable func recommendation(req: Request) async throws -> Response {
        let (data, evaluation, _) = try await load(req)
        guard let opinion = evaluation.opinion ?? evaluation.supersededOpinion else {
            throw PageError.badRequest("单位尚未出具鉴定意见，推荐报告将在鉴定意见出具后生成")
        }
        let rules = try req.publicityRules()
        return UnitRecommendationPage(
            applicant: data.applicant, back: DeclarationURL(id: data.snapshot.application.id!).progress,
            panel: evaluation.panel, ratings: EvaluationCriterion.allCases.map { ($0.label, evaluation.ratings[$0]?.label ?? "—") },
            authenticityChecked: evaluation.authenticityChecked, opinion: opinion,
            publicities: PublicityKind.allCases.map { kind in
                guard let p = evaluation.publicities[kind] else { return (kind.label, "尚未进行") }
                let handled = p.objections.compactMap(\.resolution)
                return (kind.label, "\(p.starts.chinese)至\(p.ends.chinese)，\(state(p, req, rules: rules))"
                        + (handled.isEmpty ? "" : "（处理情况：" + handled.joined(separator: "；") + "）"))
            },
            draft: draftReason(evaluation, req, rules: rules)
        ).render().response()
    }

    @Sendable func publicitySummary(req: Request) async throws -> Response {
        let (data, evaluation, year) = try await load(req)
        let rules = try req.publicityRules()
        let rows = try PublicityKind.allCases.map { kind -> PublicitySummaryPage.Row in
            guard let p = evaluation.publicities[kind] else { return .init(kind: kind.label, period: "尚未公示", days: "", objections: "", result: "未开始") }
            let days = try req.workingDays.workdays(from: p.starts, through: p.ends)
            return .init(kind: kind.label, period: "\(p.starts.chinese)至\(p.ends.chinese)", days: "\(days)个工作日",
                         objections: p.objections.isEmpty ? "无" : p.objections.map { o in
                             "\(o.receivedOn)收到：\(o.content)" + (o.resolution.map { "（\(o.resolvedOn ?? "")处理：\($0)）" } ?? "（未处理）")
                         }.joined(separator: "；"),
                         result: state(p, req, rules: rules))
        }
        return PublicitySummaryPage(applicant: data.applicant, back: DeclarationURL(id: data.snapshot.application.id!).progress,
                                    minimumDays: year.publicityWorkingDays, rows: rows,
                                    draft: draftReason(evaluation, req, rules: rules)).render().response()
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
