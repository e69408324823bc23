import Crypto
import Domain
import Fluent
import Foundation
import Vapor

/// Server-side sessions kept in the database, so several app instances can
/// share them. The cookie holds a random token; the table holds its hash.
enum SessionStore {
    static let cookieName = "tr_session"

    static func newToken() -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &SystemRandomNumberGenerator.shared) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hexString
    }
}

extension SystemRandomNumberGenerator {
    /// A stored generator so call sites read plainly; it is a cryptographic source.
    nonisolated(unsafe) static var shared = SystemRandomNumberGenerator()
}

private struct CurrentSessionKey: StorageKey { typealias Value = UserSession }
private struct CurrentUserKey: StorageKey { typealias Value = UserAccount }
private struct IssuedTokenKey: StorageKey { typealias Value = String }
private struct ClearCookieKey: StorageKey { typealias Value = Bool }
private struct ExpiredKey: StorageKey { typealias Value = Bool }

extension Request {
    var currentSession: UserSession? {
        get { storage[CurrentSessionKey.self] }
        set { storage[CurrentSessionKey.self] = newValue }
    }

    /// The signed-in account, if any (set by `SessionMiddleware`).
    var currentUser: UserAccount? {
        get { storage[CurrentUserKey.self] }
        set { storage[CurrentUserKey.self] = newValue }
    }

    var actor: AccessActor? { currentUser?.actor }

    /// True when the request came with a signed-in session that had gone idle.
    var sessionExpired: Bool {
        get { storage[ExpiredKey.self] ?? false }
        set { storage[ExpiredKey.self] = newValue }
    }

    /// A token to set as the session cookie on the way out.
    var issuedSessionToken: String? {
        get { storage[IssuedTokenKey.self] }
        set { storage[IssuedTokenKey.self] = newValue }
    }

    var clearSessionCookie: Bool {
        get { storage[ClearCookieKey.self] ?? false }
        set { storage[ClearCookieKey.self] = newValue }
    }

    /// The session for this visitor, created (anonymous) when there is none,
    /// so a form can carry a CSRF token.
    func ensureSession() async throws -> UserSession {
        if let s = currentSession { return s }
        return try await startSession(userID: nil)
    }

    /// The CSRF token to embed in forms: the session's, or for a visitor without
    /// one a signed token that needs no session row (`AnonymousCSRF`).
    func csrfToken() async throws -> String {
        if let session = currentSession { return session.csrfToken }
        return try await anonymousCSRFToken()
    }

    /// Replaces any current session with a fresh one (new id, new token, new
    /// CSRF token): at login this defeats session fixation.
    @discardableResult
    func startSession(userID: UUID?, on db: (any Database)? = nil) async throws -> UserSession {
        let db = db ?? self.db
        if let old = currentSession { try await old.delete(on: db) }
        let token = SessionStore.newToken()
        let session = UserSession(tokenHash: SessionStore.hash(token), userID: userID,
                                  csrfToken: SessionStore.newToken(), now: Date())
        try await session.create(on: db)
        currentSession = session
        issuedSessionToken = token
        return session
    }

    func endSession() async throws {
        if let old = currentSession { try await old.delete(on: db) }
        currentSession = nil
        currentUser = nil
        clearSessionCookie = true
    }
}
