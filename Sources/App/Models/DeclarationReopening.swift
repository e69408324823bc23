import Fluent
import Foundation

/// The committee office reopens the year's declarations for one unit after the
/// period closed (or before it opens), until a given day, with the reason on
/// record (a late correction, a unit that missed the window). Rows are never
/// edited: a new decision is a new row, so the record of who reopened what and
/// why stays whole.
final class DeclarationReopening: Model, @unchecked Sendable {
    static let schema = "declaration_reopenings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: Organization
    /// The review year the reopening is for.
    @Field(key: "year") var year: Int
    /// `YYYY-MM-DD`, inclusive: starting and submitting are allowed through this day.
    @Field(key: "until") var until: String
    @Field(key: "reason") var reason: String
    @Parent(key: "created_by") var createdBy: UserAccount
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(unitID: UUID, year: Int, until: String, reason: String, createdBy: UUID) {
        self.$unit.id = unitID
        self.year = year
        self.until = until
        self.reason = reason
        self.$createdBy.id = createdBy
    }
}
