import Vapor

/// Serves a page from `PageCache` when the same session asked for the same address under
/// the same version, and stores what a `cachesPage()` route answered. Runs last, after the
/// session is loaded and the access rule passed: a hit is still a request by a person the
/// rules let in (and the session's idle time is still kept).
struct PageCacheMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        guard req.method == .GET, req.route?.rules.cachesPage == true, let cache = req.application.pageCache else {
            return try await next.respond(to: req)
        }
        // The version first, before the page reads anything (see `PageCache`).
        let generation: Int64
        if let read = req.dataGeneration { generation = read } else { generation = try await DataGeneration.current(on: req.db) }
        let version = cache.version(generation: generation, now: req.clock.now())
        let key = "\(req.currentSession?.id?.uuidString ?? "-") \(req.url.string)"
        if let page = cache.page(key, at: version) {
            return Response(status: .ok, headers: page.headers, body: .init(buffer: page.body))
        }
        let response = try await next.respond(to: req)
        // A GET that wrote something (an audit record, say) moved the generation on with
        // its commit: what it stores here under the old version is never found again.
        if Self.storable(response, req), let body = response.body.buffer {
            cache.store(.init(headers: response.headers, body: body), key: key, at: version)
        }
        return response
    }

    /// A complete 200 HTML page that neither sets a cookie nor carries the visitor's own
    /// anonymous token, and whose session stays as it was.
    static func storable(_ response: Response, _ req: Request) -> Bool {
        response.status == .ok
            && response.headers.contentType == .html
            && !response.headers.contains(name: .setCookie)
            && req.issuedSessionToken == nil && req.issuedCSRFNonce == nil
            && !req.clearSessionCookie && !req.usedVisitorToken
    }
}
