import Crypto
import Fluent
import SQLKit
import Foundation
import Vapor

/// What happened, by whom, to what: the caller's half of an audit record.
struct AuditEntry: Sendable {
    enum Outcome: String, Sendable { case success, failure, denied }

    var actorID: UUID?
    var actorName: String
    var role: String?
    var action: String
    var objectType: String?
    var objectID: String?
    var ip: String?
    var outcome: Outcome
    var detail: String

    init(actorID: UUID?, actorName: String, role: String?, action: String, objectType: String? = nil,
         objectID: String? = nil, ip: String?, outcome: Outcome = .success, detail: String = "") {
        self.actorID = actorID
        self.actorName = actorName
        self.role = role
        self.action = action
        self.objectType = objectType
        self.objectID = objectID
        self.ip = ip
        self.outcome = outcome
        self.detail = detail
    }
}

/// The append-only, hash-chained audit log. Append inside the same transaction
/// as the change it records, so both commit or neither does.
enum AuditLog {
    static let genesisHash = String(repeating: "0", count: 64)
    /// The PostgreSQL advisory lock that serializes appends: the class "audi" (ASCII) and the
    /// current schema, so each schema's chain has a lock of its own. Instances sharing one
    /// schema (production) queue on the same lock; the tests, one schema per test in one
    /// database, no longer queue behind each other's chains (a live-server test waited past
    /// its deadline behind a lock held by an unrelated test's transaction).
    static let advisoryLockClass: Int32 = 0x6175_6469
    static var advisoryLockSQL: SQLQueryString {
        "SELECT pg_advisory_xact_lock(\(unsafeRaw: String(advisoryLockClass)), hashtext(current_schema()))"
    }

    /// Appends one record after the current last one, inside the transaction of the
    /// change it records. Outside a transaction it refuses: an append on its own
    /// would race the appends of write transactions (on SQLite it skips the write
    /// gate, on PostgreSQL the advisory lock) and take the same sequence number.
    /// A record that is a change of its own goes through `Request.audit`.
    @discardableResult
    static func append(_ entry: AuditEntry, on db: Database, now: Date = Date()) async throws -> AuditRecord {
        guard db.inTransaction else { throw AuditLogError.outsideTransaction(action: entry.action) }
        // Several app instances may share one PostgreSQL database: writers queue on a
        // transaction-scoped lock, so a unique-index failure never aborts a change.
        // On SQLite the write gate already lets one write transaction run at a time.
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw(advisoryLockSQL).run()
        }
        let last = try await AuditRecord.query(on: db).sort(\.$seq, .descending).first()
        let record = chained(entry, seq: (last?.seq ?? 0) + 1, at: now, previousHash: last?.hash ?? genesisHash)
        try await record.create(on: db)
        return record
    }

    /// The record that follows `previousHash` in the chain: every field of the entry,
    /// its place, its time and its hash. The seeder builds long chains with it too.
    static func chained(_ entry: AuditEntry, seq: Int, at date: Date, previousHash: String) -> AuditRecord {
        let record = AuditRecord()
        record.seq = seq
        record.occurredAt = timestamp(date)
        record.actorID = entry.actorID
        record.actorName = entry.actorName
        record.role = entry.role
        record.action = entry.action
        record.objectType = entry.objectType
        record.objectID = entry.objectID
        record.ip = entry.ip
        record.outcome = entry.outcome.rawValue
        record.detail = entry.detail
        record.prevHash = previousHash
        record.hash = hash(of: record)
        return record
    }

    /// The hash covers every field and the previous hash; fields are separated
    /// by a unit separator that cannot occur in them unescaped.
    static func hash(of r: AuditRecord) -> String {
        let fields: [String] = [
            String(r.seq), r.occurredAt, r.actorID?.uuidString ?? "", r.actorName, r.role ?? "", r.action,
            r.objectType ?? "", r.objectID ?? "", r.ip ?? "", r.outcome, r.detail, r.prevHash,
        ]
        let joined = fields.map { $0.replacingOccurrences(of: "\u{1F}", with: "\u{1F}\u{1F}") }
            .joined(separator: "\u{1F}")
        return SHA256.hash(data: Data(joined.utf8)).hexString
    }

    enum VerifyResult: Equatable {
        case intact(count: Int)
        case broken(seq: Int, reason: String)
    }

    /// Walks the chain in order and names the first record that does not fit.
    static func verify(on db: Database) async throws -> VerifyResult {
        var expectedPrev = genesisHash
        var expectedSeq = 1
        var count = 0
        let batch = 1000
        var after = 0
        while true {
            let records = try await AuditRecord.query(on: db)
                .filter(\.$seq > after).sort(\.$seq, .ascending).limit(batch).all()
            if records.isEmpty { break }
            for r in records {
                if r.seq != expectedSeq {
                    return .broken(seq: r.seq, reason: "sequence gap: expected \(expectedSeq), found \(r.seq)")
                }
                if r.prevHash != expectedPrev {
                    return .broken(seq: r.seq, reason: "previous-hash link does not match record \(r.seq - 1)")
                }
                if hash(of: r) != r.hash {
                    return .broken(seq: r.seq, reason: "content does not match its hash (edited)")
                }
                expectedPrev = r.hash
                expectedSeq += 1
                count += 1
                after = r.seq
            }
        }
        return .intact(count: count)
    }

    static func timestamp(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = ms / 1000, millis = ms % 1000
        let d = Date(timeIntervalSince1970: TimeInterval(seconds))
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: d)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                      c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!, Int(millis))
    }
}

extension Request {
    /// The audit entry for this request's signed-in actor (or an anonymous one).
    func auditEntry(_ action: String, objectType: String? = nil, objectID: String? = nil,
                    outcome: AuditEntry.Outcome = .success, detail: String = "") -> AuditEntry {
        let user = currentUser
        return AuditEntry(actorID: user?.id, actorName: user?.username ?? "-", role: user?.roleRaw,
                          action: action, objectType: objectType, objectID: objectID,
                          ip: clientAddress, outcome: outcome, detail: detail)
    }

}

enum AuditLogError: Error, CustomStringConvertible {
    case outsideTransaction(action: String)
    var description: String {
        switch self {
        case .outsideTransaction(let action): "audit record \(action) appended outside a transaction"
        }
    }
}

extension Request {
    /// An audit record that is a change of its own (a login, an export, a refusal):
    /// written in a write transaction of its own, so on SQLite it queues behind the
    /// write gate and on PostgreSQL takes the append lock, like every other append.
    /// Never call it inside `transaction { }`: append on that transaction's `db`.
    func audit(_ entry: AuditEntry, now: Date = Date()) async throws {
        _ = try await transaction { db in try await AuditLog.append(entry, on: db, now: now) }
    }
}
