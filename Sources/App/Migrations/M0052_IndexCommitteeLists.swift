import Fluent
import SQLKit

/// The committee lists (issue 18, at 100,000 applications) filter a year's applications by
/// state: 待安排答辩 the accepted engineers, 量化赋分 the committee stage, 评审通过人员 the
/// passed and certified. The (year, target_level) index made SQLite walk every engineer of
/// the year (55,000 rows, ~150 ms) to find the 140 accepted; with the year, the state and the
/// level in one index each list reads only its own rows.
struct M0052_IndexCommitteeLists: AsyncMigration {
    var name: String { "M0052_IndexCommitteeLists" }

    func prepare(on database: Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw MigrationNeedsSQL(migration: name) }
        try await sql.create(index: "applications_year_state_level_idx").on("applications")
            .column("year").column("state").column("target_level").run()
    }

    func revert(on database: Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw MigrationNeedsSQL(migration: name) }
        try await sql.drop(index: "applications_year_state_level_idx").run()
    }
}
