import Domain
import Vapor

/// The route-level half of access control: asks `AccessPolicy` whether the
/// signed-in actor may perform the route's declared action at all. Object-level
/// checks happen in the controller with the loaded object.
struct AccessMiddleware: AsyncMiddleware {
    static let changePasswordPath = SiteURL.changePassword.path

    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        // `%00` and other control characters in a path parameter: no page (SiteURLParam.swift).
        if SiteURL.hasHiddenCharacters(req.url.path) { throw PageError.notFound }
        guard let route = req.route else { return try await next.respond(to: req) }
        switch route.rules.access {
        case .publicPage:
            return try await next.respond(to: req)
        case .action(let action):
            guard let actor = req.actor else {
                throw PageError.signInRequired(expired: req.sessionExpired)
            }
            if case .deny(let reason) = AccessPolicy.decide(actor, action) {
                throw PageError.forbidden(reason)
            }
            // A temporary password issued by an administrator is changed before
            // anything else (issue 8, item 5); sign-out is a public route.
            if req.currentUser?.mustChangePassword == true, action != .changeOwnPassword {
                return req.redirect(to: Self.changePasswordPath)
            }
            return try await next.respond(to: req)
        case nil:
            // A route nobody declared a rule for is a bug; refuse rather than leak.
            req.logger.error("route without access rule: \(route.method) \(route.path.string)")
            throw PageError.forbidden("此页面尚未配置访问规则")
        }
    }
}
