import Domain
import Fluent
import SQLKit
import Vapor

/// The committee lists' rows as written-out SQL (issue 18, item 1), like `ReviewQueueQuery`:
/// one statement per list whatever the number of people on it, joined with the applicant's
/// name and the unit, selecting only the columns the page shows. Loading whole
/// `ApplicationRecord`s read and checked every listed person's declaration (`basics`) and work
/// report, which none of these pages shows; at 3,000 applications that was most of their time.
///
/// Identifiers in double quotes read the same on SQLite and PostgreSQL; every value is a bind.
/// Ties in a list's order fall to the submission order and then the id, so a list reads the
/// same on both stores and from one request to the next. A stored state or level that does not
/// decode fails loudly, as a model load would.
enum CommitteeListQuery {
    static func sql(_ db: any Database) throws -> any SQLDatabase {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "the committee lists need an SQL database") }
        return sql
    }

    static func states(_ states: [ApplicationState]) -> [any Encodable & Sendable] {
        states.map { $0.rawValue as any Encodable & Sendable }
    }

    static func state(_ row: any SQLRow) throws -> ApplicationState {
        try StoredValue.decode("applications.state", try row.decode(column: "state", as: String.self), ApplicationState.init(rawValue:))
    }

    /// The stored level code, checked (the pages label it with `CommitteeUI.levelLabel`).
    static func level(_ row: any SQLRow) throws -> String {
        let raw = try row.decode(column: "target_level", as: String.self)
        _ = try StoredValue.decode("applications.target_level", raw, TargetLevel.init(jsonName:))
        return raw
    }

    /// ` LIMIT n OFFSET m` for one page of a list, nothing for the whole list (SQLite and
    /// PostgreSQL both read it; the numbers are the pager's own, never typed by a user).
    static func window(_ page: Window?) -> SQLQueryString {
        guard let page else { return "" }
        return " LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)"
    }

    /// One page of a list: at most `limit` rows after the first `offset`.
    struct Window: Sendable, Equatable {
        var limit: Int
        var offset: Int
    }

    /// How many of a year's applications are in these states (for a list's pager; the count
    /// reads the (year, state, level) index alone).
    static func count(year: Int, states: [ApplicationState], on db: any Database) async throws -> Int {
        let row = try await sql(db).raw("""
            SELECT COUNT(*) AS "n" FROM "applications" a \
            WHERE a."year" = \(bind: year) AND a."state" IN (\(binds: Self.states(states)))
            """).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }
}

extension ApplicationRecord {
    /// One person at the committee stage with the quantitative points recorded so far.
    struct QuantitativeRow: Sendable {
        var id: UUID
        var name: String
        var targetLevel: String
        var specialty: String
        /// The sum of the recorded points; nil while none is recorded.
        var total: Tenths?
    }

    /// 量化赋分's list: the year's applications at the committee stage by level and specialty, each
    /// with the sum of its points (one statement; the sum reads the points' (application, kind) index;
    /// cast because PostgreSQL sums a bigint column as numeric).
    /// `page`: one page of the list (`LIMIT`/`OFFSET` in the statement); nil for all of it. The
    /// page is chosen first and only its rows are summed: SQLite computes a select list for every
    /// row before it sorts and cuts, which at 100,000 applications was ~14,000 sums for 50 rows.
    static func quantitativeRows(year: Int, page: CommitteeListQuery.Window? = nil, on db: any Database) async throws -> [QuantitativeRow] {
        let rows = try await CommitteeListQuery.sql(db).raw("""
            SELECT p."id", p."name", p."target_level", p."specialty", \
            CAST((SELECT SUM(q."points") FROM "quantitative_points" q WHERE q."application_id" = p."id") AS BIGINT) AS "total" \
            FROM (SELECT a."id", u."real_name" AS "name", a."target_level", a."specialty", a."submitted_at" \
            FROM "applications" a JOIN "user_accounts" u ON u."id" = a."applicant_id" \
            WHERE a."year" = \(bind: year) AND a."state" IN (\(binds: CommitteeListQuery.states(ApplicationState.committeeStates))) \
            ORDER BY a."target_level", a."specialty", a."submitted_at", a."id"\(CommitteeListQuery.window(page))) p \
            ORDER BY p."target_level", p."specialty", p."submitted_at", p."id"
            """).all()
        return try rows.map { row in
            QuantitativeRow(id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                            targetLevel: try CommitteeListQuery.level(row), specialty: try row.decode(column: "specialty", as: String.self),
                            total: try row.decode(column: "total", as: Int?.self).map(Tenths.init))
        }
    }

