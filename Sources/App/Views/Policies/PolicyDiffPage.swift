import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// 与上一年度比较: what an uploaded bundle changes against the year before it (the
/// bundle of year N-1 the application knows, whatever year is in use today), for
/// people: dates old → new, parameters old → new with their units, clause texts
/// side by side, and the interpretations whose wording changed. The same
/// `PolicyDiff` as `title-review policy diff`. When the application knows no
/// earlier year there is nothing to compare with, and the page says so.
struct PolicyDiffPage {
    struct DateRow: Sendable { var label: String; var old: String; var new: String }
    struct ParameterRow: Sendable {
        var name: String
        var description: String
        /// The clause the parameter comes from (3.1.3).
        var clause: String
        var change: String
        var old: String
        var new: String
    }
    struct TextRow: Sendable {
        var id: String
        var heading: String
        var change: String
        var old: String
        var new: String
    }

    /// The year compared against.
    struct Earlier: Sendable {
        var year: Int
        var id: String
        var title: String
    }

    var chrome: PageChrome
    /// The earlier year compared against; nil when the application knows none before the bundle's.
    var earlier: Earlier?
    /// The bundle's own review year.
    var newYear: Int
    var newID: String
    var newTitle: String
    /// The year in use today, named when it is not the one compared against.
    var inUse: Earlier
    var summary: String
    var example: Bool
    /// The year it holds once activated.
    var activeYear: Int?
    var dates: [DateRow]
    var parameters: [ParameterRow]
    var clauses: [TextRow]
    var interpretations: [TextRow]

    /// The names of the bundle's dates in the notice's words.
    static let dateLabels: [String: String] = [
        "applicationDate": "状态基准日（申报截止日）", "referenceDate": "年限计算截止日",
        "intake.opens": "收审开始", "intake.closes": "收审截止",
        "declaration.opens": "网上申报开始", "declaration.closes": "网上申报截止",
    ]

    static func load(_ req: Request, record: PolicyBundleRecord) throws -> PolicyDiffPage {
        let new = try record.policy()
        let registry = req.application.policyRegistry
        // The year before: the latest year the application knows that is earlier than the
        // bundle's own (N-1, or the nearest earlier when N-1 has none), never simply the
        // year in use: once 2023 is activated, a 2024 bundle is read against 2023 even
        // while 2022 is still in use.
        let earlier = registry.all.last { $0.year.year < new.applicationDate.year }?.current
        let example: Bool = (try? JSONValue.parse(Array(record.json.utf8)))?["example"] == .bool(true)
        return make(chrome: PageChrome(req: req, title: "年度政策比较"), new: new, earlier: earlier, inUse: req.policies.current,
                    summary: record.summary, example: example, activeYear: record.activeYear)
    }

    /// The page for `new` against `earlier` (nil: nothing earlier to compare with).
    static func make(chrome: PageChrome, new: Policy, earlier old: Policy?, inUse: Policy, summary: String, example: Bool,
                     activeYear: Int?) -> PolicyDiffPage {
        func named(_ p: Policy) -> Earlier { Earlier(year: p.applicationDate.year, id: p.id, title: p.title) }
        var page = PolicyDiffPage(chrome: chrome, earlier: old.map(named), newYear: new.applicationDate.year, newID: new.id,
                                  newTitle: new.title, inUse: named(inUse), summary: summary, example: example,
                                  activeYear: activeYear, dates: [], parameters: [], clauses: [], interpretations: [])
        guard let old else { return page }
        let diff = PolicyDiff(old: old, new: new)
        func value(_ p: Parameter) -> String { "\(p.value.text) \(p.unit)" }
        var parameters: [ParameterRow] = diff.parametersChanged.map {
            ParameterRow(name: $0.name, description: $0.new.description, clause: $0.new.clause, change: "改变",
                         old: value($0.old), new: value($0.new))
        }
        parameters += diff.parametersAdded.compactMap { new.parameter($0) }.map {
            ParameterRow(name: $0.id, description: $0.description, clause: $0.clause, change: "新增", old: "—", new: value($0))
        }
        parameters += diff.parametersRemoved.compactMap { old.parameter($0) }.map {
            ParameterRow(name: $0.id, description: $0.description, clause: $0.clause, change: "删去", old: value($0), new: "—")
        }
        var clauses: [TextRow] = diff.clausesChanged.compactMap { id in
            guard let a = old.clause(id), let b = new.clause(id) else { return nil }
            return TextRow(id: id, heading: b.heading, change: "改变", old: a.heading + "：" + a.text, new: b.heading + "：" + b.text)
        }
        clauses += diff.clausesAdded.compactMap { new.clause($0) }.map {
            TextRow(id: $0.id, heading: $0.heading, change: "新增", old: "—", new: $0.heading + "：" + $0.text)
        }
        clauses += diff.clausesRemoved.compactMap { old.clause($0) }.map {
            TextRow(id: $0.id, heading: $0.heading, change: "删去", old: $0.heading + "：" + $0.text, new: "—")
        }
        page.interpretations = new.interpretations.compactMap { i in
            guard let before = old.interpretation(i.id) else {
                return TextRow(id: i.id, heading: i.title, change: "新增", old: "—", new: i.text)
            }
            return before.text == i.text && before.title == i.title ? nil
                : TextRow(id: i.id, heading: i.title, change: "改变", old: before.text, new: i.text)
        }
        page.dates = diff.dates.map { DateRow(label: dateLabels[$0.name] ?? $0.name, old: $0.old.chinese, new: $0.new.chinese) }
        page.parameters = parameters
        page.clauses = clauses
        return page
    }

