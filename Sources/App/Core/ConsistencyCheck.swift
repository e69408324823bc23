import Crypto
import Domain
import Fluent
import Foundation
import SQLKit

/// `title-review consistency`: the database against the files and against
/// itself (issue 12 item 4). What one write commits together must be found
/// together after any stop, a SIGKILL included:
/// - a dossier file record and its stored file (`FileStore` moves the file in,
///   then the row commits; a deletion removes the row, then the file), with
///   the recorded size, and the SHA-256 when asked;
/// - an application's state and the workflow event into it, and every
///   workflow event and its audit record (`WorkflowRunner` writes the three in
///   one transaction), and no audited transition without its event;
/// - no temporary upload left in `tmp/` (`FileSweep` clears them at start).
///
/// A file or temporary upload younger than `FileSweep.grace` is not a problem
/// while a server may be writing (`filesAtRest == false`): it may belong to an
/// upload between its move and its commit. The demo's history (`serve --demo`)
/// is loaded in one transaction with one `demo.load` audit record, not one per
/// step: its applications' events need no audit record of their own (so on
/// those, a lost audit record goes unseen; a state without its event and an
/// audit record without its event are still found).
enum ConsistencyCheck {
    enum Kind: String, Sendable, CaseIterable {
        case fileMissing, fileSize, fileDigest, fileWithoutRecord, temporaryFile
        case stateWithoutEvent, eventWithoutAudit, auditWithoutEvent
    }

    struct Problem: Sendable, Equatable, CustomStringConvertible {
        var kind: Kind
        var text: String
        var description: String { text }
    }

    struct Report: Sendable {
        var problems: [Problem] = []
        var applications = 0
        var workflowEvents = 0
        var auditRecords = 0
        var fileRecords = 0
        var storedFiles = 0
        var temporaryFiles = 0
        /// Facts that are not problems (demo history, uploads in flight, files set aside).
        var notes: [String] = []

        var isConsistent: Bool { problems.isEmpty }

        var summary: String {
            "\(applications) applications, \(workflowEvents) workflow events, \(auditRecords) audit records, "
                + "\(fileRecords) file records, \(storedFiles) stored files, \(temporaryFiles) temporary files"
        }

        func problems(of kind: Kind) -> [Problem] { problems.filter { $0.kind == kind } }
    }

    /// - Parameters:
    ///   - filesAtRest: no server can be writing (SQLite whose lock is free), so
    ///     every temporary or unrecorded file is a problem whatever its age.
    ///   - digests: also compare each file's SHA-256 with its record (reads every byte).
    static func run(on db: any Database, filesPath: String, filesAtRest: Bool, digests: Bool = false,
                    now: Date = Date()) async throws -> Report {
        guard let sql = db as? any SQLDatabase else { throw ConsistencyError.notSQL }
        var report = Report()
        report.applications = try await count(sql, "applications")
        report.workflowEvents = try await count(sql, "workflow_events")
        report.auditRecords = try await count(sql, "audit_records")
        report.fileRecords = try await count(sql, "stored_files")
        try await checkStates(sql, into: &report)
        try await checkAudit(sql, into: &report)
        try await checkFiles(db, sql, root: filesPath, filesAtRest: filesAtRest, digests: digests, now: now, into: &report)
        return report
    }

    // MARK: workflow

    /// Every application that has left the draft (or came back to it) has an event into its state.
    private static func checkStates(_ sql: any SQLDatabase, into report: inout Report) async throws {
        struct Row: Decodable { var id: UUID; var state: String }
        let rows = try await sql.raw("""
            SELECT a.id AS id, a.state AS state FROM applications a
            WHERE (a.state <> 'draft' OR EXISTS (SELECT 1 FROM workflow_events e WHERE e.application_id = a.id))
              AND NOT EXISTS (SELECT 1 FROM workflow_events e2 WHERE e2.application_id = a.id AND e2.to_state = a.state)
            ORDER BY a.id
            """).all(decoding: Row.self)
        for row in rows {
            report.problems.append(Problem(kind: .stateWithoutEvent,
                                           text: "application \(row.id.uuidString.lowercased()) is in state \(row.state) without a workflow event into it"))
        }
    }