    /// One person who passed, with the certificate once issued.
    struct PassedRow: Sendable {
        var id: UUID
        var name: String
        var unit: String
        var specialty: String
        var state: ApplicationState
        var certificate: (id: UUID, number: String, code: String)?
    }

    /// 评审通过人员 of a year (passed or certified), by specialty, each with its certificate (one
    /// statement; certificates are unique per application).
    /// `page`: one page of the list (`LIMIT`/`OFFSET` in the statement); nil for all of it.
    static func passedRows(year: Int, page: CommitteeListQuery.Window? = nil, on db: any Database) async throws -> [PassedRow] {
        let states = CommitteeListQuery.states([.passed, .certified])
        let rows = try await CommitteeListQuery.sql(db).raw("""
            SELECT a."id", u."real_name" AS "name", o."name" AS "unit_name", a."specialty", a."state", \
            c."id" AS "certificate_id", c."number" AS "certificate_number", c."code" AS "certificate_code" \
            FROM "applications" a JOIN "user_accounts" u ON u."id" = a."applicant_id" \
            JOIN "organizations" o ON o."id" = a."unit_id" \
            LEFT JOIN "certificates" c ON c."application_id" = a."id" \
            WHERE a."year" = \(bind: year) AND a."state" IN (\(binds: states)) \
            ORDER BY a."specialty", a."submitted_at", a."id"\(CommitteeListQuery.window(page))
            """).all()
        return try rows.map { row in
            var certificate: (id: UUID, number: String, code: String)?
            if let id = try row.decode(column: "certificate_id", as: UUID?.self) {
                certificate = (id: id, number: try row.decode(column: "certificate_number", as: String.self),
                               code: try row.decode(column: "certificate_code", as: String.self))
            }
            return PassedRow(id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                             unit: try row.decode(column: "unit_name", as: String.self),
                             specialty: try row.decode(column: "specialty", as: String.self), state: try CommitteeListQuery.state(row),
                             certificate: certificate)
        }
    }

    /// One person on a public result list.
    struct PublicRow: Sendable {
        var id: UUID
        var name: String
        var unit: String
        var targetLevel: String
        var specialty: String
    }

    /// Of these applications, the ones still holding their result (passed or certified, no
    /// revoked certificate: `ResultRules.withdrawn` as a filter), by specialty (one statement).
    static func holdingResultRows(_ ids: [UUID], on db: any Database) async throws -> [PublicRow] {
        guard !ids.isEmpty else { return [] }
        let states = CommitteeListQuery.states([.passed, .certified])
        let rows = try await CommitteeListQuery.sql(db).raw("""
            SELECT a."id", u."real_name" AS "name", o."name" AS "unit_name", a."target_level", a."specialty" \
            FROM "applications" a JOIN "user_accounts" u ON u."id" = a."applicant_id" \
            JOIN "organizations" o ON o."id" = a."unit_id" \
            WHERE a."id" IN (\(binds: ids)) AND a."state" IN (\(binds: states)) \
            AND NOT EXISTS (SELECT 1 FROM "certificates" c WHERE c."application_id" = a."id" AND c."revoked_on" IS NOT NULL) \
            ORDER BY a."specialty", a."submitted_at", a."id"
            """).all()
        return try rows.map { row in
            PublicRow(id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                      unit: try row.decode(column: "unit_name", as: String.self), targetLevel: try CommitteeListQuery.level(row),
                      specialty: try row.decode(column: "specialty", as: String.self))
        }
    }

    /// An accepted engineer with what the copy-ratio rule (七.1) reads.
    struct WaitingRow: Sendable {
        var id: UUID
        var name: String
        var specialty: String
        var unit: String
        var admission: DefenseAdmission
    }

