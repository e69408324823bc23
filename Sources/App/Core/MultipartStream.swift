import Foundation
import MultipartKit
import Vapor

/// Reads a `multipart/form-data` body as it streams in, with MultipartKit's
/// streaming parser, and turns its callbacks into events the upload handler
/// acts on in order (check the token, then accept file bytes). Nothing is
/// collected here: each chunk's events are handed over and forgotten.
final class MultipartStream {
    enum Event {
        /// A part begins; `filename` is set (possibly empty) for a file input.
        case partStart(name: String, filename: String?)
        case body(ByteBuffer)
        case partEnd
    }

    private let parser: MultipartParser
    private var events: [Event] = []
    private var headers: [(String, String)] = []
    private var inPart = false

    init(boundary: String) {
        parser = MultipartParser(boundary: boundary)
        parser.onHeader = { [unowned self] name, value in headers.append((name, value)) }
        parser.onBody = { [unowned self] buffer in
            startPartIfNeeded()
            events.append(.body(buffer))
        }
        parser.onPartComplete = { [unowned self] in
            startPartIfNeeded()
            events.append(.partEnd)
            headers = []
            inPart = false
        }
    }

    /// The boundary of a `multipart/form-data` request, nil for any other body.
    static func boundary(of req: Request) -> String? {
        guard let type = req.headers.contentType, type.type == "multipart", type.subType == "form-data",
              let boundary = type.parameters["boundary"], !boundary.isEmpty, boundary.count <= 200 else { return nil }
        return boundary
    }

    /// Parses one chunk of the body and returns what it contained.
    func feed(_ chunk: ByteBuffer) throws -> [Event] {
        try parser.execute(chunk)
        defer { events = [] }
        return events
    }

    private func startPartIfNeeded() {
        guard !inPart else { return }
        inPart = true
        let disposition = headers.first { $0.0.lowercased() == "content-disposition" }?.1 ?? ""
        let parameters = Self.dispositionParameters(disposition)
        events.append(.partStart(name: parameters["name"] ?? "", filename: parameters["filename"]))
    }

    /// `form-data; name="file"; filename="毕业证书.pdf"` → its parameters.
    /// Quoted values may hold `;` and escaped quotes; `filename*=UTF-8''…`
    /// (RFC 5987) wins over `filename` when both are sent.
    static func dispositionParameters(_ value: String) -> [String: String] {
        var result: [String: String] = [:]
        var extended: String?
        let chars = Array(value)
        var i = 0
        // Skip the disposition type.
        while i < chars.count, chars[i] != ";" { i += 1 }
        while i < chars.count {
            i += 1 // past ";"
            while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
            var key = ""
            while i < chars.count, chars[i] != "=", chars[i] != ";" { key.append(chars[i]); i += 1 }
            key = key.trimmingCharacters(in: .whitespaces).lowercased()
            guard i < chars.count, chars[i] == "=" else { continue }
            i += 1
            var parsed = ""
            if i < chars.count, chars[i] == "\"" {
                i += 1
                while i < chars.count, chars[i] != "\"" {
                    if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                    parsed.append(chars[i])
                    i += 1
                }
                while i < chars.count, chars[i] != ";" { i += 1 }
            } else {
                while i < chars.count, chars[i] != ";" { parsed.append(chars[i]); i += 1 }
                parsed = parsed.trimmingCharacters(in: .whitespaces)
            }
            if key == "filename*" {
                let pieces = parsed.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if pieces.count == 3, pieces[0].lowercased() == "utf-8" { extended = String(pieces[2]).removingPercentEncoding }
            } else if result[key] == nil {
                result[key] = parsed
            }
        }
        if let extended { result["filename"] = extended }
        return result
    }
}
