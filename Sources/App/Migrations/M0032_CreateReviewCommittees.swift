import Fluent

/// The review committees as data (中级评委会, 初级评委会; 四（三）): each with its members and
/// their offices. Meetings belong to one committee; attendance is fixed when voting starts;
/// each applicant's tally keeps the numbers present and recused that decided it.
struct M0032_CreateReviewCommittees: AsyncMigration {
    var name: String { "M0032_CreateReviewCommittees" }

    func prepare(on database: Database) async throws {
        try await database.schema("review_committees")
            .id()
            .field("year", .int, .required)
            .field("tier", .string, .required)
            .field("name", .string, .required)
            .field("term_start", .string, .required)
            .field("term_end", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "year", "tier")
            .create()
        try await database.schema("review_committee_members")
            .id()
            .field("committee_id", .uuid, .required, .references("review_committees", "id"))
            .field("expert_id", .uuid, .required, .references("experts", "id"))
            .field("role", .string, .required)
            .unique(on: "committee_id", "expert_id")
            .create()
        // One column per statement: SQLite's ALTER TABLE adds one at a time, and cannot add
        // a foreign key (the committee is checked by the code that creates meetings).
        try await database.schema("committee_meetings").field("committee_id", .uuid).update()
        try await database.schema("committee_meetings").field("voting_started_at", .datetime).update()
        try await database.schema("meeting_members").field("role", .string, .required, .sql(.default("member"))).update()
        try await database.schema("ballot_tallies").field("present", .int, .required, .sql(.default(0))).update()
        try await database.schema("ballot_tallies").field("recused", .int, .required, .sql(.default(0))).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("ballot_tallies").deleteField("recused").update()
        try await database.schema("ballot_tallies").deleteField("present").update()
        try await database.schema("meeting_members").deleteField("role").update()
        try await database.schema("committee_meetings").deleteField("voting_started_at").update()
        try await database.schema("committee_meetings").deleteField("committee_id").update()
        try await database.schema("review_committee_members").delete()
        try await database.schema("review_committees").delete()
    }
}
