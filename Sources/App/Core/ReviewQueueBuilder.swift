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
struct ReviewQueueBuilder {
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
        let row = try await filtered(db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n"),
                                     level: level, joinUnit: joinUnit)
            .first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Page `page` (from 1) of `size` rows, oldest submission first.
    func page(_ page: Int, size: Int, level: String?) async throws -> [Row] {
        let a = "applications", o = "organizations"
        let select = db.select()
            .column(SQLColumn("id", table: a), as: "id")
            .column(SQLColumn("applicant_id", table: a), as: "applicant_id")
            .column(SQLColumn("unit_id", table: a), as: "unit_id")
            .column(SQLColumn("state", table: a), as: "state")
            .column(SQLColumn("route", table: a), as: "route")
            .column(SQLColumn("route_county", table: a), as: "route_county")
            .column(SQLColumn("reached_step", table: a), as: "reached_step")
            .column(SQLColumn("target_level", table: a), as: "target_level")
            .column(SQLColumn("specialty", table: a), as: "specialty")
            .column(SQLColumn("submitted_at", table: a), as: "submitted_at")
            .column(SQLColumn("real_name", table: "user_accounts"), as: "applicant_name")
            .column(SQLColumn("name", table: o), as: "unit_name")
            .column(SQLColumn("competent_department_id", table: o), as: "competent_department_id")
            .column(SQLColumn("personnel_agency_id", table: o), as: "personnel_agency_id")
            .join("user_accounts", on: SQLColumn("id", table: "user_accounts"), .equal, SQLColumn("applicant_id", table: a))
        let rows = try await filtered(select, level: level, joinUnit: true)
            .orderBy(SQLColumn("submitted_at", table: a), SQLDirection.ascending)
            .orderBy(SQLColumn("id", table: a), SQLDirection.ascending)
            .limit(size).offset((page - 1) * size)
            .all()
        return try rows.map(Self.row)
    }

    /// The states the role acts in, narrowed to the actor's own unit, county,
    /// agency or department, and the level filter (indexes: M0031).
    private func filtered(_ select: SQLSelectBuilder, level: String?, joinUnit: Bool) -> SQLSelectBuilder {
        let a = "applications", o = "organizations"
        let states = ReviewQueueController.states(for: actor.role).map(\.rawValue)
        var query = select.from(a)
        if joinUnit { query = query.join(o, on: SQLColumn("id", table: o), .equal, SQLColumn("unit_id", table: a)) }
        query = query.where(SQLColumn("state", table: a), .in, SQLBind.group(states))
        switch actor.role {
        case .unitClerk:
            query = query.where(SQLColumn("unit_id", table: a), .equal, SQLBind(actor.organizationID))
        case .countyHR, .countyBureau:
            query = query.where(SQLColumn("route_county", table: a), .equal, SQLBind(actor.organizationDivision ?? "-"))
        case .personnelAgency:
            query = query.where(SQLColumn("personnel_agency_id", table: o), .equal, SQLBind(actor.organizationID))
        case .competentDepartment:
            query = query.where(SQLColumn("competent_department_id", table: o), .equal, SQLBind(actor.organizationID))
        case .cityHR, .committeeOffice, .applicant, .expert, .systemAdministrator:
            break
        }
        if let level, !level.isEmpty {
            query = query.where(SQLColumn("target_level", table: a), .equal, SQLBind(level))
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
