import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// 量化赋分：申报人 (the committee office): one applicant's points per item of the year's
/// table, pre-filled from the declaration; a value that departs from the pre-filled or the
/// recorded one needs a reason.
struct QuantitativeScoresPage {
    struct Field: Sendable {
        var kind: String
        var rule: String
        var value: String?
        var error: String?
        var hint: String?
    }

    struct Recorded: Sendable {
        var item: String
        var points: String
        var reason: String
    }

    var chrome: PageChrome
    var csrf: String
    var applicationID: UUID
    var summary: String
    var errors: [String: String]
    var reason: String?
    var fields: [Field]
    var recorded: [Recorded]

    static func load(_ req: Request, _ a: ApplicationRecord, errors: [String: String] = [:],
                     typed: [String: String] = [:]) async throws -> QuantitativeScoresPage {
        // The application's own year's table and status date (issue 19).
        let table = try await QuantitativeController.table(req, year: a.year)
        let stored = try await QuantitativePoints.query(on: req.db).filter(\.$application.$id == a.id!).all()
        let prefill = try await QuantitativeController.prefill(req, a, table: table)
        return QuantitativeScoresPage(
            chrome: PageChrome(req: req, title: "量化赋分：\(a.applicant.realName)"), csrf: try await req.csrfToken(),
            applicationID: a.id!,
            summary: "\(CommitteeUI.levelLabel(a.targetLevel))，\(a.specialty)，\(a.unit.name)。",
            errors: errors, reason: typed["reason"],
            fields: table.items.map { item in
                let current = stored.first { $0.kind == item.kind.rawValue }
                let suggested = prefill[item.kind]
                return Field(kind: item.kind.rawValue, rule: item.rule,
                             value: typed[item.kind.rawValue] ?? current.map { Tenths($0.points).description } ?? suggested?.points.description,
                             error: errors[item.kind.rawValue],
                             hint: suggested.map { "依据申报材料预填：\($0.basis)，\($0.points)分" })
            },
            recorded: stored.map { Recorded(item: QuantitativeKind(rawValue: $0.kind)?.label ?? $0.kind,
                                            points: Tenths($0.points).description, reason: $0.reason) })
    }

    func render() -> HTML {
        let inputs: [CommitteeUI.Body] = fields.map { f in
            .textField("points_\(f.kind)", label: f.rule, value: f.value, error: f.error, hint: f.hint, maxLength: 6)
        }
        return CommitteeUI.page(chrome, [
            CommitteeUI.officeMenu(),
            CommitteeUI.errors(errors.isEmpty ? [] : ["请修改标出的分值"] + (errors["reason"].map { [$0] } ?? [])),
            .p(.text(summary + "申报材料中已有的事实（学历、专业工作年限、考核、论文论著、业绩成果及级别、奖励、职业资格、学术团体任职、艰苦岗位）已按赋分表预填；与预填或已录入的分值不同的，须说明调整理由。")),
            CommitteeUI.form(SiteURL.committee(.quantitativeScores(.value(applicationID))).path, csrf: csrf, id: "quantitative-form",
                             inputs + [.textField("reason", label: "调整理由（与预填或已录入的分值不同时必填）", value: reason, maxLength: 200)],
                             submit: "保存"),
            CommitteeUI.table(["项目", "分值", "理由"], recorded.map { [.text($0.item), .text($0.points), .text($0.reason)] }),
        ])
    }
}
