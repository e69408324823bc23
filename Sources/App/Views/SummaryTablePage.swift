import Domain
import Plot

/// 评审材料汇总表 on screen, with its downloads.
struct SummaryTablePage {
    var chrome: PageChrome
    var level: String
    var cells: [[String]]
    var error: String?

    func render() -> HTML {
        let levels = [Choice(value: "", label: "全部级别")] + BasicsForm.levels.map { Choice(value: $0.code, label: $0.label) }
        let print = level.isEmpty ? SiteURL.summaryPrint.path : SiteURL.summaryPrint.path(query: ["level": level])
        func export(_ format: String) -> String {
            level.isEmpty ? SiteURL.summaryExport.path(query: ["format": format])
                : SiteURL.summaryExport.path(query: ["format": format, "level": level])
        }
        return Layout.page(
            chrome,
            .h1(.text("评审材料汇总表")),
            .p(.class("hint"), .text("县（区）工信局、市直主管部门和市直单位填写的《\(SummaryTable.formTitle)》（六.1、六.2），列出推荐或报送到本机构、仍在办理或已评审通过的申报；已退回修改或未通过审核的不列入。")),
            .unwrap(error) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
            .form(
                .method(.get), .action(SiteURL.summary.path), .class("filters"),
                .selectField("level", label: "申报级别", choices: levels, selected: level, prompt: nil),
                .submitButton("筛选", style: "secondary")
            ),
            .p(.a(.class("button secondary"), .href(print), .text("打印汇总表（A4横向）")), .text(" "),
               .a(.class("button secondary"), .href(export("xlsx")), .text("下载 Excel（.xlsx）")),
               .text(" "), .a(.class("button secondary"), .href(export("csv")), .text("下载 CSV"))),
            // The columns show even when no application is listed: the body sees what its table holds.
            .div(.class("table-wrap"), .table(
                .class("data"),
                .thead(.tr(.forEach(SummaryTable.headers) { .th(.text($0)) })),
                .tbody(
                    .if(cells.isEmpty, .tr(.td(.attribute(named: "colspan", value: String(SummaryTable.headers.count)),
                                               .class("muted"), .text("暂无申报。")))),
                    .forEach(cells) { row in .tr(.forEach(row) { .td(.text($0)) }) }
                )
            ))
        )
    }
}
