import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// 年度量化赋分表 (the committee office): the year's table, who fixed it and why, and the
/// form that changes it while no score of the year is recorded (九).
struct QuantitativeTablePage {
    var chrome: PageChrome
    var csrf: String
    var table: QuantitativeTable
    var started: Bool
    /// Who fixed the year's table and why; nil while the bundle's default applies.
    var fixedBy: (actor: String, reason: String)?
    var errors: [String: String]
    var typed: [String: String]
    /// The review year shown (`?year=`, the year in use by default).
    var years: YearPicker

    static func load(_ req: Request, errors: [String: String] = [:], typed: [String: String] = [:]) async throws -> QuantitativeTablePage {
        let years = YearPicker.make(req, url: .committee(.quantitativeTable))
        let year = years.selected
        let setting = try await QuantitativeTableSetting.query(on: req.db).filter(\.$year == year).first()
        return QuantitativeTablePage(
            chrome: PageChrome(req: req, title: "\(year)年度量化赋分表"), csrf: try await req.csrfToken(),
            table: try await QuantitativeController.table(req, year: year), started: try await QuantitativeTableSetting.scoringStarted(year: year, on: req.db),
            fixedBy: setting.map { ($0.actorName, $0.reason) }, errors: errors, typed: typed, years: years)
    }

    func render() -> HTML {
        var fields: [CommitteeUI.Body] = []
        for item in table.items {
            let k = item.kind.rawValue
            fields.append(.textField("points_\(k)", label: "\(item.kind.label)：每项分值", value: typed["points_\(k)"] ?? item.points.description,
                                     error: errors["points_\(k)"], required: true, maxLength: 5))
            fields.append(.textField("cap_\(k)", label: "\(item.kind.label)：最高分", value: typed["cap_\(k)"] ?? item.cap.description,
                                     error: errors["cap_\(k)"], required: true, maxLength: 5))
        }
        fields.append(.textField("reason", label: "调整理由", value: typed["reason"], error: errors["reason"], required: true, maxLength: 200))
        return CommitteeUI.page(chrome, [
            CommitteeUI.officeMenu(), years.node,
            CommitteeUI.errors(errors.isEmpty ? [] : [errors["table"] ?? "请修改标出的分值"]),
            .p(.text(fixedBy.map { "\(years.selected)年度赋分表由\($0.actor)确定，理由：\($0.reason)。" } ?? "\(years.selected)年度使用年度政策参数中的默认表（通知未规定分值）。")),
            CommitteeUI.table(["项目", "每项分值", "最高分"], table.items.map { [.text($0.kind.label), .text($0.points.description), .text($0.cap.description)] },
                              id: "quantitative-table"),
            .p(.text("合计最高\(table.maximum)分。")),
            started
                ? .p(.class("notice"), .text("\(years.selected)年度已开始评分（已有答辩评分或量化赋分），赋分表已固定，不能再更改（九）。"))
                : CommitteeUI.section("调整赋分表（评分开始前）", id: "table-form", [
                    CommitteeUI.form(CommitteeUI.action(.committee(.quantitativeTable), years), csrf: csrf, id: "table-form-fields", fields, submit: "保存赋分表"),
                ]),
        ])
    }
}
