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

    static func load(_ req: Request) -> CommitteeExportsPage {
        CommitteeExportsPage(chrome: PageChrome(req: req, title: "数据导出"), kinds: CommitteeExportsController.kinds)
    }

    func render() -> HTML {
        CommitteeUI.page(chrome, [
            CommitteeUI.officeMenu(),
            .p(.text("各表可导出为 Excel（.xlsx）或 CSV（UTF-8，带 BOM）。评审通过人员名单另可导出为报送省、国家职称评审信息查询平台的 JSON 文件，格式见 docs/platform-export.md。")),
            CommitteeUI.table(["内容", "Excel", "CSV"], kinds.map { k in
                [.text(k.1), .a(.href(SiteURL.committee(.export(.value(k.0))).path(query: ["format": "xlsx"])), .text("\(k.1).xlsx")),
                 .a(.href(SiteURL.committee(.export(.value(k.0))).path(query: ["format": "csv"])), .text("\(k.1).csv"))]
            }, id: "exports"),
            .p(.a(.href(SiteURL.committee(.platformExport).path), .text("评审通过人员名单（职称评审信息查询平台 JSON）"))),
        ])
    }
}
