import Domain
import Fluent
import Vapor

/// 量化赋分 and the rankings: the office enters or adjusts each item's points (an
/// adjustment needs a reason), capped by the year's table; review scores by the scoring
/// contract (engineers: defense 30% + quantitative 70%; junior levels: quantitative).
/// Pages: `QuantitativeListPage`, `QuantitativeScoresPage`, `QuantitativeTablePage`, `RankingsPage`.
struct QuantitativeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.committee(.quantitative), use: list).requires(.manageCommittee).cachesPage()
        routes.get(.committee(.quantitativeTable), use: tableForm).requires(.manageCommittee).cachesPage()
        routes.post(.committee(.quantitativeTable), use: saveTable).requires(.manageCommittee)
        routes.get(.committee(.quantitativeScores(.pattern)), use: form).requires(.manageCommittee).cachesPage()
        routes.post(.committee(.quantitativeScores(.pattern)), use: save).requires(.manageCommittee)
        routes.get(.committee(.rankings), use: rankings).requires(.manageCommittee).cachesPage()
        routes.get(.committee(.rankingsCSV), use: csv).requires(.manageCommittee)
    }

    /// A year's table: as the office fixed it, else that year's bundle's documented default.
    static func table(_ req: Request, year: Int) async throws -> QuantitativeTable {
        try await QuantitativeTableSetting.table(year: year, policy: req.policies(year: year).current, on: req.db)
    }

    /// An application is scored by its own year's table and status date (issue 19): a 2022
    /// applicant keeps the 2022 table after 2023 has opened.
    static func prefill(_ req: Request, _ a: ApplicationRecord, table: QuantitativeTable) async throws -> [QuantitativeKind: QuantitativePrefill.Line] {
        try await a.quantitativePrefill(table: table, applicationDate: req.policies(for: a).current.applicationDate, on: req.db)
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await QuantitativeListPage.load(req).render().response()
    }

    private func application(_ req: Request) async throws -> ApplicationRecord {
        guard let id = req.parameters.get("appID", as: UUID.self),
              let a = try await ApplicationRecord.query(on: req.db).filter(\.$id == id).with(\.$applicant).with(\.$unit).first(),
              a.stateValue.isCommitteeStage else { throw PageError.notFound }
        return a
    }

    @Sendable func form(req: Request) async throws -> Response {
        try await render(req, try await application(req), errors: [:], typed: [:], status: .ok)
    }

    func render(_ req: Request, _ a: ApplicationRecord, errors: [String: String], typed: [String: String],
                status: HTTPResponseStatus) async throws -> Response {
        try await QuantitativeScoresPage.load(req, a, errors: errors, typed: typed).render().response(status: status)
    }

    @Sendable func save(req: Request) async throws -> Response {
        let a = try await application(req)
        let table = try await Self.table(req, year: a.year)
        let stored = try await QuantitativePoints.query(on: req.db).filter(\.$application.$id == a.id!).all()
        let prefill = try await Self.prefill(req, a, table: table)
        var typed: [String: String] = ["reason": CommitteeData.field(req, "reason")]
        var errors: [String: String] = [:]
        var values: [QuantitativeKind: Tenths] = [:]
        for item in table.items {
            let text = CommitteeData.field(req, "points_\(item.kind.rawValue)")
            typed[item.kind.rawValue] = text
            guard !text.isEmpty else { continue }
            switch ScoreInput.parse(text, field: item.kind.label, maximum: item.cap) {
            case .success(let t): values[item.kind] = t
            case .failure(let e): errors[item.kind.rawValue] = e.message
            }
        }
        // The baseline is what was recorded, else what the declaration gives: departing from it is an adjustment.
        let changed = table.items.contains { item in
            let recorded = stored.first { $0.kind == item.kind.rawValue }.map { Tenths($0.points) }
            let baseline = recorded ?? prefill[item.kind]?.points
            return values[item.kind] != baseline && !(recorded == nil && baseline == nil && values[item.kind] == nil)
        }
        if changed && typed["reason"]!.isEmpty { errors["reason"] = "与预填或已录入的分值不同，须填写调整理由" }
        guard errors.isEmpty else { return try await render(req, a, errors: errors, typed: typed, status: .unprocessableEntity) }
        let entered = values
        let adjustment = typed["reason"]!
        let lines = prefill
        try await req.transaction { db in
            for item in table.items {
                let existing = stored.first { $0.kind == item.kind.rawValue }
                if let v = entered[item.kind] {
                    // The recorded reason: the declaration's basis when the value is the pre-filled one, else the office's.
                    let reason: String
                    if let line = lines[item.kind], line.points == v, adjustment.isEmpty { reason = "依据申报材料：\(line.basis)" }
                    else { reason = adjustment.isEmpty ? "依据申报材料赋分" : "办公室调整：\(adjustment)" }
                    if let existing {
                        if existing.points != v.rawValue { existing.points = v.rawValue; existing.reason = reason; try await existing.update(on: db) }
                    } else {
                        try await QuantitativePoints(applicationID: a.id!, kind: item.kind.rawValue, points: v.rawValue, reason: reason).create(on: db)
                    }
                } else if let existing { try await existing.delete(on: db) }
            }
            if changed { try await CommitteeData.note(req, subject: a.id!, kind: "quantitative", text: "调整量化赋分：\(adjustment)", on: db) }
            try await AuditLog.append(req.auditEntry("quantitative.save", objectType: "application", objectID: a.id!.uuidString,
                                                     detail: "total \(table.total(entered))"), on: db)
        }
        return req.redirect(to: CommitteeYear.path(req, .committee(.quantitative), year: a.year, notice: "saved"))
    }

    // MARK: the year's table (九: fixed before scoring starts, never after)

    @Sendable func tableForm(req: Request) async throws -> Response {
        try await renderTable(req, errors: [:], typed: [:], status: .ok)
    }

    func renderTable(_ req: Request, errors: [String: String], typed: [String: String], status: HTTPResponseStatus) async throws -> Response {
        try await QuantitativeTablePage.load(req, errors: errors, typed: typed).render().response(status: status)
    }

    @Sendable func saveTable(req: Request) async throws -> Response {
        var typed: [String: String] = [:]
        var errors: [String: String] = [:]
        // The year shown on the page the form was sent from; a year not under review yet is refused.
        let year = YearPicker.make(req, url: .committee(.quantitativeTable)).selected
        if let refusal = try CommitteeYear.creationRefusal(req, year: year, what: "确定赋分表") {
            return try await renderTable(req, errors: ["table": refusal], typed: [:], status: .unprocessableEntity)
        }
        guard try await !QuantitativeTableSetting.scoringStarted(year: year, on: req.db) else {
            return try await renderTable(req, errors: ["table": "\(year)年度已开始评分，赋分表不能再更改（九）"], typed: [:], status: .unprocessableEntity)
        }
        var items: [QuantitativeTable.Item] = []
        for kind in QuantitativeKind.allCases {
            let p = CommitteeData.field(req, "points_\(kind.rawValue)"), c = CommitteeData.field(req, "cap_\(kind.rawValue)")
            typed["points_\(kind.rawValue)"] = p; typed["cap_\(kind.rawValue)"] = c
            let points = ScoreInput.parse(p, field: "\(kind.label)每项分值"), cap = ScoreInput.parse(c, field: "\(kind.label)最高分")
            switch (points, cap) {
            case (.success(let pv), .success(let cv)):
                items.append(.init(kind: kind, points: pv, cap: cv))
            default:
                if case .failure(let e) = points { errors["points_\(kind.rawValue)"] = e.message }
                if case .failure(let e) = cap { errors["cap_\(kind.rawValue)"] = e.message }
            }
        }
        let reason = CommitteeData.field(req, "reason")
        typed["reason"] = reason
        if reason.isEmpty { errors["reason"] = "请填写调整理由" }
        let table = QuantitativeTable(items: items)
        if errors.isEmpty, table.maximum != Tenths(1000) { errors["table"] = "各项最高分合计须为100分，现为\(table.maximum)分" }
        guard errors.isEmpty else { return try await renderTable(req, errors: errors, typed: typed, status: .unprocessableEntity) }
        let actor = req.currentUser?.realName ?? "-"
        let existing = try await QuantitativeTableSetting.query(on: req.db).filter(\.$year == year).first()
        try await req.transaction { db in
            if let existing {
                existing.set(table); existing.reason = String(reason.prefix(200)); existing.actorName = actor
                try await existing.update(on: db)
            } else {
                try await QuantitativeTableSetting(year: year, table: table, reason: String(reason.prefix(200)), actorName: actor).create(on: db)
            }
            try await AuditLog.append(req.auditEntry("quantitative.table", detail: "\(year): \(reason.prefix(100))"), on: db)
        }
        return req.redirect(to: CommitteeYear.path(req, .committee(.quantitativeTable), year: year, notice: "saved"))
    }

    @Sendable func rankings(req: Request) async throws -> Response {
        try await RankingsPage.load(req).render().response()
    }

    /// The rankings as CSV: the same table and the same writer as the committee's export.
    @Sendable func csv(req: Request) async throws -> Response {
        let rows = try await RankingsPage.rows(req, year: YearPicker.make(req, url: .committee(.rankings)).selected)
        try await req.audit(req.auditEntry("rankings.export", detail: "\(rows.count) rows"))
        return try ExportFormat.csv.response(RankingsPage.exportTable(rows, title: "评审成绩排名"), asciiName: "rankings", chineseName: "评审成绩排名")
    }
}
