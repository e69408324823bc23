import Domain
import Fluent
import Vapor

/// 办理进度: every party's view of where an application stands on its route, and
/// the one place where the party it waits for fires its transition (受理, 推荐,
/// 审核通过/备案, 退回, 不予通过). `AccessPolicy` decides who may open it
/// (`viewApplication`) and who may act (`reviewApplication`: the party of the
/// current step only); `Workflow` decides whether the transition may fire.
struct ProgressController: RouteCollection {
    /// 收审受理 is not here: the office accepts an application only at the counter of a
    /// booking checked in on its day (十（三）, IntakeController), where the originals and
    /// the copies are recorded per application.
    static let fireable: [ApplicationTransition] = [.unitAccept, .recommend, .approve, .returnForCorrection, .reject]

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.application(.pattern, .progress), use: show).requires(.viewApplication).cachesPage()
        routes.post(.application(.pattern, .transition(.pattern)), use: fire).requires(.reviewApplication)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        return try await ProgressPage.load(req, application).render().response()
    }

    @Sendable func fire(req: Request) async throws -> Response {
        guard let raw = req.parameters.get("transition"), let transition = ApplicationTransition(rawValue: raw),
              Self.fireable.contains(transition) else { throw PageError.notFound }
        // A body that already acted (double click, Back) is told so with 422, not 403.
        let application = try await req.applicationToAct(.reviewApplication)
        var extra = WorkflowRunner.Extra()
        extra.reason = ((try? req.content.get(String.self, at: "reason")) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        // The reason typed comes back with any refusal, so a missed box costs no retyping.
        let typed = (path: DeclarationURL(id: application.id!).fire(transition), reason: extra.reason)
        guard extra.reason.count <= 1000 else {
            return try await refuse(req, application, "意见或理由不能超过1000字", typed: typed)
        }
        if transition == .reject, (try? req.content.get(String.self, at: "confirm")) != "1" {
            return try await refuse(req, application, "不予通过将终止本年度评审，请勾选确认后再提交", typed: typed)
        }
        switch transition {
        case .recommend:
            let evaluation = try await UnitEvaluationStore.load(application.id!, on: req.db)
            extra.unitEvaluationMissing = evaluation.missing(today: req.today, rules: try req.publicityRules())
        default:
            break
        }
        if case .failure(let refusal) = try await req.workflow.fire(transition, on: application, extra: extra) {
            return try await refuse(req, application, refusal.message, typed: typed)
        }
        return req.redirect(to: SiteURL.application(.value(application.id!), .progress).path(query: ["notice": "saved"]))
    }

    private func refuse(_ req: Request, _ application: ApplicationRecord, _ message: String,
                        typed: (path: String, reason: String)? = nil) async throws -> Response {
        try await ProgressPage.load(req, application, error: message, typed: typed)
            .render().response(status: .unprocessableEntity)
    }
}
