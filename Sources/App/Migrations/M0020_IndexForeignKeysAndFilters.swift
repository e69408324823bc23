import Fluent
import SQLKit

/// Issue 8 item 2: every foreign key and every column a list filters on has an
/// index, so queues and lists stay fast as a year's applications accumulate.
/// Columns already leading a unique constraint (which SQLite and PostgreSQL back
/// with an index) are left out. Tables are named literally: a renamed model must
/// not silently change what a released migration touches.
struct M0020_IndexForeignKeysAndFilters: AsyncMigration {
    var name: String { "M0020_IndexForeignKeysAndFilters" }

    /// (index name, table, columns).
    static let indexes: [(String, String, [String])] = [
        // foreign keys
        ("organizations_competent_department_idx", "organizations", ["competent_department_id"]),
        ("organizations_personnel_agency_idx", "organizations", ["personnel_agency_id"]),
        ("user_accounts_organization_idx", "user_accounts", ["organization_id"]),
        ("user_sessions_user_idx", "user_sessions", ["user_id"]),
        ("applications_unit_idx", "applications", ["unit_id"]),
        ("applications_defense_item_idx", "applications", ["defense_item_id"]),
        ("application_items_application_section_idx", "application_items", ["application_id", "section"]),
        ("stored_files_application_idx", "stored_files", ["application_id"]),
        ("stored_files_item_idx", "stored_files", ["item_id"]),
        ("stored_files_uploaded_by_idx", "stored_files", ["uploaded_by"]),
        ("integrity_records_created_by_idx", "integrity_records", ["created_by"]),
        ("declaration_reopenings_created_by_idx", "declaration_reopenings", ["created_by"]),
        ("experts_user_idx", "experts", ["user_id"]),
        ("experts_organization_idx", "experts", ["organization_id"]),
        ("expert_conflicts_application_idx", "expert_conflicts", ["application_id"]),
        ("meeting_members_expert_idx", "meeting_members", ["expert_id"]),
        ("ballot_markers_application_idx", "ballot_markers", ["application_id"]),
        ("ballot_tallies_application_idx", "ballot_tallies", ["application_id"]),
        ("panel_members_panel_idx", "panel_members", ["panel_id"]),
        ("panel_members_expert_idx", "panel_members", ["expert_id"]),
        ("defense_slots_panel_idx", "defense_slots", ["panel_id"]),
        ("defense_scores_panel_idx", "defense_scores", ["panel_id"]),
        ("defense_scores_expert_idx", "defense_scores", ["expert_id"]),
        ("committee_notes_subject_idx", "committee_notes", ["subject_id"]),
        ("result_cases_application_idx", "result_cases", ["application_id"]),
        ("intake_days_created_by_idx", "intake_days", ["created_by"]),
        ("intake_bookings_booked_by_idx", "intake_bookings", ["booked_by"]),
        ("fee_payments_recorded_by_idx", "fee_payments", ["recorded_by"]),
        // columns lists filter on
        ("organizations_kind_idx", "organizations", ["kind"]),
        ("organizations_division_code_idx", "organizations", ["division_code"]),
        ("user_accounts_role_idx", "user_accounts", ["role"]),
        ("applications_year_level_idx", "applications", ["year", "target_level"]),
        ("audit_records_occurred_at_idx", "audit_records", ["occurred_at"]),
        ("audit_records_action_idx", "audit_records", ["action"]),
        ("audit_records_actor_name_idx", "audit_records", ["actor_name"]),
        ("integrity_records_id_number_idx", "integrity_records", ["id_number"]),
        ("defense_panels_year_specialty_idx", "defense_panels", ["year", "specialty"]),
        ("committee_meetings_year_idx", "committee_meetings", ["year"]),
        ("result_publicities_year_idx", "result_publicities", ["year"]),
    ]

    func prepare(on database: Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for (name, table, columns) in Self.indexes {
            var builder = sql.create(index: name).on(table)
            for column in columns { builder = builder.column(column) }
            try await builder.run()
        }
    }

    func revert(on database: Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for (name, _, _) in Self.indexes.reversed() {
            try await sql.drop(index: name).run()
        }
    }
}
