import Foundation
import ZIPFoundation

/// A minimal Office Open XML workbook (ECMA-376): one sheet, inline strings, a
/// bold header row, frozen under the header. Written with ZIPFoundation; opens
/// in Excel, WPS and LibreOffice.
public enum XLSXWriter {
    public enum Failure: Error, CustomStringConvertible {
        case archive(String)
        public var description: String {
            switch self { case .archive(let s): "the workbook could not be written: \(s)" }
        }
    }

    public static func write(_ table: ExportTable) throws(Failure) -> Data {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for (path, text) in parts(table) {
                let bytes = Data(text.utf8)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count),
                                     compressionMethod: .deflate) { position, size in
                    bytes.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw Failure.archive("no data") }
            return data
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .archive(String(describing: error))
        }
    }

    static func parts(_ table: ExportTable) -> [(String, String)] {
        let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        let contentTypes = header + """
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
        </Types>
        """
        let rootRels = header + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """
        let workbook = header + """
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <sheets><sheet name="\(escape(sheetName(table.title)))" sheetId="1" r:id="rId1"/></sheets></workbook>
        """
        let workbookRels = header + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        </Relationships>
        """
        let styles = header + """
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\
        </styleSheet>
        """
        var sheet = header + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        sheet += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
        sheet += "<sheetData>"
        sheet += row(1, table.headers.map { .text($0) }, style: 1)
        for (i, cells) in table.rows.enumerated() { sheet += row(i + 2, cells, style: 0) }
        sheet += "</sheetData></worksheet>"
        return [("[Content_Types].xml", contentTypes), ("_rels/.rels", rootRels), ("xl/workbook.xml", workbook),
                ("xl/_rels/workbook.xml.rels", workbookRels), ("xl/styles.xml", styles), ("xl/worksheets/sheet1.xml", sheet)]
    }

    static func row(_ number: Int, _ cells: [ExportTable.Cell], style: Int) -> String {
        var out = "<row r=\"\(number)\">"
        for (i, cell) in cells.enumerated() {
            let ref = column(i) + String(number)
            let s = style == 0 ? "" : " s=\"\(style)\""
            switch cell {
            case .number(let n) where Double(n) != nil:
                out += "<c r=\"\(ref)\"\(s)><v>\(n)</v></c>"
            default:
                out += "<c r=\"\(ref)\"\(s) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(cell.text))</t></is></c>"
            }
        }
        return out + "</row>"
    }

    /// A, B, … Z, AA, AB …
    static func column(_ index: Int) -> String {
        var n = index + 1, out = ""
        while n > 0 {
            let r = (n - 1) % 26
            out = String(UnicodeScalar(UInt8(65 + r))) + out
            n = (n - 1) / 26
        }
        return out
    }

    /// Sheet names: at most 31 characters, none of : \ / ? * [ ].
    static func sheetName(_ title: String) -> String {
        let cleaned = title.filter { !":\\/?*[]".contains($0) }
        return cleaned.isEmpty ? "Sheet1" : String(cleaned.prefix(31))
    }

    /// XML text: the five entities, and control characters XML 1.0 forbids dropped.
    static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
