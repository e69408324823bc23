import Domain
import Vapor

/// 评审条件公示: the year's policy for anyone to read, and the anonymous quick
/// self-check that runs the same engine as the declaration.
struct ConditionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("conditions", use: page).isPublic()
        // A GET form: checking changes nothing, so it needs no CSRF token and
        // the result can be bookmarked or shared.
        routes.get("conditions", "check", use: check).isPublic()
    }

    @Sendable func page(req: Request) async throws -> Response {
        ConditionsPage.make(req.policies.current, year: req.policies.year, chrome: PageChrome(req: req, title: "评审条件"),
                            values: ["track": "regular"], errors: [:], result: nil).render().response()
    }

    @Sendable func check(req: Request) async throws -> Response {
        let policy = req.policies.current
        let raw = (try? req.query.decode([String: String].self)) ?? [:]
        let values = FieldValidation.normalized(raw, specs: QuickCheckForm.fields(policy))
        let chrome = PageChrome(req: req, title: "评审条件自测")
        switch QuickCheckForm.profile(values, policy: policy, today: req.today) {
        case .invalid(let errors):
            return ConditionsPage.make(policy, year: req.policies.year, chrome: chrome, values: values, errors: errors, result: nil)
                .render().response(status: .unprocessableEntity)
        case .profile(let profile):
            let answer = req.policies.engine.evaluate(profile)
            return ConditionsPage.make(policy, year: req.policies.year, chrome: chrome, values: values, errors: [:],
                                       result: SelfCheckModel.make(answer, policy: policy)).render().response()
        }
    }
}
