import Domain
import Fluent
import Vapor

/// Builds the model of 单位评议推荐 (`UnitEvaluationPage`): the stored evaluation,
/// each publicity with where it stands today on the official calendar, and what is
/// still missing, so `UnitEvaluationController` only validates and saves.
struct UnitEvaluationPageBuilder {
    let req: Request
    let application: ApplicationRecord

    /// `error` names the part of the page the message belongs to; `typed` keeps what was entered.
    func page(error: (part: String, message: String)?, typed: [String: String]) async throws -> UnitEvaluationPage {
        let evaluation = try await UnitEvaluationStore.load(application.id!, on: req.db)
        let rules = try req.publicityRules()
        let today = req.today
        let publicities = PublicityKind.allCases.map { kind -> UnitEvaluationPage.PublicityView in
            let superseded = evaluation.superseded[kind].map { "\($0.starts.chinese)至\($0.ends.chinese)" }
            guard let p = evaluation.publicities[kind] else {
                return .init(kind: kind, starts: nil, ends: nil, status: "", notStarted: false, startsISO: "",
                             objections: [], superseded: superseded)
            }
            let status = (try? UnitEvaluation.status(p, today: today, rules: rules)) ?? .running
            return .init(kind: kind, starts: p.starts.chinese, ends: p.ends.chinese, status: status.label,
                         notStarted: status == .notStarted, startsISO: p.starts.iso,
                         objections: Array(p.objections.enumerated()).map { (index: $0.offset, objection: $0.element) },
                         superseded: superseded)
        }
        return UnitEvaluationPage(
            chrome: PageChrome(req: req, title: "单位评议推荐"), csrf: try await req.csrfToken(),
            url: DeclarationURL(id: application.id!), applicant: application.applicant.realName,
            canEdit: application.stateValue == .unitReview, evaluation: evaluation, publicities: publicities,
            minimumWorkingDays: rules.minimumWorkingDays, missing: evaluation.missing(today: today, rules: rules),
            today: today.chinese, error: error, typed: typed)
    }
}
