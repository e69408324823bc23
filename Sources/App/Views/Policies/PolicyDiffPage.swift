import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// 与当前年度比较: what an uploaded bundle changes against the year in use, for
/// people: dates old → new, parameters old → new with their units, clause texts
/// side by side, and the interpretations whose wording changed. The same
/// `PolicyDiff` as `title-review policy diff`.
struct PolicyDiffPage {
    struct DateRow: Sendable { var label: String; var old: String; var new: String }
    struct ParameterRow: Sendable {
        var name: String
        var description: String
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

    var chrome: PageChrome
    var oldID: String
    var oldTitle: String
    var newID: String
    var newTitle: String
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
        let old = req.policies.current
        let diff = PolicyDiff(old: old, new: new)
        func value(_ p: Parameter) -> String { "\(p.value.text) \(p.unit)" }
        var parameters: [ParameterRow] = diff.parametersChanged.map {
            ParameterRow(name: $0.name, description: $0.new.description, change: "改变", old: value($0.old), new: value($0.new))
        }
        parameters += diff.parametersAdded.compactMap { new.parameter($0) }.map {
            ParameterRow(name: $0.id, description: $0.description, change: "新增", old: "—", new: value($0))
        }
        parameters += diff.parametersRemoved.compactMap { old.parameter($0) }.map {
            ParameterRow(name: $0.id, description: $0.description, change: "删去", old: value($0), new: "—")
        }
        var clauses: [TextRow] = diff.clausesChanged.compactMap { id in
            guard let a = old.clause(id), let b = new.clause(id) else { return nil }
            return TextRow(id: id, heading: b.heading, change: "改变", old: a.heading + "：" + a.text, new: b.heading + "：" + b.text)
        }
        clauses += diff.clausesAdded.compactMap { new.clause($0) }.map { TextRow(id: $0.id, heading: $0.heading, change: "新增", old: "—", new: $0.text) }
        clauses += diff.clausesRemoved.compactMap { old.clause($0) }.map { TextRow(id: $0.id, heading: $0.heading, change: "删去", old: $0.text, new: "—") }
        let interpretations: [TextRow] = new.interpretations.compactMap { i in
            guard let before = old.interpretation(i.id) else {
                return TextRow(id: i.id, heading: i.title, change: "新增", old: "—", new: i.text)
            }
            return before.text == i.text && before.title == i.title ? nil
                : TextRow(id: i.id, heading: i.title, change: "改变", old: before.text, new: i.text)
        }
        let example: Bool = (try? JSONValue.parse(Array(record.json.utf8)))?["example"] == .bool(true)
        return PolicyDiffPage(
            chrome: PageChrome(req: req, title: "年度政策比较"), oldID: old.id, oldTitle: old.title,
            newID: new.id, newTitle: new.title, summary: record.summary, example: example, activeYear: record.activeYear,
            dates: diff.dates.map { DateRow(label: dateLabels[$0.name] ?? $0.name, old: $0.old.chinese, new: $0.new.chinese) },
            parameters: parameters, clauses: clauses, interpretations: interpretations)
    }

    func render() -> HTML {
        Layout.page(
            chrome,
            .h1(.text("年度政策比较")),
            .p(.text("当前使用：\(oldTitle)（\(oldID)）；上传的：\(newTitle)（\(newID)）。")),
            .p(.class("hint"), .text("检查结果：\(summary)。" + (activeYear.map { "已启用，为\($0)年度的政策。" } ?? "上传的政策文件只保存、比较，尚未启用；启用前请先看试运行的结果。"))),
            .if(example, .p(.class("notice"), .text("这是示例文件（example），不是真实的新年度政策。"))),
            .section(.class("panel"), .id("dates"), .h2(.text("日期")),
                     .if(dates.isEmpty, .p(.text("日期没有变化。"))),
                     .if(!dates.isEmpty, table(["日期", "当前年度", "上传的"], dates.map { [$0.label, $0.old, $0.new] }))),
            .section(.class("panel"), .id("parameters"), .h2(.text("参数")),
                     .if(parameters.isEmpty, .p(.text("参数（数值和单位）没有变化。"))),
                     .if(!parameters.isEmpty, table(["参数", "含义", "变化", "当前年度", "上传的"],
                                                    parameters.map { [$0.name, $0.description, $0.change, $0.old, $0.new] }))),
            .section(.class("panel"), .id("clauses"), .h2(.text("条款原文")),
                     .if(clauses.isEmpty, .p(.text("条款原文没有变化。"))),
                     .if(!clauses.isEmpty, table(["条款", "变化", "当前年度", "上传的"],
                                                 clauses.map { ["\($0.id) \($0.heading)", $0.change, $0.old, $0.new] }))),
            .section(.class("panel"), .id("interpretations"), .h2(.text("本系统的解释")),
                     .if(interpretations.isEmpty, .p(.text("解释的文字没有变化。"))),
                     .if(!interpretations.isEmpty, table(["解释", "变化", "当前年度", "上传的"],
                                                         interpretations.map { ["\($0.id) \($0.heading)", $0.change, $0.old, $0.new] }))),
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
