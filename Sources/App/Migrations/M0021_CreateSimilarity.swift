import Fluent
import SQLKit

/// The paper duplication check (七.1): the text extracted from each submitted paper
/// and each imported reference-corpus document, the check's jobs and results, and
/// the office's review (external ratio, confirm or override).
struct M0021_CreateSimilarity: AsyncMigration {
    var name: String { "M0021_CreateSimilarity" }

    func prepare(on database: Database) async throws {
        try await database.schema("paper_texts")
            .id()
            // upload | corpus
            .field("source", .string, .required)
            .field("application_id", .uuid, .references("applications", "id"))
            // No foreign key: a deleted upload leaves its text, which the check then skips.
            .field("stored_file_id", .uuid)
            .field("year", .int)
            .field("name", .string, .required)
            .field("text", .string, .required)
            .field("characters", .int, .required)
            .field("error", .string)
            .field("created_at", .datetime)
            .create()
        try await database.schema("similarity_jobs")
            .id()
            .field("year", .int, .required)
            // queued | running | done | failed
            .field("state", .string, .required)
            .field("total", .int, .required)
            .field("done", .int, .required)
            .field("error", .string)
            // Seconds since 1970 by the application's clock: portable comparisons in SQL.
            .field("requested_at", .double, .required)
            .field("lease_until", .double)
            .field("claimed_by", .string)
            .field("requested_by", .uuid, .references("user_accounts", "id"))
            .field("finished_at", .double)
            .create()
        try await database.schema("similarity_results")
            .id()
            .field("job_id", .uuid, .required, .references("similarity_jobs", "id"))
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("paper_text_id", .uuid)
            .field("characters", .int, .required)
            .field("covered", .int, .required)
            .field("ratio", .double, .required)
            .field("sources", .string, .required)
            .field("error", .string)
            .field("checked_at", .double, .required)
            .unique(on: "job_id", "application_id")
            .create()
        try await database.schema("similarity_reviews")
            .id()
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("external_ratio", .double)
            // confirm | override
            .field("decision", .string)
            .field("reason", .string, .required)
            .field("decided_by", .uuid, .references("user_accounts", "id"))
            .field("updated_at", .datetime)
            .unique(on: "application_id")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "paper_texts_application_idx").on("paper_texts").column("application_id").run()
        try await sql.create(index: "similarity_jobs_state_idx").on("similarity_jobs").column("state").run()
        try await sql.create(index: "similarity_results_application_idx").on("similarity_results").column("application_id").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("similarity_reviews").delete()
        try await database.schema("similarity_results").delete()
        try await database.schema("similarity_jobs").delete()
        try await database.schema("paper_texts").delete()
    }
}
