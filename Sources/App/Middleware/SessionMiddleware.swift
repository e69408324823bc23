import Fluent
import FluentSQL
import Foundation
import Vapor

/// Loads the session named by the cookie and its account; ends it when idle
/// for longer than the configured timeout; writes the cookie back when a new
/// session was started.
struct SessionMiddleware: AsyncMiddleware {
    /// Writing last_seen_at on every request would make every page view a
    /// write; once a minute is precise enough for a 30-minute timeout.
    static let touchInterval: TimeInterval = 60

    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if let token = req.cookies[SessionStore.cookieName]?.string, !token.isEmpty {
            try await load(token: token, req: req)
        }
        // A form post may carry an anonymous token: its key must be at hand (loaded once).
        if req.method != .GET, req.method != .HEAD { try await req.application.anonymousCSRFKey.load(on: req.db) }
        let response = try await next.respond(to: req)
        let config = req.config
        if let nonce = req.issuedCSRFNonce {
            response.cookies[AnonymousCSRF.cookieName] = HTTPCookies.Value(
                string: nonce, expires: nil, maxAge: nil, domain: nil, path: "/",
                isSecure: config.secureCookies, isHTTPOnly: true, sameSite: .lax)
        }
        if let token = req.issuedSessionToken {
            response.cookies[SessionStore.cookieName] = HTTPCookies.Value(
                string: token, expires: nil, maxAge: nil, domain: nil, path: "/",
                isSecure: config.secureCookies, isHTTPOnly: true, sameSite: .lax)
        } else if req.clearSessionCookie {
            response.cookies[SessionStore.cookieName] = HTTPCookies.Value(
                string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, domain: nil, path: "/",
                isSecure: config.secureCookies, isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    private func load(token: String, req: Request) async throws {
        let hash = SessionStore.hash(token)
        // The index finds the row by the token's hash; the match is then confirmed
        // with the one constant-time comparison the CSRF check uses too.
        // One query for the session, its person, the person's organization and the data
        // generation the page cache keys by (every signed-in page pays for it).
        guard let row = try await SessionRow.query(hash: hash, on: req.db),
              TokenComparison.equal(row.session.tokenHash, hash) else {
            req.clearSessionCookie = true
            return
        }
        let session = row.session
        req.dataGeneration = row.generation
        let now = Date()
        let idle = now.timeIntervalSince(session.lastSeenAt)
        if idle > TimeInterval(req.config.sessionIdleSeconds) {
            req.sessionExpired = session.$user.id != nil
            try await session.delete(on: req.db)
            req.clearSessionCookie = true
            return
        }
        if session.$user.id != nil {
            // A session row with a person id always joins that person (the foreign key);
            // a row that does not decode fails loudly rather than signing anyone in.
            guard let user = row.user else { throw StoredValueError(field: "user_sessions.user_id", value: "no account") }
            user.$organization.value = row.organization
            guard !user.isDisabled else {
                try await session.delete(on: req.db)
                req.clearSessionCookie = true
                return
            }
            req.currentUser = user
        }
        if idle > Self.touchInterval {
            session.lastSeenAt = now
            try await session.update(on: req.db)
        }
        req.currentSession = session
    }
}
