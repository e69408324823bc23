import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import ZIPFoundation
@testable import Exports

/// The 汇总表 and other lists as .xlsx and CSV (issue 9 item 5): read back by
/// ZIPFoundation and, where LibreOffice is installed, by `soffice --convert-to csv`.
@Suite struct XLSXWriterTests {
    let table = ExportTable(
        title: "评审材料汇总表",
        headers: ["序号", "姓名", "工作单位", "评审费（元）"],
        rows: [
            [.number("1"), .text("张伟"), .text("长治市示例水利勘测设计院"), .number("300")],
            [.number("2"), .text("李强 <\"&'>"), .text("襄垣县示例煤机制造有限公司,一分厂\n二车间"), .number("260")],
            [.number("3"), .text("=SUM(A1)"), .text(""), .number("260")],
        ])

    /// The sheet's cells as text, parsed from the written workbook.
    func cells(_ data: Data) throws -> [[String]] {
        let archive = try Archive(data: data, accessMode: .read)
        for required in ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"] {
            #expect(archive[required] != nil, "missing part \(required)")
        }
        let entry = try #require(archive["xl/worksheets/sheet1.xml"])
        var xml = Data()
        _ = try archive.extract(entry) { xml.append($0) }
        let reader = SheetReader()
        let parser = XMLParser(data: xml)
        parser.delegate = reader
        #expect(parser.parse(), "sheet1.xml is well-formed XML")
        return reader.rows
    }

    @Test func rowsReadBackExactly() throws {
        let data = try XLSXWriter.write(table)
        let rows = try cells(data)
        #expect(rows == [table.headers] + table.rows.map { $0.map(\.text) })
    }

    @Test func columnLettersAndSheetNames() {
        #expect(XLSXWriter.column(0) == "A")
        #expect(XLSXWriter.column(25) == "Z")
        #expect(XLSXWriter.column(26) == "AA")
        #expect(XLSXWriter.column(701) == "ZZ")
        #expect(XLSXWriter.column(702) == "AAA")
        #expect(XLSXWriter.sheetName("汇总表[2022]/县区") == "汇总表2022县区")
        #expect(XLSXWriter.sheetName(String(repeating: "表", count: 40)).count == 31)
    }

    @Test func csvQuotesAndGuardsFormulas() {
        let csv = String(decoding: CSVWriter.write(table, byteOrderMark: false), as: UTF8.self)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "序号,姓名,工作单位,评审费（元）")
        #expect(lines[1] == "1,张伟,长治市示例水利勘测设计院,300")
        #expect(csv.contains("\"李强 <\"\"&'>\",\"襄垣县示例煤机制造有限公司,一分厂\n二车间\",260"))
        #expect(csv.contains("3,'=SUM(A1),,260"))
        #expect(CSVWriter.write(table).prefix(3) == [0xEF, 0xBB, 0xBF])
    }

    /// LibreOffice reads the workbook and gives the same rows (skipped where it is not installed).
    @Test func libreOfficeReadsTheSameRows() throws {
        let soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let soffice else { return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let simple = ExportTable(title: "汇总表", headers: ["序号", "姓名", "评审费（元）"],
                                 rows: [[.number("1"), .text("张伟"), .number("300")], [.number("2"), .text("李强"), .number("260")]])
        let file = dir.appendingPathComponent("summary.xlsx")
        try XLSXWriter.write(simple).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = ["-env:UserInstallation=file://\(dir.path)/profile", "--headless",
                             "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", dir.path, file.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let csv = try String(contentsOf: dir.appendingPathComponent("summary.csv"), encoding: .utf8)
        let lines = csv.split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines == ["序号,姓名,评审费（元）", "1,张伟,300", "2,李强,260"])
    }
}

/// Collects the text of each row's cells from sheet XML.
final class SheetReader: NSObject, XMLParserDelegate {
    var rows: [[String]] = []
    private var current: [String]?
    private var text: String?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "row": current = []
        case "t", "v": text = ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text? += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "t", "v": current?.append(text ?? ""); text = nil
        case "row": rows.append(current ?? []); current = nil
        default: break
        }
    }
}
