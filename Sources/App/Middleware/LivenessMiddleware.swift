import Vapor

/// `GET /livez`: "the process answers", for a supervisor's liveness probe, before
/// any other middleware. It reads no session, no database and no clock, so a
/// database outage restarts nothing (that is `/healthz`'s question: ready to serve).
/// It is also the benchmark's ceiling (issue 18): what Vapor and NIO cost for one
/// request on this machine, with none of the application's layers.
struct LivenessMiddleware: AsyncMiddleware {
    static let path = "/livez"

    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        guard req.method == .GET || req.method == .HEAD, req.url.path == Self.path else {
            return try await next.respond(to: req)
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/plain; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: .ok, headers: headers, body: .init(string: "ok\n"))
    }
}
