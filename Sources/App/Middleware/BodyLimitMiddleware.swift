import Vapor

/// Collects a request body up to its route's limit before anything reads it.
/// Vapor collects bodies inside the route, after middleware, so without this
/// the CSRF check would see an empty body for any form large enough to
/// arrive in several pieces. Over the limit: 413, as a Chinese page.
struct BodyLimitMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let rules = req.route?.rules ?? RouteRules()
        if req.body.data == nil, !rules.streamsBody, req.method != .GET, req.method != .HEAD {
            let limit = rules.bodyLimit ?? req.application.routes.defaultMaxBodySize.value
            _ = try await req.body.collect(max: limit).get()
        }
        return try await next.respond(to: req)
    }
}
