import Fluent

struct M0015_CreateCommitteeMeetings: AsyncMigration {
    var name: String { "M0015_CreateCommitteeMeetings" }

    func prepare(on database: Database) async throws {
        try await database.schema("committee_meetings")
            .id()
            .field("year", .int, .required)
            .field("held_on", .string, .required)
            .field("notes", .string, .required)
            .field("state", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema("meeting_members")
            .id()
            .field("meeting_id", .uuid, .required, .references("committee_meetings", "id"))
            .field("expert_id", .uuid, .required, .references("experts", "id"))
            .field("is_chair", .bool, .required)
            .field("present", .bool, .required)
            .unique(on: "meeting_id", "expert_id")
            .create()
        // No foreign key to the expert's account and no timestamps: the marker says only
        // "has voted", and the tallies carry no voter at all.
        try await database.schema("ballot_markers")
            .id()
            .field("meeting_id", .uuid, .required)
            .field("application_id", .uuid, .required)
            .field("expert_id", .uuid, .required)
            .unique(on: "meeting_id", "application_id", "expert_id")
            .create()
        try await database.schema("ballot_tallies")
            .id()
            .field("meeting_id", .uuid, .required)
            .field("application_id", .uuid, .required)
            .field("agree", .int, .required)
            .field("disagree", .int, .required)
            .field("abstain", .int, .required)
            .unique(on: "meeting_id", "application_id")
            .create()
    }

    func revert(on database: Database) async throws {
        for table in ["ballot_tallies", "ballot_markers", "meeting_members", "committee_meetings"] {
            try await database.schema(table).delete()
        }
    }
}