    func render() -> HTML {
        let newColumn = "\(newYear)年度（上传的）"
        return Layout.page(
            chrome,
            .h1(.text("年度政策比较")),
            .p(.id("compared"), .text(earlier.map { "与上一年度比较：\($0.year)年度 \($0.title)（\($0.id)）→ \(newYear)年度 \(newTitle)（\(newID)）。" }
                ?? "上传的：\(newYear)年度 \(newTitle)（\(newID)）。")),
            .if(earlier.map { $0.year != newYear - 1 } ?? false,
                .p(.class("notice"), .text("本系统没有\(newYear - 1)年度的政策，以下与最近的更早年度（\(earlier?.year ?? 0)年度）比较。"))),
            .if(inUse.id != earlier?.id && inUse.id != newID,
                .p(.class("hint"), .text("今天使用的是\(inUse.year)年度的政策（\(inUse.id)）；比较总是对照上传文件的上一年度，与今天使用哪一年度无关。"))),
            .p(.class("hint"), .text("检查结果：\(summary)。" + (activeYear.map { "已启用，为\($0)年度的政策。" } ?? "上传的政策文件只保存、比较，尚未启用；启用前请先看试运行的结果。"))),
            .if(example, .p(.class("notice"), .text("这是示例文件（example），不是真实的新年度政策。"))),
            .if(earlier == nil, .section(.class("panel"), .id("no-earlier"), .h2(.text("没有可比较的上一年度")),
                                         .p(.text("本系统没有\(newYear)年度以前的年度政策，无从比较。请直接阅读上传的政策文件，并看试运行的结果。")))),
            .unwrap(earlier) { old in
                .group(
                    .section(.class("panel"), .id("dates"), .h2(.text("日期")),
                             .if(dates.isEmpty, .p(.text("日期没有变化。"))),
                             .if(!dates.isEmpty, table(["日期", "\(old.year)年度", newColumn], dates.map { [$0.label, $0.old, $0.new] }))),
                    .section(.class("panel"), .id("parameters"), .h2(.text("参数")),
                             .if(parameters.isEmpty, .p(.text("参数（数值和单位）没有变化。"))),
                             .if(!parameters.isEmpty, table(["参数", "含义", "条款", "变化", "\(old.year)年度 → \(newYear)年度"],
                                                            parameters.map { [$0.name, $0.description, $0.clause, $0.change, "\($0.old) → \($0.new)"] }))),
                    .section(.class("panel"), .id("clauses"), .h2(.text("条款原文")),
                             .if(clauses.isEmpty, .p(.text("条款原文没有变化。"))),
                             .if(!clauses.isEmpty, table(["条款", "变化", "\(old.year)年度", newColumn],
                                                         clauses.map { ["\($0.id) \($0.heading)", $0.change, $0.old, $0.new] }))),
                    .section(.class("panel"), .id("interpretations"), .h2(.text("本系统的解释")),
                             .if(interpretations.isEmpty, .p(.text("解释的文字没有变化。"))),
                             .if(!interpretations.isEmpty, table(["解释", "变化", "\(old.year)年度", newColumn],
                                                                 interpretations.map { ["\($0.id) \($0.heading)", $0.change, $0.old, $0.new] })))
                )
            },
            .p(.a(.href(SiteURL.policyRehearsal(.value(newID)).path), .text(activeYear == nil ? "试运行与启用" : "试运行")), .text(" · "),
               .a(.href(SiteURL.policies.path), .text("返回年度政策")))
        )
    }

    private func table(_ heads: [String], _ rows: [[String]]) -> Node<HTML.BodyContext> {
        .div(.class("table-wrap"), .table(
            .class("data"),
            .thead(.tr(.forEach(heads) { .th(.text($0)) })),
            .tbody(.forEach(rows) { cells in .tr(.forEach(cells) { .td(.text($0)) }) })
        ))
    }
}
