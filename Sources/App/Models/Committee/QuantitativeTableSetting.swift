import Domain
import Fluent
import Foundation

/// The year's quantitative table as the office fixed it (points and caps per kind, in
/// the bundle's kind order, as decimal text joined by commas). Without a row the
/// bundle's default table applies. It can change only before scoring starts (九).
final class QuantitativeTableSetting: Model, @unchecked Sendable {
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

    /// The stored table; nil when a value no longer reads (the default then applies).
    var table: QuantitativeTable? {
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
}
