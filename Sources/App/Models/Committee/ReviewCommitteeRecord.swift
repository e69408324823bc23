import Domain
import Fluent
import Foundation

/// A review committee (评审委员会) of a year: the 中级评委会 decides engineers, the 初级评委会
/// assistant engineers and technicians (四（三）). Its members come from the expert pool.
final class ReviewCommitteeRecord: Model, @unchecked Sendable {
    static let schema = "review_committees"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    /// `CommitteeTier` raw value: intermediate | junior.
    @Field(key: "tier") var tier: String
    /// The name printed on certificates and minutes, e.g. 长治市工程系列中级专业技术职务评审委员会.
    @Field(key: "name") var name: String
    /// `YYYY-MM-DD`, both days included (届期).
    @Field(key: "term_start") var termStart: String
    @Field(key: "term_end") var termEnd: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(year: Int, tier: CommitteeTier, name: String, termStart: LocalDate, termEnd: LocalDate) {
        self.year = year; self.tier = tier.rawValue; self.name = name
        self.termStart = termStart.iso; self.termEnd = termEnd.iso
    }

    var tierValue: CommitteeTier { StoredValue.checked("review_committees.tier", tier, CommitteeTier.init(rawValue:)) }

    /// The year's committee for a level, if the office has formed it.
    static func forLevel(_ level: TargetLevel, year: Int, on db: any Database) async throws -> ReviewCommitteeRecord? {
        try await query(on: db).filter(\.$year == year).filter(\.$tier == CommitteeTier.of(level).rawValue).first()
    }
}

/// A member of a committee with their office (主任委员、副主任委员、委员).
final class ReviewCommitteeMember: Model, @unchecked Sendable {
    static let schema = "review_committee_members"

    @ID(key: .id) var id: UUID?
    @Parent(key: "committee_id") var committee: ReviewCommitteeRecord
    @Parent(key: "expert_id") var expert: Expert
    /// `CommitteeRole` raw value.
    @Field(key: "role") var role: String

    init() {}

    init(committeeID: UUID, expertID: UUID, role: CommitteeRole) {
        self.$committee.id = committeeID; self.$expert.id = expertID; self.role = role.rawValue
    }

    var roleValue: CommitteeRole { StoredValue.checked("review_committee_members.role", role, CommitteeRole.init(rawValue:)) }
}