    /// What `WorkflowRunner` writes together: a workflow event and an audit record
    /// `application.<transition>` with the detail `<from> -> <to>`, compared as
    /// multisets per application (a transition can happen more than once).
    private static func checkAudit(_ sql: any SQLDatabase, into report: inout Report) async throws {
        struct Key: Hashable, Comparable {
            var application: UUID, transition: String, from: String, to: String
            static func < (a: Key, b: Key) -> Bool {
                (a.application.uuidString, a.transition, a.from, a.to) < (b.application.uuidString, b.transition, b.from, b.to)
            }
        }
        struct EventRow: Decodable { var application_id: UUID; var transition: String; var from_state: String; var to_state: String; var n: Int }
        struct AuditRow: Decodable { var object_id: String; var action: String; var detail: String; var n: Int }
        var events: [Key: Int] = [:]
        for row in try await sql.raw("""
            SELECT application_id, transition, from_state, to_state, COUNT(*) AS n FROM workflow_events
            GROUP BY application_id, transition, from_state, to_state
            """).all(decoding: EventRow.self) {
            events[Key(application: row.application_id, transition: row.transition, from: row.from_state, to: row.to_state), default: 0] += row.n
        }
        var audits: [Key: Int] = [:]
        for row in try await sql.raw("""
            SELECT object_id, action, detail, COUNT(*) AS n FROM audit_records
            WHERE object_type = 'application' AND outcome = 'success' AND action LIKE 'application.%' AND detail LIKE '% -> %'
            GROUP BY object_id, action, detail
            """).all(decoding: AuditRow.self) {
            guard let id = UUID(uuidString: row.object_id),
                  let transition = ApplicationTransition(rawValue: String(row.action.dropFirst("application.".count))),
                  transition.auditAction == row.action else { continue }
            let parts = row.detail.components(separatedBy: " -> ")
            guard parts.count == 2, ApplicationState(rawValue: parts[0]) != nil, ApplicationState(rawValue: parts[1]) != nil else { continue }
            audits[Key(application: id, transition: transition.rawValue, from: parts[0], to: parts[1]), default: 0] += row.n
        }
        let demoLoaded = try await demoApplications(sql)
        if !demoLoaded.isEmpty {
            report.notes.append("\(demoLoaded.count) applications were loaded by serve --demo with their history and one demo.load audit record; their earlier events need no audit record of their own")
        }
        for key in Set(events.keys).union(audits.keys).sorted() {
            let e = events[key] ?? 0, a = audits[key] ?? 0
            let id = key.application.uuidString.lowercased()
            if e > a, !demoLoaded.contains(key.application) {
                report.problems.append(Problem(kind: .eventWithoutAudit,
                    text: "application \(id): workflow event \(key.transition) \(key.from) -> \(key.to) has no audit record" + (e - a > 1 ? " (\(e - a) times)" : "")))
            } else if a > e {
                report.problems.append(Problem(kind: .auditWithoutEvent,
                    text: "application \(id): audit record application.\(key.transition) \(key.from) -> \(key.to) has no workflow event" + (a - e > 1 ? " (\(a - e) times)" : "")))
            }
        }
    }

    /// Applications created by the demo's loader: up to its `demo.load` audit record.
    private static func demoApplications(_ sql: any SQLDatabase) async throws -> Set<UUID> {
        struct Load: Decodable { var occurred_at: String }
        struct Row: Decodable { var id: UUID; var created_at: Date? }
        guard let load = try await sql.raw("SELECT occurred_at FROM audit_records WHERE action = 'demo.load' ORDER BY seq LIMIT 1")
            .first(decoding: Load.self) else { return [] }
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let loaded = format.date(from: load.occurred_at) else { return [] }
        // The audit time is cut to the millisecond; the rows were written before it in the same transaction.
        let limit = loaded.addingTimeInterval(0.001)
        let rows = try await sql.raw("SELECT id, created_at FROM applications").all(decoding: Row.self)
        return Set(rows.filter { ($0.created_at ?? .distantFuture) <= limit }.map(\.id))
    }

