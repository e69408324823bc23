import Domain
import Fluent
import Plot
import Vapor

/// The committee office's page to reopen declarations for one unit after the
/// period (or before it), until a chosen day, with the reason; and the record of
/// every reopening of the chosen review year. Reopening is for the year in use only:
/// an earlier year's list is for reading, without the form.
struct ReopeningsPage {
    struct Row {
        var unit: String
        var until: String
        var reason: String
        var by: String
        var at: String
        var active: Bool
    }

    var chrome: PageChrome
    var csrf: String
    var picker: YearPicker
    /// The year in use: the one a reopening is made for.
    var currentYear: Int
    var period: String
    var today: String
    var periodNote: String
    var units: [Choice]
    var rows: [Row]
    var values: [String: String]
    var errors: [String: String]

    func render() -> HTML {
        let current = picker.selected == currentYear
        return Layout.page(
            chrome,
            .section(
                .class("panel"),
                .h1(.text("重新开放申报")),
                picker.node,
                .p(.class("lead"), .text("\(currentYear)年度申报期为\(period)，今天是\(today)。申报期外，申报人不能开始或提交申报；确有特殊情况的，可为指定单位重新开放至某日，并须记录原因（十（三））。")),
                .p(.class("hint"), .text(periodNote)),
                .if(!current, .p(.class("notice"), .id("past-year"),
                                 .text("这里是\(picker.selected)年度的重新开放记录，只供查阅；重新开放只针对当前使用的\(currentYear)年度申报。"))),
                .if(current, .errorSummary(FieldErrors.from(errors))),
                .if(current, .form(
                    .method(.post), .action(SiteURL.reopenings.path), .class("stacked"), .id("reopen-form"),
                    .csrfField(csrf),
                    .selectField("unitID", label: "单位", choices: units, selected: values["unitID"], error: errors["unitID"],
                                 required: true),
                    .textField("until", label: "开放至（含当日）", value: values["until"], error: errors["until"],
                               type: "date", required: true),
                    .textAreaField("reason", label: "原因", value: values["reason"] ?? "", error: errors["reason"],
                                   rows: 3, maxLength: 200),
                    .submitButton("重新开放")
                ))
            ),
            .section(
                .class("panel"),
                .h2(.text("\(picker.selected)年度重新开放记录")),
                .if(rows.isEmpty, .p(.class("muted"), .text("暂无。"))),
                .if(!rows.isEmpty, .div(.class("table-wrap"), .table(
                    .class("data"), .id("reopenings"),
                    .thead(.tr(.th(.text("单位")), .th(.text("开放至")), .th(.text("原因")), .th(.text("办理人")),
                               .th(.text("办理时间")), .th(.text("状态")))),
                    .tbody(.forEach(rows) { row in
                        .tr(.td(.text(row.unit)), .td(.text(row.until)), .td(.text(row.reason)), .td(.text(row.by)),
                            .td(.text(row.at)), .td(.span(.class(row.active ? "tag ok" : "tag"), .text(row.active ? "开放中" : "已结束"))))
                    })
                )))
            )
        )
    }
}

extension ReopeningsPage {
    /// The year's reopenings (newest first) and the active units to choose from: two queries.
    static func load(_ req: Request, values: [String: String] = [:], errors: [String: String] = [:]) async throws -> ReopeningsPage {
        let picker = YearPicker.make(req, url: .reopenings)
        let rows = try await DeclarationReopening.query(on: req.db).filter(\.$year == picker.selected)
            .with(\.$unit).with(\.$createdBy).sort(\.$createdAt, .descending).all()
        let units = try await Organization.activeUnits(on: req.db)
        return ReopeningsPage(
            chrome: PageChrome(req: req, title: "重新开放申报", notice: req.query[String.self, at: "done"] == "1" ? "已重新开放。" : nil),
            csrf: try await req.csrfToken(), picker: picker, currentYear: req.policies.year.year,
            period: req.policies.year.declarationText, today: req.today.chinese,
            periodNote: req.policies.current.declaration.note,
            units: units.map { .init(value: $0.id!.uuidString, label: $0.name) },
            rows: rows.map { row in
                .init(unit: row.unit.name, until: LocalDate(iso: row.until)?.chinese ?? row.until, reason: row.reason,
                      by: row.createdBy.realName, at: row.createdAt.map { BeijingTime.text($0) } ?? "—",
                      active: (LocalDate(iso: row.until).map { req.today <= $0 } ?? false))
            },
            values: values, errors: errors)
    }
}
