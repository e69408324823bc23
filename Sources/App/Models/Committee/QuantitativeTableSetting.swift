import Domain
import Fluent
import SQLKit
import Foundation

/// The year's quantitative table as the office fixed it (points and caps per kind, in
/// the bundle's kind order, as decimal text joined by commas). Without a row the
/// bundle's default table applies. It can change only before scoring starts (九).
/// A stored table that no longer reads is an error when the row loads (`StoredValueError`),
/// never a silent fall-back to the default: the office fixed that table on purpose.
final class QuantitativeTableSetting: Model, StoredValuesChecked, @unchecked Sendable {
    static let schema = "quantitative_tables"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "points") var points: String
    @Field(key: "caps") var caps: String
    @Field(key: "reason") var reason: String
    @Field(key: "actor_name") var actorName: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(year: Int, table: QuantitativeTable, reason: String, actorName: String) {
        self.year = year; self.reason = reason; self.actorName = actorName
        self.points = ""; self.caps = ""
        set(table)
    }

    func set(_ table: QuantitativeTable) {
        points = table.items.map { "\($0.kind.rawValue)=\($0.points)" }.joined(separator: ",")
        caps = table.items.map { "\($0.kind.rawValue)=\($0.cap)" }.joined(separator: ",")
    }

    func output(from output: any DatabaseOutput) throws { try loadCheckingStoredValues(from: output) }

    func checkStoredValues() throws {
        if let p = $points.value, let c = $caps.value {
            _ = try StoredValue.decode("quantitative_tables.points,caps", "\(p);\(c)") { _ in Self.table(points: p, caps: c) }
        }
    }

    /// The stored table (checked when the row loaded).
    var table: QuantitativeTable {
        StoredValue.checked("quantitative_tables.points,caps", "\(points);\(caps)") { _ in Self.table(points: points, caps: caps) }
    }

    /// Both columns read back into a table of every kind, or nil.
    private static func table(points: String, caps: String) -> QuantitativeTable? {
        func parse(_ s: String) -> [QuantitativeKind: Tenths]? {
            var out: [QuantitativeKind: Tenths] = [:]
            for pair in s.split(separator: ",") {
                let parts = pair.split(separator: "=")
                guard parts.count == 2, let k = QuantitativeKind(rawValue: String(parts[0])),
                      case .success(let t) = ScoreInput.parse(String(parts[1]), field: k.label, maximum: Tenths(1000)) else { return nil }
                out[k] = t
            }
            return out
        }
        guard let p = parse(points), let c = parse(caps), p.count == QuantitativeKind.allCases.count,
              c.count == QuantitativeKind.allCases.count else { return nil }
        return QuantitativeTable(items: QuantitativeKind.allCases.map { QuantitativeTable.Item(kind: $0, points: p[$0]!, cap: c[$0]!) })
    }

    /// The year's table: as the office fixed it, else the bundle's documented default.
    static func table(year: Int, policy: Policy, on db: any Database) async throws -> QuantitativeTable {
        if let fixed = try await query(on: db).filter(\.$year == year).first() { return fixed.table }
        return try QuantitativeTable(policy: policy)
    }

    /// Scoring has started once any defense score or quantitative point of the year is
    /// recorded; from then on the table is fixed (九).
    static func scoringStarted(year: Int, on db: any Database) async throws -> Bool {
        let panels = try await DefensePanel.query(on: db).filter(\.$year == year).all().compactMap(\.id)
        if !panels.isEmpty, try await DefenseScoreRecord.query(on: db).filter(\.$panel.$id ~~ panels).count() > 0 { return true }
        let apps = try await ApplicationRecord.query(on: db).filter(\.$year == year).all().compactMap(\.id)
        guard !apps.isEmpty else { return false }
        return try await QuantitativePoints.query(on: db).filter(\.$application.$id ~~ apps).count() > 0
    }
}

extension ApplicationRecord {
    /// The year's applications at the committee stage, with applicant and unit, by level and specialty.
    static func atCommitteeStage(year: Int, on db: any Database) async throws -> [ApplicationRecord] {
        try await query(on: db).filter(\.$year == year)
            .filter(\.$state ~~ ApplicationState.committeeStates.map(\.rawValue)).with(\.$applicant).with(\.$unit)
            .sort(\.$targetLevel).sort(\.$specialty).all()
    }

    /// The year's applications at the committee stage as (id, applicant's name), by name: a
    /// form's choices need no declaration, and reading ~2,000 whole records for them was most of
    /// the results page's time (issue 18). `matching`: only names containing it (LIKE with its
    /// wildcards escaped); `limit`: at most that many (a year of 100,000 applications has
    /// ~15,000 at the committee stage, too many for one list); `ids`: only these applications.
    static func namesAtCommittee(year: Int, matching: String? = nil, limit: Int? = nil, ids: [UUID]? = nil,
                                 on db: any Database) async throws -> [(id: UUID, name: String)] {
        guard let sql = db as? any SQLDatabase else { throw StoredValueError(field: "database", value: "not SQL") }
        if let ids, ids.isEmpty { return [] }
        let states = ApplicationState.committeeStates.map { $0.rawValue as any Encodable & Sendable }
        var filter: SQLQueryString = ""
        if let matching, !matching.isEmpty {
            let escaped = matching.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            filter = " AND u.\"real_name\" LIKE \(bind: "%" + escaped + "%") ESCAPE '\\'"
        }
        if let ids { filter = filter + " AND a.\"id\" IN (\(binds: ids))" }
        let window: SQLQueryString = limit.map { " LIMIT \(bind: $0)" } ?? ""
        let rows = try await sql.raw("""
            SELECT a."id" AS "id", u."real_name" AS "name" FROM "applications" a \
            JOIN "user_accounts" u ON u."id" = a."applicant_id" \
            WHERE a."year" = \(bind: year) AND a."state" IN (\(binds: states))\(filter) ORDER BY u."real_name", a."id"\(window)
            """).all()
        return try rows.map { (id: try $0.decode(column: "id", as: UUID.self), name: try $0.decode(column: "name", as: String.self)) }
    }

    /// What the declaration already says for the quantitative table, counted by `QuantitativePrefill`.
    func quantitativePrefill(table: QuantitativeTable, applicationDate: LocalDate,
                             on db: any Database) async throws -> [QuantitativeKind: QuantitativePrefill.Line] {
        let items = try await ApplicationItem.query(on: db).filter(\.$application.$id == id!).sort(\.$position).all()
            .compactMap { i in i.sectionValue.map { ($0, i.values) } }
        let lines = QuantitativePrefill.lines(items: items, table: table, applicationDate: applicationDate)
        return Dictionary(lines.map { ($0.kind, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
