import Crypto
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Anti-forgery tokens for forms shown to visitors who are not signed in (login,
/// registration), without a session row (issue 12, item 7): a crawler requesting
/// `/login` a million times must not grow the sessions table.
///
/// Signed double submit: the visitor gets a random nonce in the `tr_csrf` cookie;
/// the form carries HMAC-SHA256(key, nonce). Only the server can compute the HMAC,
/// and a third-party page can neither read the cookie nor the form, so it cannot
/// submit a matching pair. The key is CSRF_SECRET when set, otherwise one
/// generated at first use and stored in `server_secrets`, which every instance
/// on the same database shares.
enum AnonymousCSRF {
    static let cookieName = "tr_csrf"
    static let secretName = "csrf-anonymous"

    static func token(nonce: String, key: SymmetricKey) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(("anonymous-form:" + nonce).utf8), using: key)
        return Data(mac).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// The signing key, loaded once per process.
final class AnonymousCSRFKey: Sendable {
    private let box = NIOLockedValueBox<SymmetricKey?>(nil)

    var key: SymmetricKey? { box.withLockedValue { $0 } }

    /// Loads (or creates) the key; cheap after the first call.
    func load(on db: any Database) async throws {
        if key != nil { return }
        let loaded: SymmetricKey
        if let secret = ProcessInfo.processInfo.environment["CSRF_SECRET"], secret.count >= 32 {
            loaded = SymmetricKey(data: SHA256.hash(data: Data(secret.utf8)))
        } else {
            loaded = SymmetricKey(data: Data(try await Self.stored(on: db).utf8))
        }
        box.withLockedValue { $0 = $0 ?? loaded }
    }

    /// The stored secret, created when absent; when two instances create it at
    /// once the unique name keeps one and both read it back.
    private static func stored(on db: any Database) async throws -> String {
        struct Row: Decodable { var value: String }
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "server_secrets needs SQL") }
        func read() async throws -> String? {
            try await sql.select().column("value").from("server_secrets").where("name", .equal, AnonymousCSRF.secretName)
                .first(decoding: Row.self)?.value
        }
        if let value = try await read() { return value }
        let fresh = SessionStore.newToken() + SessionStore.newToken()
        do {
            try await sql.insert(into: "server_secrets").columns("id", "name", "value", "created_at")
                .values(SQLBind(UUID()), SQLBind(AnonymousCSRF.secretName), SQLBind(fresh), SQLBind(Date())).run()
        } catch {
            if let value = try await read() { return value }
            throw error
        }
        return fresh
    }
}

extension Application {
    private struct AnonymousCSRFKeyKey: StorageKey { typealias Value = AnonymousCSRFKey }

    /// Created in `setUpLimits()` (at configure, before requests run concurrently).
    var anonymousCSRFKey: AnonymousCSRFKey {
        if let existing = storage[AnonymousCSRFKeyKey.self] { return existing }
        let created = AnonymousCSRFKey()
        storage[AnonymousCSRFKeyKey.self] = created
        return created
    }
}

private struct IssuedCSRFNonceKey: StorageKey { typealias Value = String }

extension Request {
    /// A nonce issued on this request, for `SessionMiddleware` to set as the cookie.
    var issuedCSRFNonce: String? {
        get { storage[IssuedCSRFNonceKey.self] }
        set { storage[IssuedCSRFNonceKey.self] = newValue }
    }

    private var csrfNonce: String? {
        issuedCSRFNonce ?? cookies[AnonymousCSRF.cookieName]?.string.nilIfEmpty
    }

    /// The token for an anonymous form: no database write; a cookie when new.
    func anonymousCSRFToken() async throws -> String {
        usedVisitorToken = true // the page now carries this visitor's own token: not for the page cache
        try await application.anonymousCSRFKey.load(on: db)
        guard let key = application.anonymousCSRFKey.key else { throw Abort(.internalServerError) }
        let nonce = csrfNonce ?? {
            let fresh = SessionStore.newToken()
            issuedCSRFNonce = fresh
            return fresh
        }()
        return AnonymousCSRF.token(nonce: nonce, key: key)
    }

    /// Whether `submitted` is the signature of this visitor's nonce cookie.
    func anonymousCSRFMatches(_ submitted: String) -> Bool {
        guard let nonce = cookies[AnonymousCSRF.cookieName]?.string.nilIfEmpty,
              let key = application.anonymousCSRFKey.key else { return false }
        return TokenComparison.equal(submitted, AnonymousCSRF.token(nonce: nonce, key: key))
    }
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
