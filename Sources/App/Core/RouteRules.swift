import Domain
import Vapor

/// What a route declares about itself: who may reach it and how its body is
/// checked. `AccessMiddleware` reads this; a route that declares nothing is
/// refused (fail closed), and a test walks every route to prove each has a rule.
struct RouteRules: Sendable {
    enum Access: Sendable, Equatable {
        /// Anyone, signed in or not.
        case publicPage
        /// A signed-in actor whom `AccessPolicy` allows this action.
        case action(Action)
    }

    var access: Access?
    var csrfCheckedByController = false
    /// The most a request body may hold; `BodyLimitMiddleware` collects it up
    /// to this size before CSRF is checked. nil: the application's default.
    var bodyLimit: Int?
    /// The handler reads the body as a stream (uploads); nothing collects it.
    var streamsBody = false
    /// The page only reads: `PageCacheMiddleware` may answer it from `PageCache`.
    var cachesPage = false
}

private let rulesKey = AnySendableHashable("title-review.rules")

extension Vapor.Route {
    var rules: RouteRules {
        get { (userInfo[rulesKey] as? RouteRules) ?? RouteRules() }
        set { userInfo[rulesKey] = newValue }
    }

    /// Anyone may reach this route.
    @discardableResult
    func isPublic() -> Vapor.Route {
        rules.access = .publicPage
        return self
    }

    /// Only actors whom `AccessPolicy` allows `action` may reach this route.
    @discardableResult
    func requires(_ action: Action) -> Vapor.Route {
        rules.access = .action(action)
        return self
    }

    /// A body limit of its own (smaller for sign-in, larger for long texts).
    @discardableResult
    func bodyLimit(_ limit: ByteCount) -> Vapor.Route {
        rules.bodyLimit = limit.value
        return self
    }

    /// The handler streams the body itself (and so checks CSRF itself too).
    @discardableResult
    func streamsBody() -> Vapor.Route {
        rules.streamsBody = true
        rules.csrfCheckedByController = true
        return self
    }

    /// The page only reads (no audit record, no write of any kind on GET), so the same
    /// session may be answered from `PageCache` while nothing has changed.
    @discardableResult
    func cachesPage() -> Vapor.Route {
        rules.cachesPage = true
        return self
    }

    /// The controller checks the CSRF token itself, to show the form again.
    @discardableResult
    func checksCSRFItself() -> Vapor.Route {
        rules.csrfCheckedByController = true
        return self
    }
}
