import Domain
import Exports
import Fluent
import Vapor

/// 评审材料汇总表 (六.1, 六.2): what a reporting body passes on, as a page, as the
/// notice's form printed on A4 landscape, and as .xlsx and CSV downloads. Rows pass
/// `SummaryTable.includes` (never a returned or rejected application) and the same
/// access rule as opening the application; mobiles are masked for all but those
/// `PersonalData` allows.
struct SummaryTableController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.summary, use: show).requires(.viewSummaryTable).cachesPage()
        routes.get(.summaryPrint, use: print).requires(.viewSummaryTable)
        routes.get(.summaryExport, use: export).requires(.viewSummaryTable)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let level = req.query[String.self, at: "level"] ?? ""
        return try await SummaryTablePage.load(req, level: level).render().response()
    }

    @Sendable func print(req: Request) async throws -> Response {
        let level = req.query[String.self, at: "level"] ?? ""
        return try await SummaryTablePrintPage.load(req, level: level).render().response()
    }

    @Sendable func export(req: Request) async throws -> Response {
        let level = req.query[String.self, at: "level"] ?? ""
        let format = try ExportFormat(query: req)
        // The same rows as the page shows, so a download never lists what the page does not.
        var page = try await SummaryTablePage.load(req, level: level)
        let rows = page.rows
        guard !rows.isEmpty else {
            page.error = "汇总表中没有申报，无法导出；申报推荐或报送到本机构后再导出。"
            return page.render().response(status: .unprocessableEntity)
        }
        let org = req.currentUser?.$organization.value?.name ?? ""
        let table = ExportTable(title: "评审材料汇总表", headers: SummaryTable.headers,
                                rows: page.cells.map { cells in
                                    cells.enumerated().map { $0.offset == 0 ? .number($0.element) : .text($0.element) }
                                })
        try await req.audit(req.auditEntry("summary.export", detail: "\(format.rawValue) \(rows.count) rows"))
        return try format.response(table, asciiName: "summary", chineseName: "评审材料汇总表-\(org)-\(req.today.iso)")
    }
}
