import Domain
import Plot
import Vapor

/// 《长治市工程系列中、初级（非建筑、建材、环保专业）职务任职资格评审材料汇总表》 as
/// the reporting body prints and stamps it (六.1, 六.2): the form's title, the
/// reporting body and date, the table with a width for each column, and the
/// signature and 盖章 lines. Fifteen columns do not fit portrait, so the sheet is
/// A4 landscape (`.sheet-landscape` in print.css, a named @page); the notice
/// gives no blank, so the layout is inferred and says so.
struct SummaryTablePrintPage {
    /// Column width classes, one per `SummaryTable.headers` entry in order (the CSP
    /// allows no inline styles; print.css sizes them to 277 mm of landscape A4).
    static let widths = ["s-no", "s-name", "s-sex", "s-month", "s-unit", "s-school", "s-edu", "s-month", "s-month",
                         "s-title", "s-target", "s-papers", "s-count", "s-phone", "s-remark"]

    var year: Int
    var reportingBody: String
    /// The day it is printed, 2022年7月4日.
    var date: String
    /// The level filter's label, when the table is for one level.
    var level: String?
    var back: String
    var cells: [[String]]

    func render() -> HTML {
        PrintLayout.page(
            title: "评审材料汇总表", backLink: back, backText: "返回汇总表",
            hint: "请使用浏览器的打印功能（Ctrl+P），选择A4纸、横向，并关闭“页眉和页脚”；打印后由负责人签字、加盖本单位公章，随申报材料报送（六.1、六.2）。",
            .section(
                .class("sheet sheet-landscape summary-form"),
                .h1(.class("form-title summary-title"), .text(SummaryTable.formTitle)),
                .p(.class("form-subtitle"), .text("\(year)年度" + (level.map { "　申报\($0)" } ?? ""))),
                .div(.class("form-meta"),
                     .span(.text("报送单位（盖章）：\(reportingBody)")),
                     .span(.text("填报日期：\(date)")),
                     .span(.text("共\(cells.count)人"))),
                .table(
                    .class("form-table summary-table"),
                    .thead(.tr(.forEach(Array(SummaryTable.headers.enumerated())) { i, title in
                        .th(.class(Self.widths[i]), .attribute(named: "scope", value: "col"), .text(title))
                    })),
                    .tbody(
                        .if(cells.isEmpty, .tr(.td(.attribute(named: "colspan", value: String(SummaryTable.headers.count)),
                                                   .class("empty"), .text("无")))),
                        .forEach(cells) { row in
                            .tr(.forEach(Array(row.enumerated())) { i, value in .td(.class(Self.widths[i]), .text(value)) })
                        }
                    )
                ),
                .div(.class("summary-sign"),
                     .p(.text("单位负责人（签字）：＿＿＿＿＿＿　审核人：＿＿＿＿＿＿　填表人：＿＿＿＿＿＿　联系电话：＿＿＿＿＿＿")),
                     .p(.class("summary-stamp"), .text("（盖章）　　\(PrintWording.dateLine)"))),
                .p(.class("form-note"), .text(PrintLayout.inferredNote))
            )
        )
    }
}

extension SummaryTablePrintPage {
    /// The same rows as the page (`SummaryTablePage.rows`), with the reporting body and today's date.
    static func load(_ req: Request, level: String) async throws -> SummaryTablePrintPage {
        let rows = try await SummaryTablePage.rows(req, level: level)
        let year = try ReviewYear(req.policies.current)
        return SummaryTablePrintPage(
            year: year.year, reportingBody: req.currentUser?.$organization.value?.name ?? "",
            date: req.today.chinese, level: BasicsForm.levels.first { $0.code == level }?.label,
            back: level.isEmpty ? SiteURL.summary.path : SiteURL.summary.path(query: ["level": level]),
            cells: SummaryTable.cells(rows))
    }
}
