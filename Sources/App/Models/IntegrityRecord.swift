import Domain
import Fluent
import Foundation

/// 职称评审诚信档案: a person found to have submitted false materials, plagiarized
/// or cheated may not apply for 3 years (十（二）). Keyed by ID number so it
/// follows the person across accounts.
final class IntegrityRecord: Model, @unchecked Sendable {
    static let schema = "integrity_records"

    @ID(key: .id) var id: UUID?
    @Field(key: "id_number") var idNumber: String
    @Field(key: "real_name") var realName: String
    @Field(key: "reason") var reason: String
    /// `YYYY-MM-DD`: the record is in force from `starts` through `ends`, both days
    /// included; `ends` is the day before `starts + years` (see `lastDay`).
    @Field(key: "starts") var starts: String
    @Field(key: "ends") var ends: String
    /// The policy's `integrityRecordYears` when the record was opened (nil on records
    /// entered by hand before the term was kept).
    @OptionalField(key: "years") var years: Int?
    @OptionalParent(key: "created_by") var createdBy: UserAccount?
    /// The application whose materials were false, when the record came from one.
    @OptionalField(key: "application_id") var applicationID: UUID?
    /// The employer that should have checked the materials, and what it failed to check (十（二）).
    @OptionalField(key: "unit_id") var unitID: UUID?
    @OptionalField(key: "unit_failure") var unitFailure: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(idNumber: String, realName: String, reason: String, starts: String, ends: String, createdBy: UUID?) {
        self.idNumber = idNumber
        self.realName = realName
        self.reason = reason
        self.starts = starts
        self.ends = ends
        self.$createdBy.id = createdBy
    }
}

extension IntegrityRecord {
    /// The last day of the record in force on `today` for this ID number (the one that
    /// ends latest), nil when none is.
    static func inForceUntil(idNumber: String, today: LocalDate, on db: any Database) async throws -> LocalDate? {
        let record = try await IntegrityRecord.query(on: db).filter(\.$idNumber == idNumber)
            .filter(\.$starts <= today.iso).filter(\.$ends >= today.iso).sort(\.$ends, .descending).first()
        return record.flatMap { LocalDate(iso: $0.ends) }
    }
}

extension ApplicationRecord {
    /// The end of an integrity record in force on `today` for the applicant, if any
    /// (the commitment page says so; submitting is refused).
    func applicantIntegrityRecordUntil(today: LocalDate, on db: any Database) async throws -> LocalDate? {
        let applicant = try await $applicant.get(on: db)
        guard let idNumber = applicant.idNumber else { return nil }
        return try await IntegrityRecord.inForceUntil(idNumber: idNumber, today: today, on: db)
    }
}

extension IntegrityRecord {
    /// The last day in force of a record opened on `start` for `years` years: the day before
    /// `start + years`, so the record lasts exactly that many years (the check at submission
    /// reads `ends` inclusively). Counted from the day before so that a record opened on
    /// 29 February ends on 28 February (lifted on 1 March), never a day short.
    static func lastDay(from start: LocalDate, years: Int) -> LocalDate {
        start.adding(days: -1).adding(years: years)
    }

    /// The day the record is lifted: `starts + years`.
    var liftedOn: LocalDate? {
        guard let ends = LocalDate(iso: ends) else { return nil }
        return ends.adding(days: 1)
    }

    /// 2022年8月15日至2025年8月14日（3年，2025年8月15日起解除）.
    var termText: String {
        let from = LocalDate(iso: starts)?.chinese ?? starts, to = LocalDate(iso: ends)?.chinese ?? ends
        let parts = [years.map { "\($0)年" }, liftedOn.map { "\($0.chinese)起解除" }].compactMap { $0 }
        return "\(from)至\(to)" + (parts.isEmpty ? "" : "（" + parts.joined(separator: "，") + "）")
    }
}
