import Vapor

/// Headers every response carries (等保 2.0 / OWASP ASVS V14): no framing,
/// no sniffing, no inline script, no referrer leaks, and no caching of pages
/// that may show personal data.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "font-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'",
        "frame-ancestors 'none'",
    ].joined(separator: "; ")

    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        // ErrorPageMiddleware runs inside this one, so error pages get the headers too.
        let response = try await next.respond(to: req)
        var headers = response.headers
        headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
        headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        headers.replaceOrAdd(name: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()")
        headers.replaceOrAdd(name: "Cross-Origin-Opener-Policy", value: "same-origin")
        if req.config.secureCookies {
            headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000")
        }
        if !req.url.path.hasPrefix("/static/") {
            headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        }
        response.headers = headers
        return response
    }
}
