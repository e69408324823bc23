import Domain
import Vapor

/// 评审条件公示: the year's policy for anyone to read, and the anonymous quick
/// self-check that runs the same engine as the declaration.
struct ConditionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.conditions, use: page).isPublic().cachesPage()
        // A GET form: checking changes nothing, so it needs no CSRF token and
        // the result can be bookmarked or shared.
        routes.get(.conditionsCheck, use: check).isPublic().cachesPage()
    }

    /// The unfilled page is the same for everyone on a day: its content is
    /// rendered once per policy and day (`FragmentCache`), the frame per request.
    @Sendable func page(req: Request) async throws -> Response {
        let chrome = PageChrome(req: req, title: "评审条件")
        let policy = req.policies.current
        let content = req.application.fragments.html("conditions", key: "\(policy.id) \(req.today)") {
            ConditionsPage.make(policy, year: req.policies.year, chrome: chrome,
                                values: ["track": "regular"], errors: [:], result: nil).content().render()
        }
        return Layout.page(chrome, .raw(content)).response()
    }

    /// "Register and start a declaration" with the answers carried over (issue 8,
    /// item 9): straight to the start form for a signed-in applicant, through
    /// registration for a visitor; nothing for other roles.
    static func startLink(_ raw: [String: String], user: UserAccount?) -> String? {
        let names = Set((BasicsForm.application + BasicsForm.fields).map(\.name))
        var components = URLComponents()
        components.path = SiteURL.applications.path
        components.queryItems = raw.filter { names.contains($0.key) && !$0.value.isEmpty }
            .sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        guard let path = components.string else { return nil }
        switch user?.role {
        case nil:
            var register = URLComponents()
            register.path = SiteURL.register.path
            register.queryItems = [URLQueryItem(name: "next", value: path)]
            return register.string
        case .applicant?: return path
        default: return nil
        }
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
            var page = ConditionsPage.make(policy, year: req.policies.year, chrome: chrome, values: values, errors: [:],
                                           result: SelfCheckModel.make(answer, policy: policy))
            page.startLink = Self.startLink(raw, user: req.currentUser)
            return page.render().response()
        }
    }
}