    // MARK: files

    private static func checkFiles(_ db: any Database, _ sql: any SQLDatabase, root: String, filesAtRest: Bool, digests: Bool,
                                   now: Date, into report: inout Report) async throws {
        let listing = FileSweep.list(root: root)
        report.storedFiles = listing.stored.count
        report.temporaryFiles = listing.temporary.count
        var onDisk = Dictionary(listing.stored.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let store = FileStore(root: root, threadPool: .singleton)
        struct Row: Decodable { var id: UUID; var application_id: UUID; var storage_name: String; var size: Int; var sha256: String }
        var after = ""
        while true {
            // Keyset pages: a province has hundreds of thousands of records.
            let rows = try await sql.raw("""
                SELECT id, application_id, storage_name, size, sha256 FROM stored_files
                WHERE storage_name > \(bind: after) ORDER BY storage_name LIMIT 1000
                """).all(decoding: Row.self)
            guard let last = rows.last else { break }
            after = last.storage_name
            for row in rows {
                let record = "file record \(row.id.uuidString.lowercased()) (application \(row.application_id.uuidString.lowercased()))"
                guard let path = store.path(forStorageName: row.storage_name), let entry = onDisk.removeValue(forKey: row.storage_name) else {
                    report.problems.append(Problem(kind: .fileMissing, text: "\(record): stored file \(row.storage_name.prefix(2))/\(row.storage_name) is missing"))
                    continue
                }
                if entry.size != row.size {
                    report.problems.append(Problem(kind: .fileSize, text: "\(record): stored file is \(entry.size) bytes, the record says \(row.size)"))
                } else if digests, try sha256(ofFile: path) != row.sha256 {
                    report.problems.append(Problem(kind: .fileDigest, text: "\(record): stored file's SHA-256 differs from the record"))
                }
            }
        }
        let settled: (FileSweep.Entry) -> Bool = { filesAtRest || now.timeIntervalSince($0.modified) > FileSweep.grace }
        var inFlight = 0
        for entry in onDisk.values.sorted(by: { $0.relativePath < $1.relativePath }) {
            guard settled(entry) else { inFlight += 1; continue }
            report.problems.append(Problem(kind: .fileWithoutRecord,
                text: "stored file \(entry.relativePath) (\(entry.size) bytes, \(AuditLog.timestamp(entry.modified))) has no file record"))
        }
        for entry in listing.temporary {
            guard settled(entry) else { inFlight += 1; continue }
            report.problems.append(Problem(kind: .temporaryFile,
                text: "temporary file \(entry.relativePath) (\(entry.size) bytes, \(AuditLog.timestamp(entry.modified))) is left from an upload"))
        }
        if inFlight > 0 {
            report.notes.append("\(inFlight) temporary or unrecorded files younger than an hour: uploads a running server may be finishing")
        }
        if !listing.orphaned.isEmpty {
            report.notes.append("\(listing.orphaned.count) files set aside in \(root)/\(FileSweep.orphanedFolder) by a start-up sweep (no record); review and delete them")
        }
        if !listing.other.isEmpty {
            report.notes.append("\(listing.other.count) other files under \(root) not written by the file store, not checked")
        }
    }

    private static func count(_ sql: any SQLDatabase, _ table: String) async throws -> Int {
        struct Count: Decodable { var n: Int }
        return try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first(decoding: Count.self)?.n ?? 0
    }

    static func sha256(ofFile path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ConsistencyError.unreadable(path) }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hasher.finalize().hexString
    }
}

enum ConsistencyError: Error, CustomStringConvertible {
    case notSQL
    case unreadable(String)

    var description: String {
        switch self {
        case .notSQL: "database: not an SQL database"
        case .unreadable(let path): "files: cannot read \(path)"
        }
    }
}
