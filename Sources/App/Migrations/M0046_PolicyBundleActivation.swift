import Fluent
import SQLKit

/// Activation of an uploaded policy bundle (issue 19, item 3): the review year it
/// holds, when and by whom it was activated. `active_year` is unique (NULL for a
/// bundle stored but not in use, which both databases allow many times), so two
/// bundles can never hold one year, even when two activations race. A restart
/// reads the active rows back into the policy registry.
struct M0046_PolicyBundleActivation: AsyncMigration {
    var name: String { "M0046_PolicyBundleActivation" }

    func prepare(on database: Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema("policy_bundles").field("active_year", .int).update()
        try await database.schema("policy_bundles").field("activated_at", .datetime).update()
        // The account's id, kept as a plain value (an added column cannot carry a
        // foreign key in SQLite); the audit record names the person as well.
        try await database.schema("policy_bundles").field("activated_by", .uuid).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "policy_bundles_active_year_key").on("policy_bundles").column("active_year").unique().run()
    }

    func revert(on database: Database) async throws {
        if let sql = database as? any SQLDatabase { try await sql.drop(index: "policy_bundles_active_year_key").run() }
        try await database.schema("policy_bundles").deleteField("activated_by").update()
        try await database.schema("policy_bundles").deleteField("activated_at").update()
        try await database.schema("policy_bundles").deleteField("active_year").update()
    }
}
