import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// 量化赋分 (the committee office): the year's table in one line and every applicant at the
/// committee stage with the total recorded so far.
struct QuantitativeListPage {
    struct Row: Sendable {
        var id: UUID
        var name: String
        var level: String
        var specialty: String
        var total: Tenths?
    }

    var chrome: PageChrome
    var table: QuantitativeTable
    var rows: [Row]
    /// The review year shown (`?year=`, the year in use by default).
    var years: YearPicker
    /// The page shown (`?page=`); nil renders the whole list without a pager.
    var pager: Pager? = nil

    /// Rows per page: at 100,000 applications ~15,000 are at the committee stage (issue 18).
    static let pageSize = 50

    /// `pageSize`: rows per page (tests ask for small pages).
    static func load(_ req: Request, pageSize: Int = QuantitativeListPage.pageSize) async throws -> QuantitativeListPage {
        let years = YearPicker.make(req, url: .committee(.quantitative))
        // Two statements whatever the number of people: how many, and one page with each total
        // summed in it.
        let total = try await CommitteeListQuery.count(year: years.selected, states: ApplicationState.committeeStates, on: req.db)
        let pager = Pager.clamped(page: Pager.requestedPage(req.query[String.self, at: "page"]), pageSize: pageSize, total: total,
                                  path: SiteURL.committee(.quantitative).path, query: [("year", String(years.selected))])
        let rows = try await ApplicationRecord.quantitativeRows(year: years.selected, page: pager.window, on: req.db)
        return QuantitativeListPage(
            chrome: PageChrome(req: req, title: "量化赋分"), table: try await QuantitativeController.table(req, year: years.selected),
            rows: rows.map { Row(id: $0.id, name: $0.name, level: CommitteeUI.levelLabel($0.targetLevel),
                                 specialty: $0.specialty, total: $0.total) }, years: years, pager: pager)
    }

    func render() -> HTML {
        CommitteeUI.page(chrome, [
            CommitteeUI.officeMenu(), years.node,
            .p(.text("赋分表（通知未规定分值，评委会办公室在评分开始前确定，开始评分后不得更改）：" + table.items.map(\.rule).joined(separator: "；") + "。合计最高\(table.maximum)分。"),
               .a(.href(CommitteeUI.action(.committee(.quantitativeTable), years)), .text("查看或调整\(years.selected)年度赋分表"))),
            CommitteeUI.table(["申报人", "级别", "专业", "量化赋分", ""], rows.map { r in
                [.text(r.name), .text(r.level), .text(r.specialty), .text(r.total.map { "\($0)" } ?? "未赋分"),
                 .a(.href(SiteURL.committee(.quantitativeScores(.value(r.id))).path), .text("赋分"))]
            }, id: "quantitative-list", empty: "\(years.selected)年度暂无评委会阶段的申报。"),
            .unwrap(pager) { .pager($0) },
        ])
    }
}
