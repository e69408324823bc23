import Fluent
import Foundation

/// A year's official holiday schedule added by the office, as the calendar's JSON.
final class HolidayScheduleRecord: Model, @unchecked Sendable {
    static let schema = "holiday_schedules"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    /// The State Council notice it comes from (国办发明电〔…〕…号).
    @Field(key: "source") var source: String
    @Field(key: "json") var json: String
    @OptionalParent(key: "created_by") var createdBy: UserAccount?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(year: Int, source: String, json: String, createdBy: UUID?) {
        self.year = year; self.source = source; self.json = json; self.$createdBy.id = createdBy
    }
}

extension HolidayScheduleRecord {
    /// The years whose schedule the office added here (the rest came with the release).
    static func storedYears(on db: any Database) async throws -> Set<Int> {
        Set(try await HolidayScheduleRecord.query(on: db).all().map(\.year))
    }
}
