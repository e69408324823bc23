import Foundation
import Vapor

/// One line per request: method, path (never the query string or body, which
/// may carry ID numbers or phone numbers), status and time.
struct RequestLogMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next.respond(to: req)
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        req.logger.info("\(req.method) \(req.url.path) \(response.status.code) \(String(format: "%.1f", ms))ms")
        return response
    }
}
