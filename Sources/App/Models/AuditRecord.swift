import Fluent
import Foundation

/// One append-only line of the audit log. Each record carries the hash of the
/// one before it, so deleting or editing any record breaks the chain from there
/// on (`title-review audit verify`).
final class AuditRecord: Model, @unchecked Sendable {
    static let schema = "audit_records"

    @ID(key: .id) var id: UUID?
    /// 1, 2, 3, ... without gaps; unique, so two writers cannot both append as N.
    @Field(key: "seq") var seq: Int
    /// ISO 8601 with milliseconds, UTC: a string so the hashed value round-trips
    /// exactly on both databases.
    @Field(key: "occurred_at") var occurredAt: String
    @OptionalField(key: "actor_id") var actorID: UUID?
    /// The username (or the name tried at a failed login).
    @Field(key: "actor_name") var actorName: String
    @OptionalField(key: "role") var role: String?
    @Field(key: "action") var action: String
    @OptionalField(key: "object_type") var objectType: String?
    @OptionalField(key: "object_id") var objectID: String?
    @OptionalField(key: "ip") var ip: String?
    /// success | failure | denied
    @Field(key: "outcome") var outcome: String
    /// Free text without personal numbers.
    @Field(key: "detail") var detail: String
    @Field(key: "prev_hash") var prevHash: String
    @Field(key: "hash") var hash: String

    init() {}
}
