import Fluent

/// 七.1: the office's decision on an exceeded copy ratio keeps the lines it was made on,
/// so an override covers those ratios and no later, higher one.
struct M0037_AddSimilarityDecisionBasis: AsyncMigration {
    var name: String { "M0037_AddSimilarityDecisionBasis" }

    func prepare(on database: Database) async throws {
        try await database.schema("similarity_reviews").field("decided_on", .string).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("similarity_reviews").deleteField("decided_on").update()
    }
}
