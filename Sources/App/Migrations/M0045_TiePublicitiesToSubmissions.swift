import Fluent
import SQLKit

/// Publicities and the appraisal opinion remember which submission of the declaration
/// they covered (issue 17, item 1): after a return, a resubmission whose content
/// changed needs the materials publicity, the opinion and its publicity again.
/// Existing rows are set to the application's submission count now, which is the
/// submission they were recorded for (a later resubmission had not happened yet,
/// or they were recorded after it).
struct M0045_TiePublicitiesToSubmissions: AsyncMigration {
    var name: String { "M0045_TiePublicitiesToSubmissions" }

    func prepare(on database: Database) async throws {
        try await database.schema("publicities").field("covers_submission", .int).update()
        try await database.schema("unit_evaluations").field("opinion_covers_submission", .int).update()
        guard let sql = database as? any SQLDatabase else { return }
        for (table, column) in [("publicities", "covers_submission"), ("unit_evaluations", "opinion_covers_submission")] {
            try await sql.raw("""
                UPDATE \(ident: table) SET \(ident: column) = (SELECT COUNT(*) FROM workflow_events e
                    WHERE e.application_id = \(ident: table).application_id AND e.transition = 'submit')
                """).run()
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema("unit_evaluations").deleteField("opinion_covers_submission").update()
        try await database.schema("publicities").deleteField("covers_submission").update()
    }
}
