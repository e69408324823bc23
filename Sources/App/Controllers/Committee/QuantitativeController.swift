import Domain
import Fluent
import Plot
import Vapor

/// 量化赋分 and the rankings: the office enters or adjusts each item's points (an
/// adjustment needs a reason), capped by the year's table; review scores by the scoring
/// contract (engineers: defense 30% + quantitative 70%; junior levels: quantitative).
struct QuantitativeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.committee(.quantitative), use: list).requires(.manageCommittee)
        routes.get(.committee(.quantitativeTable), use: tableForm).requires(.manageCommittee)
        routes.post(.committee(.quantitativeTable), use: saveTable).requires(.manageCommittee)
        routes.get(.committee(.quantitativeScores(.pattern)), use: form).requires(.manageCommittee)
        routes.post(.committee(.quantitativeScores(.pattern)), use: save).requires(.manageCommittee)
        routes.get(.committee(.rankings), use: rankings).requires(.manageCommittee)
        routes.get(.committee(.rankingsCSV), use: csv).requires(.manageCommittee)
    }

    /// The year's table: as the office fixed it, else the bundle's documented default.
    static func table(_ req: Request) async throws -> QuantitativeTable {
        let year = req.policies.current.applicationDate.year
        if let fixed = try await QuantitativeTableSetting.query(on: req.db).filter(\.$year == year).first()?.table { return fixed }
        return try QuantitativeTable(policy: req.policies.current)
    }

    /// Scoring has started once any defense score or quantitative point of the year is
    /// recorded; from then on the table is fixed (九).
    static func scoringStarted(_ req: Request) async throws -> Bool {
        let year = req.policies.current.applicationDate.year
        let panels = try await DefensePanel.query(on: req.db).filter(\.$year == year).all().compactMap(\.id)
        if !panels.isEmpty, try await DefenseScoreRecord.query(on: req.db).filter(\.$panel.$id ~~ panels).count() > 0 { return true }
        let apps = try await ApplicationRecord.query(on: req.db).filter(\.$year == year).all().compactMap(\.id)
        guard !apps.isEmpty else { return false }
        return try await QuantitativePoints.query(on: req.db).filter(\.$application.$id ~~ apps).count() > 0
    }

    /// What the declaration already says, counted by `QuantitativePrefill`.
    static func prefill(_ req: Request, _ a: ApplicationRecord, table: QuantitativeTable) async throws -> [QuantitativeKind: QuantitativePrefill.Line] {
        let items = try await ApplicationItem.query(on: req.db).filter(\.$application.$id == a.id!).sort(\.$position).all()
            .compactMap { i in i.sectionValue.map { ($0, i.values) } }
        let lines = QuantitativePrefill.lines(items: items, table: table, applicationDate: req.policies.current.applicationDate)
        return Dictionary(lines.map { ($0.kind, $0) }, uniquingKeysWith: { a, _ in a })
    }

    static func applications(_ req: Request) async throws -> [ApplicationRecord] {
        try await ApplicationRecord.query(on: req.db).filter(\.$year == req.policies.current.applicationDate.year)
            .filter(\.$state ~~ ApplicationState.committeeStates.map(\.rawValue)).with(\.$applicant).with(\.$unit)
            .sort(\.$targetLevel).sort(\.$specialty).all()
    }

    @Sendable func list(req: Request) async throws -> Response {
        let apps = try await Self.applications(req)
        let totals = try await CommitteeData.quantitative(for: apps.map { $0.id! }, on: req.db)
        let table = try await Self.table(req)
        return CommitteeUI.page(PageChrome(req: req, title: "量化赋分"), [
            CommitteeUI.officeMenu(),
            .p(.text("赋分表（通知未规定分值，评委会办公室在评分开始前确定，开始评分后不得更改）：" + table.items.map(\.rule).joined(separator: "；") + "。合计最高\(table.maximum)分。"),
               .a(.href(SiteURL.committee(.quantitativeTable).path), .text("查看或调整本年度赋分表"))),
            CommitteeUI.table(["申报人", "级别", "专业", "量化赋分", ""], apps.map { a in
                [.text(a.applicant.realName), .text(CommitteeUI.levelLabel(a.targetLevel)), .text(a.specialty),
                 .text(totals[a.id!].map { "\($0)" } ?? "未赋分"), .a(.href(SiteURL.committee(.quantitativeScores(.value(a.id!))).path), .text("赋分"))]
            }, id: "quantitative-list"),
        ]).response()
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
        let csrf = try await req.csrfToken()
        let table = try await Self.table(req)
        let stored = try await QuantitativePoints.query(on: req.db).filter(\.$application.$id == a.id!).all()
        let prefill = try await Self.prefill(req, a, table: table)
        let fields: [CommitteeUI.Body] = table.items.map { item in
            let current = stored.first { $0.kind == item.kind.rawValue }
            let suggested = prefill[item.kind]
            return .textField("points_\(item.kind.rawValue)", label: item.rule,
                              value: typed[item.kind.rawValue] ?? current.map { Tenths($0.points).description } ?? suggested?.points.description,
                              error: errors[item.kind.rawValue],
                              hint: suggested.map { "依据申报材料预填：\($0.basis)，\($0.points)分" }, maxLength: 6)
        }
        return CommitteeUI.page(PageChrome(req: req, title: "量化赋分：\(a.applicant.realName)"), [
            CommitteeUI.officeMenu(),
            CommitteeUI.errors(errors.isEmpty ? [] : ["请修改标出的分值"] + (errors["reason"].map { [$0] } ?? [])),
            .p(.text("\(CommitteeUI.levelLabel(a.targetLevel))，\(a.specialty)，\(a.unit.name)。申报材料中已有的事实（学历、专业工作年限、考核、论文论著、业绩成果及级别、奖励、职业资格、学术团体任职、艰苦岗位）已按赋分表预填；与预填或已录入的分值不同的，须说明调整理由。")),
            CommitteeUI.form(SiteURL.committee(.quantitativeScores(.value(a.id!))).path, csrf: csrf, id: "quantitative-form",
                             fields + [.textField("reason", label: "调整理由（与预填或已录入的分值不同时必填）", value: typed["reason"], maxLength: 200)],
                             submit: "保存"),
            CommitteeUI.table(["项目", "分值", "理由"], stored.map { [.text(QuantitativeKind(rawValue: $0.kind)?.label ?? $0.kind),
                                                                     .text(Tenths($0.points).description), .text($0.reason)] }),
        ]).response(status: status)
    }

    @Sendable func save(req: Request) async throws -> Response {
        let a = try await application(req)
        let table = try await Self.table(req)
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
        return req.redirect(to: SiteURL.committee(.quantitative).path(query: ["notice": "saved"]))
    }

    // MARK: the year's table (九: fixed before scoring starts, never after)

    @Sendable func tableForm(req: Request) async throws -> Response {
        try await renderTable(req, errors: [:], typed: [:], status: .ok)
    }

    func renderTable(_ req: Request, errors: [String: String], typed: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let csrf = try await req.csrfToken()
        let table = try await Self.table(req)
        let started = try await Self.scoringStarted(req)
        let year = req.policies.current.applicationDate.year
        let setting = try await QuantitativeTableSetting.query(on: req.db).filter(\.$year == year).first()
        var fields: [CommitteeUI.Body] = []
        for item in table.items {
            let k = item.kind.rawValue
            fields.append(.textField("points_\(k)", label: "\(item.kind.label)：每项分值", value: typed["points_\(k)"] ?? item.points.description,
                                     error: errors["points_\(k)"], required: true, maxLength: 5))
            fields.append(.textField("cap_\(k)", label: "\(item.kind.label)：最高分", value: typed["cap_\(k)"] ?? item.cap.description,
                                     error: errors["cap_\(k)"], required: true, maxLength: 5))
        }
        fields.append(.textField("reason", label: "调整理由", value: typed["reason"], error: errors["reason"], required: true, maxLength: 200))
        return CommitteeUI.page(PageChrome(req: req, title: "\(year)年度量化赋分表"), [
            CommitteeUI.officeMenu(),
            CommitteeUI.errors(errors.isEmpty ? [] : [errors["table"] ?? "请修改标出的分值"]),
            .p(.text(setting.map { "本年度赋分表由\($0.actorName)确定，理由：\($0.reason)。" } ?? "本年度使用年度政策参数中的默认表（通知未规定分值）。")),
            CommitteeUI.table(["项目", "每项分值", "最高分"], table.items.map { [.text($0.kind.label), .text($0.points.description), .text($0.cap.description)] },
                              id: "quantitative-table"),
            .p(.text("合计最高\(table.maximum)分。")),
            started
                ? .p(.class("notice"), .text("本年度已开始评分（已有答辩评分或量化赋分），赋分表已固定，不能再更改（九）。"))
                : CommitteeUI.section("调整赋分表（评分开始前）", id: "table-form", [
                    CommitteeUI.form(SiteURL.committee(.quantitativeTable).path, csrf: csrf, id: "table-form-fields", fields, submit: "保存赋分表"),
                ]),
        ]).response(status: status)
    }

    @Sendable func saveTable(req: Request) async throws -> Response {
        var typed: [String: String] = [:]
        var errors: [String: String] = [:]
        guard try await !Self.scoringStarted(req) else {
            return try await renderTable(req, errors: ["table": "本年度已开始评分，赋分表不能再更改（九）"], typed: [:], status: .unprocessableEntity)
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
        let year = req.policies.current.applicationDate.year
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
        return req.redirect(to: SiteURL.committee(.quantitativeTable).path(query: ["notice": "saved"]))
    }

    @Sendable func rankings(req: Request) async throws -> Response {
        let rows = try await RankingsBuilder(req: req).rows()
        return CommitteeUI.page(PageChrome(req: req, title: "评审成绩排名"), [
            CommitteeUI.officeMenu(),
            .p(.text("按评委会和级别分组，组内按评审成绩从高到低排名（成绩相同名次相同）。工程师：评审成绩 = 答辩成绩×30% + 量化赋分×70%（年度政策参数）；助理工程师、技术员不答辩，评审成绩即量化赋分。评审组结束评分后列入；尚无评审成绩的列在组末，不排名。"),
               .a(.href(SiteURL.committee(.rankingsCSV).path), .text("导出 CSV"))),
            CommitteeUI.table(["评委会与级别", "名次", "姓名", "工作单位", "答辩成绩", "等次", "量化赋分", "评审成绩"], rows.map { r in
                [.text(r.group), .text(r.rankText), .text(r.name), .text(r.unit), .text(r.defense), .text(r.grade),
                 .text(r.quantitative), .text(r.review)]
            }, id: "rankings"),
        ]).response()
    }

    @Sendable func csv(req: Request) async throws -> Response {
        let rows = try await RankingsBuilder(req: req).rows()
        func cell(_ s: String) -> String {
            // Quote every cell; a leading formula character is neutralized for spreadsheets.
            let safe = s.first.map { "=+-@".contains($0) } == true ? "'" + s : s
            return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var text = "\u{FEFF}" + ["评委会与级别", "名次", "姓名", "工作单位", "级别", "答辩成绩", "等次", "量化赋分", "评审成绩"].map(cell).joined(separator: ",") + "\r\n"
        for r in rows {
            text += [r.group, r.rankText, r.name, r.unit, r.level, r.defense, r.grade, r.quantitative, r.review].map(cell)
                .joined(separator: ",") + "\r\n"
        }
        try await req.audit(req.auditEntry("rankings.export", detail: "\(rows.count) rows"))
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.add(name: .contentDisposition, value: "attachment; filename=\"rankings.csv\"")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}
