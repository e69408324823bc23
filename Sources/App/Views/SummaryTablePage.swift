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
        func export(_ format: String) -> String {
            level.isEmpty ? SiteURL.summaryExport.path(query: ["format": format])
                : SiteURL.summaryExport.path(query: ["format": format, "level": level])
        }
        return Layout.page(
            chrome,
            .h1(.text("评审材料汇总表")),
            .p(.class("hint"), .text("县（区）工信局、市直主管部门和市直单位填写的《长治市工程系列中、初级（非建筑、建材、环保专业）职务任职资格评审材料汇总表》（六.1、六.2），列出推荐或报送到本机构的申报。")),
            .unwrap(error) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
            .form(
                .method(.get), .action(SiteURL.summary.path), .class("filters"),
                .selectField("level", label: "申报级别", choices: levels, selected: level, prompt: nil),
                .submitButton("筛选", style: "secondary")
            ),
            .p(.a(.class("button secondary"), .href(export("xlsx")), .text("下载 Excel（.xlsx）")),
               .text(" "), .a(.class("button secondary"), .href(export("csv")), .text("下载 CSV"))),
            .if(cells.isEmpty, .p(.class("muted"), .text("暂无申报。"))),
            .if(!cells.isEmpty, .div(.class("table-wrap"), .table(
                .class("data"),
                .thead(.tr(.forEach(SummaryTable.headers) { .th(.text($0)) })),
                .tbody(.forEach(cells) { row in .tr(.forEach(row) { .td(.text($0)) }) })
            )))
        )
    }
}
