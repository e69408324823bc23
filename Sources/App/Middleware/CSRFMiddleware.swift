import Foundation
import Vapor

/// Every state-changing request must carry the session's anti-forgery token in
/// the form field `csrf` (or the `X-CSRF-Token` header for scripts).
/// Routes marked `csrfCheckedByController` (login, registration) check it
/// themselves so they can show the form again with what was typed.
struct CSRFMiddleware: AsyncMiddleware {
    static let field = "csrf"

    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let unsafe: [HTTPMethod] = [.POST, .PUT, .PATCH, .DELETE]
        if unsafe.contains(req.method), !(req.route?.rules.csrfCheckedByController ?? false) {
            guard req.hasValidCSRFToken else { throw PageError.csrf }
        }
        return try await next.respond(to: req)
    }
}

extension Request {
    /// Constant-time comparison of the submitted token with the session's; a
    /// visitor who is not signed in may instead send the signed anonymous token.
    var hasValidCSRFToken: Bool {
        let submitted = headers.first(name: "X-CSRF-Token")
            ?? (try? content.get(String.self, at: CSRFMiddleware.field))
        guard let submitted else { return false }
        if let expected = currentSession?.csrfToken, TokenComparison.equal(submitted, expected) { return true }
        return currentUser == nil && anonymousCSRFMatches(submitted)
    }
}
