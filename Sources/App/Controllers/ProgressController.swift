import Domain
import Fluent
import Vapor

/// 办理进度: every party's view of where an application stands on its route, and
/// the one place where the party it waits for fires its transition (受理, 推荐,
/// 审核通过/备案, 退回, 不予通过, 收审受理). `AccessPolicy` decides who may open it
/// (`viewApplication`) and who may act (`reviewApplication`: the party of the
/// current step only); `Workflow` decides whether the transition may fire.
struct ProgressController: RouteCollection {
    static let fireable: [ApplicationTransition] =
        // 收审受理 is also offered from a checked-in booking (IntakeController); closing this path
        // waits for the tests and browser walks to move to the booking flow (issue 17, item 3).
        [.unitAccept, .recommend, .approve, .returnForCorrection, .reject, .acceptAtIntake]

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.application(.pattern, .progress), use: show).requires(.viewApplication)
        routes.post(.application(.pattern, .transition(.pattern)), use: fire).requires(.reviewApplication)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        return try await ProgressPageBuilder(req: req, application: application).page(error: nil).render().response()
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
        case .acceptAtIntake:
            extra.intakeMissing = try await IntakeCheck.missing(req, application)
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
        try await ProgressPageBuilder(req: req, application: application).page(error: message, typed: typed)
            .render().response(status: .unprocessableEntity)
    }
}

/// What the committee office checks at intake before accepting (十（三）, 五):
/// originals verified, the paper copies received in the policy's numbers, and
/// the declaration complete.
enum IntakeCheck {
    static func copyCounts(_ policy: Policy) -> [(String, Int)] {
        [("《专业技术职务任职资格评审综合考评表》", "evaluationFormCopies"), ("《山西省专业技术职务任职资格评审表》", "reviewFormCopies"),
         ("送审论文", "submittedPaperCopies")].compactMap { name, id in
            guard case .integer(let n)? = policy.parameter(id)?.value else { return nil }
            return (name, n)
        }
    }

    static func missing(_ req: Request, _ application: ApplicationRecord) async throws -> [String] {
        var out: [String] = []
        if (try? req.content.get(String.self, at: "confirm")) != "1" {
            out.append("核验原件并收齐纸质材料（" + copyCounts(req.policies.current).map { "\($0.0)\($0.1)份" }.joined(separator: "、") + "）")
        }
        let snapshot = try await DeclarationSnapshot.load(application, on: req.db, engine: req.policies.engine)
        out += snapshot.missing.map { "申报材料：\($0)" }
        return out
    }
}
