import Domain
import Fluent
import SQLKit
import Vapor

/// 待我办理 as two SQL statements: a count, and one page of lean rows joined with
/// the applicant's name and the unit (issue 12: a province's queue of 9,000+
/// at the office stays fast).
///
/// It selects only what the list shows and what the access rule needs: loading
/// whole `ApplicationRecord`s would read and check every row's declaration
/// (`basics`) and work report, which the list never shows. The party rule is the
/// one `ReviewParty` applies, written as filters so paging and counting happen
/// in the database; each row still passes `AccessPolicy` as when it is opened.
struct ReviewQueueQuery {
    /// One row of the queue with the facts its access check needs.
    struct Row {
        var facts: ApplicationFacts
        var applicantName: String
        var targetLevel: String
        var specialty: String
        var unitName: String
        var submittedAt: Date?
    }

    let actor: AccessActor
    let db: any SQLDatabase

    /// nil for a role without a queue.
    init?(actor: AccessActor, db: any Database) throws {
        guard !ReviewQueueController.states(for: actor.role).isEmpty else { return nil }
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "the queue needs an SQL database") }
        self.actor = actor
        self.db = sql
    }

    /// The count joins the unit only when the party rule reads it (agency, department):
    /// every application has its unit, so the join never changes the number, and
    /// without it the office's count of 9,000 never leaves the index.
    func count(level: String?) async throws -> Int {
        let joinUnit = actor.role == .personnelAgency || actor.role == .competentDepartment
        let row = try await db.raw("SELECT COUNT(*) AS n" + from(level: level, joinUnit: joinUnit)).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Page `page` (from 1) of `size` rows, oldest submission first.
    ///
    /// The statements are written out rather than built with SQLKit's builder: the
    /// builder quoted every identifier again on every request (SQLIdentifier's
    /// `replacing`), a tenth of the queue's time (issue 18). Identifiers in double
    /// quotes read the same on SQLite and PostgreSQL; every value is a bind.
    func page(_ page: Int, size: Int, level: String?) async throws -> [Row] {
        let select: SQLQueryString = """
            SELECT a."id", a."applicant_id", a."unit_id", a."state", a."route", a."route_county", a."reached_step", \
            a."target_level", a."specialty", a."submitted_at", u."real_name" AS "applicant_name", o."name" AS "unit_name", \
            o."competent_department_id", o."personnel_agency_id"
            """
        let order: SQLQueryString = #" ORDER BY a."submitted_at" ASC, a."id" ASC LIMIT \#(bind: size) OFFSET \#(bind: (page - 1) * size)"#
        let rows = try await db.raw(select + from(level: level, joinUnit: true, joinApplicant: true) + order).all()
        return try rows.map(Self.row)
    }

    /// The states the role acts in, narrowed to the actor's own unit, county,
    /// agency or department, and the level filter (indexes: M0031).
    private func from(level: String?, joinUnit: Bool, joinApplicant: Bool = false) -> SQLQueryString {
        let states = ReviewQueueController.states(for: actor.role).map { $0.rawValue as any Encodable & Sendable }
        var query: SQLQueryString = #" FROM "applications" a"#
        if joinApplicant { query += #" JOIN "user_accounts" u ON u."id" = a."applicant_id""# }
        if joinUnit { query += #" JOIN "organizations" o ON o."id" = a."unit_id""# }
        query += #" WHERE a."state" IN (\#(binds: states))"#
        switch actor.role {
        case .unitClerk:
            query += #" AND a."unit_id" = \#(bind: actor.organizationID)"#
        case .countyHR, .countyBureau:
            query += #" AND a."route_county" = \#(bind: actor.organizationDivision ?? "-")"#
        case .personnelAgency:
            query += #" AND o."personnel_agency_id" = \#(bind: actor.organizationID)"#
        case .competentDepartment:
            query += #" AND o."competent_department_id" = \#(bind: actor.organizationID)"#
        case .cityHR, .committeeOffice, .applicant, .expert, .systemAdministrator:
            break
        }
        if let level, !level.isEmpty {
            query += #" AND a."target_level" = \#(bind: level)"#
        }
        return query
    }

    /// A stored value that does not decode fails loudly, as a model load would.
    private static func row(_ row: any SQLRow) throws -> Row {
        let state = try StoredValue.decode("applications.state", try row.decode(column: "state", as: String.self),
                                           ApplicationState.init(rawValue:))
        let route = try ApplicationRecord.route(try row.decode(column: "route", as: String.self))
        let facts = ApplicationFacts(
            id: try row.decode(column: "id", as: UUID.self),
            applicantID: try row.decode(column: "applicant_id", as: UUID.self),
            unitID: try row.decode(column: "unit_id", as: UUID.self),
            state: state, route: route,
            routeCounty: try row.decode(column: "route_county", as: String?.self),
            reachedStep: try row.decode(column: "reached_step", as: Int.self),
            competentDepartmentID: try row.decode(column: "competent_department_id", as: UUID?.self),
            personnelAgencyID: try row.decode(column: "personnel_agency_id", as: UUID?.self))
        return Row(facts: facts, applicantName: try row.decode(column: "applicant_name", as: String.self),
                   targetLevel: try row.decode(column: "target_level", as: String.self),
                   specialty: try row.decode(column: "specialty", as: String.self),
                   unitName: try row.decode(column: "unit_name", as: String.self),
                   submittedAt: try row.decode(column: "submitted_at", as: Date?.self))
    }
}