    /// The year's accepted engineers that the copy-ratio rule admits to the defense, by specialty:
    /// `PanelsController.waiting(_:year:copyRule:)` for a list (one statement: the latest check's
    /// ratio and the office's review joined in, never the check's matched passages).
    static func waitingRows(year: Int, rule: CopyRatioRule, on db: any Database) async throws -> [WaitingRow] {
        let rows = try await CommitteeListQuery.sql(db).raw("""
            SELECT a."id", u."real_name" AS "name", a."specialty", o."name" AS "unit_name", \
            r."id" AS "result_id", r."ratio", r."error", \
            v."id" AS "review_id", v."external_ratio", v."decision", v."reason", v."decided_on" \
            FROM "applications" a JOIN "user_accounts" u ON u."id" = a."applicant_id" \
            JOIN "organizations" o ON o."id" = a."unit_id" \
            LEFT JOIN "similarity_results" r ON r."id" = (SELECT r2."id" FROM "similarity_results" r2 \
                WHERE r2."application_id" = a."id" ORDER BY r2."checked_at" DESC LIMIT 1) \
            LEFT JOIN "similarity_reviews" v ON v."application_id" = a."id" \
            WHERE a."state" = \(bind: ApplicationState.accepted.rawValue) \
            AND a."target_level" = \(bind: TargetLevel.engineer.jsonName) AND a."year" = \(bind: year) \
            ORDER BY a."specialty", a."submitted_at", a."id"
            """).all()
        return try rows.compactMap { row in
            var own: DefenseAdmission.OwnCheck?
            if try row.decode(column: "result_id", as: UUID?.self) != nil {
                own = SimilarityRecords.ownCheck(ratio: try row.decode(column: "ratio", as: Double.self),
                                                 error: try row.decode(column: "error", as: String?.self))
            }
            var review: SimilarityRecords.ReviewFacts?
            if try row.decode(column: "review_id", as: UUID?.self) != nil {
                review = try SimilarityRecords.ReviewFacts(
                    externalRatio: try row.decode(column: "external_ratio", as: Double?.self),
                    decision: try row.decode(column: "decision", as: String?.self),
                    reason: try row.decode(column: "reason", as: String.self),
                    decidedOn: try row.decode(column: "decided_on", as: String?.self))
            }
            let admission = SimilarityRecords.admission(rule, own: own, review: review)
            guard admission.admitsDefense else { return nil }
            return WaitingRow(id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                              specialty: try row.decode(column: "specialty", as: String.self),
                              unit: try row.decode(column: "unit_name", as: String.self), admission: admission)
        }
    }
}

extension ResultCase {
    /// One objection, 复查 or 投诉 with the applicant's name.
    struct Row: Sendable {
        var id: UUID
        var applicant: String
        /// The kind's label (公示异议, 复查, 投诉), as every list shows it.
        var kind: String
        var received: String
        var content: String
        /// The handling and its day, once resolved.
        var resolution: String?
        var resolvedOn: String?
    }

    /// The cases about a year's applications, in the order received (one statement). The unary
    /// plus keeps SQLite from walking the year's applications through an index on the year (all
    /// 100,000 of them, ~1 s) to find a few hundred cases: it reads the cases and looks each
    /// application up by its key. PostgreSQL reads `+year` as the year.
    static func rows(year: Int, on db: any Database) async throws -> [Row] {
        let rows = try await CommitteeListQuery.sql(db).raw("""
            SELECT c."id", u."real_name" AS "name", c."kind", c."received", c."content", c."resolution", c."resolved_on" \
            FROM "result_cases" c JOIN "applications" a ON a."id" = c."application_id" \
            JOIN "user_accounts" u ON u."id" = a."applicant_id" \
            WHERE +a."year" = \(bind: year) ORDER BY c."received", c."id"
            """).all()
        return try rows.map { row in
            Row(id: try row.decode(column: "id", as: UUID.self), applicant: try row.decode(column: "name", as: String.self),
                kind: ResultCase.kindLabel(try row.decode(column: "kind", as: String.self)), received: try row.decode(column: "received", as: String.self),
                content: try row.decode(column: "content", as: String.self),
                resolution: try row.decode(column: "resolution", as: String?.self),
                resolvedOn: try row.decode(column: "resolved_on", as: String?.self))
        }
    }
}

extension DefensePanel {
    /// A panel of the list with how many defend before it.
    struct ListRow: Sendable {
        var id: UUID
        var specialty: String
        var room: String
        var defending: Int
        var isClosed: Bool
    }

    /// The year's panels in the order drawn, each with its number of defense slots (one statement).
    static func listRows(year: Int, on db: any Database) async throws -> [ListRow] {
        let rows = try await CommitteeListQuery.sql(db).raw("""
            SELECT p."id", p."specialty", p."room", p."state", p."created_at", COUNT(s."id") AS "defending" \
            FROM "defense_panels" p LEFT JOIN "defense_slots" s ON s."panel_id" = p."id" \
            WHERE p."year" = \(bind: year) \
            GROUP BY p."id", p."specialty", p."room", p."state", p."created_at" ORDER BY p."created_at", p."id"
            """).all()
        return try rows.map { row in
            ListRow(id: try row.decode(column: "id", as: UUID.self), specialty: try row.decode(column: "specialty", as: String.self),
                    room: try row.decode(column: "room", as: String.self), defending: try row.decode(column: "defending", as: Int.self),
                    isClosed: DefensePanel.isClosed(state: try row.decode(column: "state", as: String.self)))
        }
    }
}
