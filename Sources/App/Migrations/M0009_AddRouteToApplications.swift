import Fluent
import SQLKit

/// The route fixed at submission, its county and how far along it the
/// application has come; indexes for the reviewers' queues, which filter by
/// state and county.
struct M0009_AddRouteToApplications: AsyncMigration {
    var name: String { "M0009_AddRouteToApplications" }

    func prepare(on database: Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema("applications").field("route", .string, .required, .sql(.default(""))).update()
        try await database.schema("applications").field("route_county", .string).update()
        try await database.schema("applications").field("reached_step", .int, .required, .sql(.default(0))).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "applications_state_idx").on("applications").column("state").run()
        try await sql.create(index: "applications_route_county_idx").on("applications").column("route_county").run()
    }

    func revert(on database: Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.drop(index: "applications_route_county_idx").run()
            try await sql.drop(index: "applications_state_idx").run()
        }
        for field in ["reached_step", "route_county", "route"] {
            try await database.schema("applications").deleteField(.key(.init(stringLiteral: field))).update()
        }
    }
}
