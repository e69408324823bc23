import Domain
import Foundation
import Plot

/// The frame of a printable form: no site header, menu or footer, only the
/// sheets and, on screen, a bar with the printing hint and the way back.
/// Sheets are A4 pages on screen and break onto new pages in print
/// (`/static/print.css`). There is no script: the browser's own print
/// command is used, so the page works under the CSP's `script-src 'self'`.
enum PrintLayout {
    static let stylesheet = StaticAssets.url("/static/print.css")
    /// Printed under each form so nobody takes it for the province's own blank.
    static let inferredNote = "（样式依据长工信〔2022〕139号推定）"

    static func page(title: String, backLink: String, backText: String = "返回申报概览", hint: String, _ sheets: Node<HTML.BodyContext>...) -> HTML {
        HTML(
            .attribute(named: "lang", value: "zh-CN"),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: "\(title) - \(Layout.siteName)"),
                .link(.rel(.stylesheet), .href(stylesheet))
            ),
            .body(
                .class("print-body"),
                // A landmark of its own (axe `region`): the hint and the way back sit in a banner.
                .header(
                    .class("print-bar"),
                    .p(.strong(.text("打印")), .text("：\(hint)")),
                    .p(.a(.href(backLink), .text(backText)))
                ),
                .main(.class("print-main"), .group(sheets))
            )
        )
    }
}

/// The applicant as both forms show them, every value already display text.
struct PrintApplicant {
    var name: String
    var sex: String
    /// 出生年月: "1990年7月".
    var birthMonth: String
    var ethnicity: String
    var political: String
    /// Full or masked, as `PersonalData` decides for the viewer.
    var idNumber: String
    var workStart: String
    /// 最高学历（学位）: "大学本科\n工学学士", shown on two lines.
    var education: String
    var major: String
    var school: String
    var graduated: String
    var currentTitle: String
    var titleQualified: String
    var titleAppointed: String
    var unit: String
    var post: String
    /// 申报级别: 工程师 / 助理工程师 / 技术员.
    var level: String
    var specialty: String
    var track: String
}

/// A bordered table of a form section. Column widths are CSS classes (the
/// CSP allows no inline styles) and each header row repeats on a new page.
struct PrintTable {
    enum Width: String {
        /// 序号.
        case number = "c-no"
        /// A date such as 2022年12月31日.
        case date = "c-date"
        /// A year or a short label (级别、排名).
        case short = "c-short"
        /// A number or a four-character word (字数、作者排序).
        case narrow = "c-narrow"
        /// A middle column (类别、单位).
        case medium = "c-mid"
        /// 刊物名称及刊号: a journal's name with its ISSN and CN numbers.
        case publication = "c-pub"
        /// Takes what is left.
        case wide = "c-wide"
    }

    struct Column {
        var title: String
        var width: Width
        init(_ title: String, _ width: Width) { self.title = title; self.width = width }
    }

    var columns: [Column]
    var rows: [[String]]
    /// Shown in one row across the table when there are no rows.
    var emptyText = "无"

    /// Numbers the rows (序号) in a first column.
    static func numbered(_ columns: [Column], _ rows: [[String]]) -> PrintTable {
        PrintTable(columns: [Column("序号", .number)] + columns,
                   rows: rows.enumerated().map { [String($0.offset + 1)] + $0.element })
    }
}

/// A labelled cell of a form's grid: 姓名 | 张伟.
struct PrintCell {
    var label: String
    var value: String
    /// Columns the value spans (the label always takes one).
    var span: Int = 1
}

/// One line of a signature block: "单位负责人签字：______".
struct PrintSignature {
    var lines: [String]
}

extension Node where Context: HTML.BodyContext {
    /// A table with its caption as a section heading above it.
    static func printTable(_ table: PrintTable, heading: String? = nil) -> Node {
        .group(
            .unwrap(heading) { .h3(.class("form-heading"), .text($0)) },
            .table(
                .class("form-table"),
                .thead(.tr(.forEach(table.columns) { column in .th(.class(column.width.rawValue), .text(column.title)) })),
                .tbody(
                    .if(table.rows.isEmpty, .tr(.td(.attribute(named: "colspan", value: String(table.columns.count)),
                                                    .class("empty"), .text(table.emptyText)))),
                    .forEach(table.rows) { row in
                        .tr(.forEach(Array(row.enumerated())) { i, value in
                            // The column's class aligns the cell: wide text left, short values centred.
                            .td(.class(i < table.columns.count ? table.columns[i].width.rawValue : ""), .text(value))
                        })
                    }
                )
            )
        )
    }

    /// Rows of labelled cells in a grid of `columns` label+value pairs.
    static func printGrid(_ rows: [[PrintCell]]) -> Node {
        .table(
            .class("form-table form-grid"),
            .tbody(.forEach(rows) { row in
                .tr(.forEach(row) { cell in
                    .group(
                        .th(.attribute(named: "scope", value: "row"), .text(cell.label)),
                        .td(.if(cell.span > 1, .attribute(named: "colspan", value: String(cell.span))), .text(cell.value))
                    )
                })
            })
        )
    }

    /// A ruled box the unit or the committee fills by hand: a heading, an
    /// optional hint of what to write, blank space, then signature lines.
    static func opinionBox(_ title: String, hint: String? = nil, votes: String? = nil,
                           signature: PrintSignature, size: String = "box-md") -> Node {
        .section(
            .class("opinion-box \(size)"),
            .h3(.text(title)),
            .unwrap(hint) { .p(.class("box-hint"), .text($0)) },
            .div(.class("box-space")),
            .unwrap(votes) { .p(.class("box-votes"), .text($0)) },
            .div(.class("box-sign"), .forEach(signature.lines) { .p(.text($0)) })
        )
    }

    /// Paragraphs of free text, indented two characters as Chinese documents are.
    static func printParagraphs(_ paragraphs: [String], empty: String) -> Node {
        .div(
            .class("form-text"),
            .if(paragraphs.isEmpty, .p(.class("empty"), .text(empty))),
            .forEach(paragraphs) { .p(.text($0)) }
        )
    }
}

/// Shared wording of the forms' signature lines and vote lines.
enum PrintWording {
    static let dateLine = "年　　月　　日"
    static let votes = "表决结果：应到＿＿人，实到＿＿人；赞成＿＿票，反对＿＿票，弃权＿＿票。"

    /// The text as paragraphs: blank lines and surrounding spaces dropped.
    static func paragraphs(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
