import Fluent
import Foundation

/// A server-side session. The cookie carries a random token; only its SHA-256
/// is stored, so a leaked database does not hand out live sessions. Anonymous
/// sessions (no user) exist to carry the CSRF token of the login and
/// registration forms.
final class UserSession: Model, @unchecked Sendable {
    static let schema = "user_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @OptionalParent(key: "user_id") var user: UserAccount?
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date

    /// The properties listed, not found by reflection: FluentKit's default walks a
    /// Mirror on every row it loads, a tenth of a page's time (issue 12's profile).
    /// `ModelPropertiesTests` checks this list against the reflected one.
    var properties: [any AnyProperty] {
        [$id, $tokenHash, $user, $csrfToken, $createdAt, $lastSeenAt]
    }

    init() {}

    init(tokenHash: String, userID: UUID?, csrfToken: String, now: Date) {
        self.tokenHash = tokenHash
        self.$user.id = userID
        self.csrfToken = csrfToken
        self.createdAt = now
        self.lastSeenAt = now
    }
}
