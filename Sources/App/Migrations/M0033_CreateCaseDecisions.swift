import Fluent

/// The decision on a 复查/投诉/异议 case: its outcome and, for a re-review, what is re-done.
struct M0033_CreateCaseDecisions: AsyncMigration {
    var name: String { "M0033_CreateCaseDecisions" }

    func prepare(on database: Database) async throws {
        try await database.schema("result_case_decisions")
            .id()
            .field("case_id", .uuid, .required, .references("result_cases", "id"))
            .field("outcome", .string, .required)
            .field("redo", .string)
            .field("reason", .string, .required)
            .field("decided_on", .string, .required)
            .field("actor_name", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "case_id")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("result_case_decisions").delete()
    }
}
