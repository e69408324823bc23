import Fluent
import Foundation
import Domain

/// 诚信档案 (十（二））: a record lasts exactly the policy's years. Records keep the years
/// they were opened for, and `ends` is the last day in force (the check at submission reads
/// it inclusively), so a record opened on 2022-08-15 for 3 years ends on 2025-08-14 and is
/// lifted on 2025-08-15. Records written before stored `starts + years` as the last day, one
/// day too long; they are corrected here (only those, recognised by that exact shape).
struct M0050_IntegrityRecordTerm: AsyncMigration {
    var name: String { "M0050_IntegrityRecordTerm" }

    func prepare(on database: Database) async throws {
        try await database.schema("integrity_records").field("years", .int).update()
        for record in try await IntegrityRecord.query(on: database).all() {
            guard let starts = LocalDate(iso: record.starts), let ends = LocalDate(iso: record.ends) else { continue }
            let years = ends.year - starts.year
            guard years > 0, starts.adding(years: years) == ends else { continue }
            record.years = years
            record.ends = IntegrityRecord.lastDay(from: starts, years: years).iso
            try await record.update(on: database)
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema("integrity_records").deleteField("years").update()
    }
}
