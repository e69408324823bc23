import Foundation

/// CSV as RFC 4180 says: CRLF line ends, fields with a comma, quote or line break
/// quoted and their quotes doubled. A UTF-8 byte-order mark goes first so that
/// Excel on a Chinese Windows opens the Chinese text correctly.
public enum CSVWriter {
    public static func write(_ table: ExportTable, byteOrderMark: Bool = true) -> [UInt8] {
        var out = byteOrderMark ? [0xEF, 0xBB, 0xBF] as [UInt8] : []
        func line(_ fields: [String]) {
            out += Array(fields.map(field).joined(separator: ",").utf8)
            out += [13, 10]
        }
        line(table.headers)
        for row in table.rows { line(row.map(\.text)) }
        return out
    }

    static func field(_ s: String) -> String {
        // A leading = + - @ would be read as a formula by spreadsheets (CSV injection).
        var value = s
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
