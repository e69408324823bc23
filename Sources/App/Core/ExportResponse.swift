import Exports
import Foundation
import Vapor

/// One way every list is downloaded: .xlsx or CSV, with an ASCII file name and
/// the Chinese one for browsers that read `filename*` (RFC 6266).
enum ExportFormat: String, Sendable {
    case xlsx, csv

    /// From the `format` query parameter; anything else is not a download.
    init(query req: Request) throws {
        guard let raw = req.query[String.self, at: "format"], let format = ExportFormat(rawValue: raw) else {
            throw PageError.notFound
        }
        self = format
    }

    func response(_ table: ExportTable, asciiName: String, chineseName: String? = nil) throws -> Response {
        var headers = HTTPHeaders()
        var disposition = "attachment; filename=\"\(asciiName).\(rawValue)\""
        if let chineseName, let encoded = "\(chineseName).\(rawValue)".addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
            disposition += "; filename*=UTF-8''\(encoded)"
        }
        headers.replaceOrAdd(name: .contentDisposition, value: disposition)
        switch self {
        case .xlsx:
            headers.contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            return Response(status: .ok, headers: headers, body: .init(data: try XLSXWriter.write(table)))
        case .csv:
            headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
            return Response(status: .ok, headers: headers, body: .init(data: Data(CSVWriter.write(table))))
        }
    }
}
