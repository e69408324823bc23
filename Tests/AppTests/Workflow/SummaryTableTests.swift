import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
@testable import Domain

/// 评审材料汇总表 as the notice's form (issue 17 item 4): its columns, its print on
/// A4 landscape, the .xlsx read back by LibreOffice, which applications it lists
/// and whose table shows what.
@Suite(.serialized) struct SummaryTableTests: WorkflowTestCase {
    /// The application of applicant1 (张伟, 长治市示例水利勘测设计院 under 市水务局) at the department.
    func atDepartment(_ app: Application) async throws -> UUID {
        app.clock = .fixed(day("2022-07-04"))
        let id = try await submitted(app)
        try await place(app, id, at: .departmentReview, reached: 1)
        return id
    }

    /// The cells of the page's summary table body, row by row (tags stripped).
    func rows(_ html: String) -> [[String]] {
        guard let body = html.range(of: "<tbody>"), let end = html.range(of: "</tbody>", range: body.upperBound..<html.endIndex)
        else { return [] }
        return html[body.upperBound..<end.lowerBound].components(separatedBy: "</tr>").compactMap { row in
            let cells = row.components(separatedBy: "</td>").dropLast().map { cell in
                cell.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
            }
            return cells.isEmpty ? nil : cells
        }
    }

    @Test func columnsAreTheFormsAndFilledFromTheDeclaration() async throws {
        try await withTestApp { app in
            _ = try await atDepartment(app)
            var dept = Browser(app)
            try await dept.login("dept1")
            let page = try await dept.get("/summary")
            #expect(page.status == .ok)
            let headers = SummaryTable.headers.map { "<th>\($0)</th>" }.joined()
            #expect(page.text.contains(headers), "the page's header row is the form's columns in order")
            #expect(SummaryTable.headers == ["序号", "姓名", "性别", "出生年月", "工作单位", "毕业院校及专业", "学历", "毕业时间",
                                             "参加工作时间", "现职称及取得时间", "申报职称及专业", "论文", "业绩成果", "联系电话", "备注"])
            let cells = rows(page.text)
            #expect(cells == [["1", "张伟", "男", "1988年3月", "长治市示例水利勘测设计院", "太原理工大学 机械设计制造及其自动化",
                               "大学本科", "2012年7月", "2012年7月", "助理工程师（2016年9月1日）", "工程师（机械工程）",
                               "论文2篇", "1项", "138****1001", "待主管部门审核"]])
            // The committee office sees the mobile in full (it checks identities at intake).
            var office = Browser(app)
            try await office.login("office")
            let id = try #require(try await ApplicationRecord.query(on: app.db).first()?.id)
            try await place(app, id, at: .intake, reached: 3)
            let full = try await office.get("/summary")
            #expect(full.status == .ok && full.text.contains("<td>张伟</td>"))
            #expect(full.text.contains("<td>13803551001</td>"))
        }
    }

    /// Returned, rejected, cancelled, eliminated and failed applications are never
    /// listed; under way and passed ones are. Each absence follows a page that rendered.
    @Test func onlyApplicationsUnderWayOrPassedAreListed() async throws {
        try await withTestApp { app in
            let id = try await atDepartment(app)
            var dept = Browser(app)
            try await dept.login("dept1")
            func listed() async throws -> Bool {
                let page = try await dept.get("/summary")
                #expect(page.status == .ok && page.text.contains("<th>联系电话</th>"))
                let print = try await dept.get("/summary/print")
                #expect(print.status == .ok && print.text.contains(SummaryTable.formTitle))
                #expect(page.text.contains("<td>张伟</td>") == print.text.contains(">张伟</td>"))
                return page.text.contains("<td>张伟</td>")
            }
            #expect(try await listed())
            for state in [ApplicationState.returned, .rejected, .cancelled, .eliminated, .failed] {
                try await place(app, id, at: state, reached: 1)
                #expect(try await !listed(), "\(state) is listed")
                let export = try await dept.get("/summary/export?format=csv")
                #expect(export.status == .unprocessableEntity && export.text.contains("汇总表中没有申报，无法导出"))
            }
            for state in [ApplicationState.cityHRReview, .intake, .accepted, .awaitingVote, .passed, .certified] {
                try await place(app, id, at: state, reached: 3)
                #expect(try await listed(), "\(state) is not listed")
            }
        }
    }

    /// The form printed: title, reporting body, date, 盖章 lines, A4 landscape with column widths.
    @Test func printsAsTheNoticesFormOnLandscapeA4() async throws {
        try await withTestApp { app in
            _ = try await atDepartment(app)
            var dept = Browser(app)
            try await dept.login("dept1")
            let print = try await dept.get("/summary/print?level=engineer")
            #expect(print.status == .ok)
            for text in ["<h1 class=\"form-title summary-title\">\(SummaryTable.formTitle)</h1>", "2022年度　申报工程师",
                         "报送单位（盖章）：长治市水务局", "填报日期：2022年7月4日", "共1人", "（盖章）", "单位负责人（签字）",
                         "sheet-landscape", "<th class=\"s-unit\" scope=\"col\">工作单位</th>", "<td class=\"s-name\">张伟</td>",
                         "href=\"/summary?level=engineer\""] {
                #expect(print.text.contains(text), "print lacks \(text)")
            }
            #expect(SummaryTablePrintPage.widths.count == SummaryTable.headers.count)
            let css = try await dept.get("/static/print.css")
            #expect(css.status == .ok)
            #expect(css.text.contains("@page a4-landscape { size: A4 landscape;"))
            #expect(css.text.contains(".sheet-landscape { page: a4-landscape;"))
            for width in Set(SummaryTablePrintPage.widths) {
                #expect(css.text.contains(".summary-table .\(width) { width:"), "no width for \(width)")
            }
            // Another level's print has no rows, and says so.
            let juniors = try await dept.get("/summary/print?level=technician")
            #expect(juniors.status == .ok && juniors.text.contains("共0人") && !juniors.text.contains(">张伟</td>"))
        }
    }

    /// The .xlsx read back by LibreOffice has the form's columns and the row.
    @Test(.enabled(if: LibreOffice.path != nil, "LibreOffice (soffice) is not installed: the .xlsx is not read back"))
    func xlsxReadBackByLibreOfficeHasTheColumns() async throws {
        try await withTestApp { app in
            _ = try await atDepartment(app)
            var dept = Browser(app)
            try await dept.login("dept1")
            let xlsx = try await dept.get("/summary/export?format=xlsx")
            #expect(xlsx.status == .ok)
            let lines = try LibreOffice.csvLines(Data(xlsx.body.readableBytesView))
            #expect(lines.first == SummaryTable.headers.joined(separator: ","))
            #expect(lines.count == 2)
            #expect(lines.last?.hasPrefix("1,张伟,男,1988年3月,长治市示例水利勘测设计院,") == true)
            #expect(lines.last?.hasSuffix(",论文2篇,1项,138****1001,待主管部门审核") == true)
        }
    }

    /// Whose table shows what: the bodies the application reached, nobody else;
    /// applicants and experts have no table at all.
    @Test func eachBodySeesOnlyWhatReachedIt() async throws {
        try await withTestApp { app in
            let id = try await atDepartment(app)
            func sees(_ user: String) async throws -> Bool {
                var browser = Browser(app)
                try await browser.login(user)
                let page = try await browser.get("/summary")
                #expect(page.status == .ok && page.text.contains("<th>序号</th>"), "\(user)'s table did not render")
                let print = try await browser.get("/summary/print")
                #expect(print.status == .ok && print.text.contains("报送单位（盖章）"))
                #expect(page.text.contains("<td>张伟</td>") == print.text.contains(">张伟</td>"))
                return page.text.contains("<td>张伟</td>")
            }
            // At the department: its own unit and the department, not the next bodies nor others.
            #expect(try await sees("unit1"))
            #expect(try await sees("dept1"))
            for other in ["unit2", "unit3", "county1", "countyhr1", "agency1", "cityhr", "office"] {
                #expect(try await !sees(other), "\(other) sees an application that has not reached it")
            }
            // At intake: the city and the office too; still no county, agency or other unit.
            try await place(app, id, at: .intake, reached: 3)
            for body in ["unit1", "dept1", "cityhr", "office"] { #expect(try await sees(body), "\(body) misses it") }
            for other in ["unit2", "county1", "county2", "agency1"] { #expect(try await !sees(other), "\(other) sees it") }
            for user in ["applicant1", "expert1"] {
                var browser = Browser(app)
                try await browser.login(user)
                for path in ["/summary", "/summary/print", "/summary/export?format=xlsx"] {
                    #expect(try await browser.get(path).status == .forbidden, "\(user) opens \(path)")
                }
            }
        }
    }
}

/// LibreOffice as the reader of the workbooks (the ExportsTests do the same).
enum LibreOffice {
    static let path = ["/usr/bin/soffice", "/usr/bin/libreoffice"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The workbook's first sheet as CSV lines, converted by `soffice --headless --convert-to csv`.
    static func csvLines(_ workbook: Data) throws -> [String] {
        let soffice = try #require(path)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("summary.xlsx")
        try workbook.write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = ["-env:UserInstallation=file://\(dir.path)/profile", "--headless",
                             "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", dir.path, file.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let csv = try String(contentsOf: dir.appendingPathComponent("summary.csv"), encoding: .utf8)
        return csv.split(whereSeparator: \.isNewline).map(String.init)
    }
}
