import Domain
import Foundation
import Plot
import Vapor

/// 数据导出 (the committee office): each table as .xlsx and CSV, and the passed list for
/// the 职称评审信息查询平台.
struct CommitteeExportsPage {
    var chrome: PageChrome
    /// (kind in the URL, its Chinese title).
    var kinds: [(String, String)]
    /// The review year the links export (issue 19 item 2).
    var years: YearPicker

    static func load(_ req: Request) -> CommitteeExportsPage {
        CommitteeExportsPage(chrome: PageChrome(req: req, title: "数据导出"), kinds: CommitteeExportsController.kinds,
                             years: YearPicker.make(req, url: .committee(.exports)))
    }

    func render() -> HTML {
        CommitteeUI.page(chrome, [
            CommitteeUI.officeMenu(),
            years.node,
            .p(.text("各表可导出为 Excel（.xlsx）或 CSV（UTF-8，带 BOM）。评审通过人员名单另可导出为报送省、国家职称评审信息查询平台的 JSON 文件，格式见 docs/platform-export.md。")),
            CommitteeUI.table(["内容", "Excel", "CSV"], kinds.map { k in
                [.text(k.1), .a(.href(SiteURL.committee(.export(.value(k.0))).path(query: ["format": "xlsx", "year": String(years.selected)])), .text("\(k.1).xlsx")),
                 .a(.href(SiteURL.committee(.export(.value(k.0))).path(query: ["format": "csv", "year": String(years.selected)])), .text("\(k.1).csv"))]
            }, id: "exports"),
            .p(.a(.href(SiteURL.committee(.platformExport).path(query: ["year": String(years.selected)])), .text("评审通过人员名单（职称评审信息查询平台 JSON）"))),
        ])
    }
}
