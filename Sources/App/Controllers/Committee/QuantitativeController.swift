import Domain
import Fluent
import Plot
import Vapor

/// 量化赋分 and the rankings: the office enters or adjusts each item's points (an
/// adjustment needs a reason), capped by the year's table; review scores by the scoring
/// contract (engineers: defense 30% + quantitative 70%; junior levels: quantitative).
struct QuantitativeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let q = routes.grouped("committee")
        q.get("quantitative", use: list).requires(.manageCommittee)
        q.get("quantitative", ":appID", use: form).requires(.manageCommittee)
        q.post("quantitative", ":appID", use: save).requires(.manageCommittee)
        q.get("rankings", use: rankings).requires(.manageCommittee)
        q.get("rankings.csv", use: csv).requires(.manageCommittee)
    }

    static func table(_ req: Request) throws -> QuantitativeTable { try QuantitativeTable(policy: req.policies.current) }

    static func applications(_ req: Request) async throws -> [ApplicationRecord] {
        try await ApplicationRecord.query(on: req.db).filter(\.$year == req.policies.current.applicationDate.year)
            .filter(\.$state ~~ ApplicationState.committeeStates.map(\.rawValue)).with(\.$applicant).with(\.$unit)
            .sort(\.$targetLevel).sort(\.$specialty).all()
    }

    @Sendable func list(req: Request) async throws -> Response {
        let apps = try await Self.applications(req)
        let totals = try await CommitteeData.quantitative(for: apps.map { $0.id! }, on: req.db)
        let table = try Self.table(req)
        return CommitteeUI.page(PageChrome(req: req, title: "量化赋分"), [
            CommitteeUI.officeMenu(),
            .p(.text("赋分表（通知未规定分值，以下为年度政策参数中的默认表，评分开始前确定）：" + table.items.map(\.rule).joined(separator: "；") + "。合计最高\(table.maximum)分。")),
            CommitteeUI.table(["申报人", "级别", "专业", "量化赋分", ""], apps.map { a in
                [.text(a.applicant.realName), .text(CommitteeUI.levelLabel(a.targetLevel)), .text(a.specialty),
                 .text(totals[a.id!].map { "\($0)" } ?? "未赋分"), .a(.href("/committee/quantitative/\(a.id!)"), .text("赋分"))]
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
        let table = try Self.table(req)
        let stored = try await QuantitativePoints.query(on: req.db).filter(\.$application.$id == a.id!).all()
        let fields: [CommitteeUI.Body] = table.items.map { item in
            let current = stored.first { $0.kind == item.kind.rawValue }
            return .textField("points_\(item.kind.rawValue)", label: item.rule,
                              value: typed[item.kind.rawValue] ?? current.map { Tenths($0.points).description },
                              error: errors[item.kind.rawValue], maxLength: 6)
        }
        return CommitteeUI.page(PageChrome(req: req, title: "量化赋分：\(a.applicant.realName)"), [
            CommitteeUI.officeMenu(),
            CommitteeUI.errors(errors.isEmpty ? [] : ["请修改标出的分值"] + (errors["reason"].map { [$0] } ?? [])),
            .p(.text("\(CommitteeUI.levelLabel(a.targetLevel))，\(a.specialty)，\(a.unit.name)。修改已录入的分值须说明理由。")),
            CommitteeUI.form("/committee/quantitative/\(a.id!)", csrf: csrf, id: "quantitative-form",
                             fields + [.textField("reason", label: "调整理由（修改已有分值时必填）", value: typed["reason"], maxLength: 200)],
                             submit: "保存"),
            CommitteeUI.table(["项目", "分值", "理由"], stored.map { [.text(QuantitativeKind(rawValue: $0.kind)?.label ?? $0.kind),
                                                                     .text(Tenths($0.points).description), .text($0.reason)] }),
        ]).response(status: status)
    }

    @Sendable func save(req: Request) async throws -> Response {
        let a = try await application(req)
        let table = try Self.table(req)
        let stored = try await QuantitativePoints.query(on: req.db).filter(\.$application.$id == a.id!).all()
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
        let changed = stored.contains { p in QuantitativeKind(rawValue: p.kind).map { values[$0] != Tenths(p.points) } ?? false }
        if changed && typed["reason"]!.isEmpty { errors["reason"] = "修改已录入的分值须填写调整理由" }
        guard errors.isEmpty else { return try await render(req, a, errors: errors, typed: typed, status: .unprocessableEntity) }
        let entered = values
        let reason = typed["reason"]!.isEmpty ? "依据申报材料赋分" : typed["reason"]!
        try await req.db.transaction { db in
            for item in table.items {
                let existing = stored.first { $0.kind == item.kind.rawValue }
                if let v = entered[item.kind] {
                    if let existing {
                        if existing.points != v.rawValue { existing.points = v.rawValue; existing.reason = reason; try await existing.update(on: db) }
                    } else {
                        try await QuantitativePoints(applicationID: a.id!, kind: item.kind.rawValue, points: v.rawValue, reason: reason).create(on: db)
                    }
                } else if let existing { try await existing.delete(on: db) }
            }
            if changed { try await CommitteeData.note(req, subject: a.id!, kind: "quantitative", text: "调整量化赋分：\(reason)", on: db) }
            try await AuditLog.append(req.auditEntry("quantitative.save", objectType: "application", objectID: a.id!.uuidString,
                                                     detail: "total \(table.total(entered))"), on: db)
        }
        return req.redirect(to: "/committee/quantitative?notice=saved")
    }

    struct RankRow { var group: String; var rank: Int; var name: String; var unit: String; var level: String
        var defense: String; var grade: String; var quantitative: String; var review: String }

    /// Per specialty group: engineers graded by their panel, juniors by quantitative score.
    static func rows(_ req: Request) async throws -> [RankRow] {
        let rules = try CommitteeData.rules(req)
        var out: [RankRow] = []
        let panels = try await DefensePanel.query(on: req.db).filter(\.$year == req.policies.current.applicationDate.year)
            .sort(\.$specialty).all()
        for p in panels {
            let snap = try await PanelSnapshot.load(p, on: req.db)
            guard p.isClosed else { continue }
            let graded = snap.graded(rules: rules)
            for g in graded.applicants {
                guard let slot = snap.slots.first(where: { $0.$application.id.uuidString == g.applicant }) else { continue }
                out.append(RankRow(group: "\(p.specialty)（工程师）", rank: g.rank, name: slot.application.applicant.realName,
                                   unit: slot.application.unit.name, level: "工程师", defense: g.defenseScore.description,
                                   grade: g.grade.label, quantitative: g.quantitative?.description ?? "",
                                   review: g.reviewScore?.description ?? ""))
            }
        }
        let juniors = try await applications(req).filter { $0.level != .engineer }
        let q = try await CommitteeData.quantitative(for: juniors.map { $0.id! }, on: req.db)
        for (group, apps) in Dictionary(grouping: juniors, by: { "\($0.specialty)（\(CommitteeUI.levelLabel($0.targetLevel))）" }).sorted(by: { $0.key < $1.key }) {
            let scored = apps.compactMap { a in q[a.id!].map { (a, DefenseWeights.juniorReviewScore(quantitative: $0)) } }
                .sorted { $0.1 > $1.1 }
            let ranks = DefenseGrading.ranks(scored.map(\.1))
            for (i, (a, s)) in scored.enumerated() {
                out.append(RankRow(group: group, rank: ranks[i], name: a.applicant.realName, unit: a.unit.name,
                                   level: CommitteeUI.levelLabel(a.targetLevel), defense: "", grade: "",
                                   quantitative: q[a.id!]!.description, review: s.description))
            }
        }
        return out
    }

    @Sendable func rankings(req: Request) async throws -> Response {
        let rows = try await Self.rows(req)
        return CommitteeUI.page(PageChrome(req: req, title: "评审成绩排名"), [
            CommitteeUI.officeMenu(),
            .p(.text("工程师：评审成绩 = 答辩成绩×30% + 量化赋分×70%（年度政策参数）；助理工程师、技术员不答辩，评审成绩即量化赋分。评审组结束评分后列入。"),
               .a(.href("/committee/rankings.csv"), .text("导出 CSV"))),
            CommitteeUI.table(["专业组", "名次", "姓名", "工作单位", "答辩成绩", "等次", "量化赋分", "评审成绩"], rows.map { r in
                [.text(r.group), .text("\(r.rank)"), .text(r.name), .text(r.unit), .text(r.defense), .text(r.grade),
                 .text(r.quantitative), .text(r.review)]
            }, id: "rankings"),
        ]).response()
    }

    @Sendable func csv(req: Request) async throws -> Response {
        let rows = try await Self.rows(req)
        func cell(_ s: String) -> String {
            // Quote every cell; a leading formula character is neutralized for spreadsheets.
            let safe = s.first.map { "=+-@".contains($0) } == true ? "'" + s : s
            return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var text = "\u{FEFF}" + ["专业组", "名次", "姓名", "工作单位", "级别", "答辩成绩", "等次", "量化赋分", "评审成绩"].map(cell).joined(separator: ",") + "\r\n"
        for r in rows {
            text += [r.group, String(r.rank), r.name, r.unit, r.level, r.defense, r.grade, r.quantitative, r.review].map(cell)
                .joined(separator: ",") + "\r\n"
        }
        try await AuditLog.append(req.auditEntry("rankings.export", detail: "\(rows.count) rows"), on: req.db)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.add(name: .contentDisposition, value: "attachment; filename=\"rankings.csv\"")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}
