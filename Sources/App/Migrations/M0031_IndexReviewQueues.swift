import Fluent
import SQLKit

/// Indexes shaped like the reviewers' queues (待我办理, issue 12): the states a
/// body acts in, its county, and the queue's order. With them a queue page of a
/// province's 100,000 applications reads its 50 rows in order from the index
/// instead of every application of the county (whole rows, declarations and
/// work reports included), and the count never leaves the index.
struct M0031_IndexReviewQueues: AsyncMigration {
    var name: String { "M0031_IndexReviewQueues" }

    func prepare(on database: Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw MigrationNeedsSQL(migration: name) }
        // County bureaus and county HR: state, then county, then the queue's order.
        try await sql.create(index: "applications_queue_county_idx").on("applications")
            .column("state").column("route_county").column("submitted_at").column("id").run()
        // Every other body filters by state (the office, city HR) or joins the unit
        // (departments, agencies, the unit itself): state, then the queue's order.
        try await sql.create(index: "applications_queue_order_idx").on("applications")
            .column("state").column("submitted_at").column("id").run()
    }

    func revert(on database: Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw MigrationNeedsSQL(migration: name) }
        try await sql.drop(index: "applications_queue_order_idx").run()
        try await sql.drop(index: "applications_queue_county_idx").run()
    }
}

/// A migration that builds indexes through SQL met a database without SQL: never skipped silently.
struct MigrationNeedsSQL: Error, CustomStringConvertible {
    let migration: String
    var description: String { "\(migration): the database does not speak SQL" }
}
