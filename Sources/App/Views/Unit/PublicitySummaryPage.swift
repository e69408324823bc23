import Domain
import Plot
import Vapor

/// 公示情况一览表 (五.4 第一类): the three publicities with their periods on the
/// official calendar, objections and results (十（一））.
struct PublicitySummaryPage {
    struct Row {
        var kind: String
        var period: String
        var days: String
        var objections: String
        var result: String
    }

    var applicant: PrintApplicant
    var back: String
    var minimumDays: Int
    var rows: [Row]
    /// Why this is a draft (publicities not yet over, objections open), or nil when final.
    var draft: String?

    func render() -> HTML {
        let title = draft == nil ? "公示情况一览表" : "公示情况一览表（草稿）"
        return PrintLayout.page(
            title: title, backLink: back,
            hint: draft == nil ? "A4纸打印，加盖单位公章，装入卷宗第一类" : "草稿仅供核对，不能盖章装订",
            .div(
                .class("sheet"),
                .unwrap(draft) { .p(.class("draft-marker"), .text($0)) },
                .h1(.class("form-heading"), .text(title)),
                .p(.text("申报人：\(applicant.name)　工作单位：\(applicant.unit)　申报：\(applicant.specialty)专业\(applicant.level)")),
                .table(
                    .class("form-table"),
                    .thead(.tr(.th(.text("公示内容")), .th(.text("公示期")), .th(.text("工作日")), .th(.text("异议及处理")), .th(.text("结果")))),
                    .tbody(.forEach(rows) { r in
                        .tr(.td(.text(r.kind)), .td(.text(r.period)), .td(.text(r.days)), .td(.text(r.objections)), .td(.text(r.result)))
                    })
                ),
                .p(.class("muted"), .text("公示期不少于\(minimumDays)个工作日，按国务院办公厅公布的节假日安排计算（十（一））。")),
                .p(.class("signature"), .text(draft == nil ? "单位（盖章）：\(applicant.unit)" : "草稿，不盖章"))
            )
        )
    }
}

extension PublicitySummaryPage {
    /// The three publicities of the unit's evaluation, their working days on the official calendar.
    static func load(_ req: Request, _ application: ApplicationRecord) async throws -> PublicitySummaryPage {
        let data = try await UnitReportData.load(req, application)
        let rules = try req.publicityRules()
        let rows = try PublicityKind.allCases.map { kind -> Row in
            guard let p = data.evaluation.publicities[kind] else { return .init(kind: kind.label, period: "尚未公示", days: "", objections: "", result: "未开始") }
            let days = try req.workingDays.workdays(from: p.starts, through: p.ends)
            return .init(kind: kind.label, period: "\(p.starts.chinese)至\(p.ends.chinese)", days: "\(days)个工作日",
                         objections: p.objections.isEmpty ? "无" : p.objections.map { o in
                             "\(o.receivedOn)收到：\(o.content)" + (o.resolution.map { "（\(o.resolvedOn ?? "")处理：\($0)）" } ?? "（未处理）")
                         }.joined(separator: "；"),
                         result: UnitReportData.state(p, today: req.today, rules: rules))
        }
        return PublicitySummaryPage(applicant: data.print.applicant, back: data.back,
                                    minimumDays: data.year.publicityWorkingDays, rows: rows,
                                    draft: data.draftReason(today: req.today, rules: rules))
    }
}
