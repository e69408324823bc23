import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

/// Applications, items, sample files and hand-built multipart bodies for the
/// file tests. The demo data has no applications, so each test makes its own.
enum FilesFixtures {
    static func application(_ app: Application, applicant: String = "applicant1", state: ApplicationState = .draft,
                            level: TargetLevel = .engineer, year: Int = 2022) async throws -> ApplicationRecord {
        let user = try await AdminFixtures.account(applicant, app)
        let record = ApplicationRecord(applicantID: user.id!, unitID: user.$organization.id, year: year,
                                       policyID: "changzhi-2022", targetLevel: level, track: .regular, specialty: "水利水电工程")
        record.state = state.rawValue
        try await record.create(on: app.db)
        return record
    }

    static func setState(_ record: ApplicationRecord, _ state: ApplicationState, _ app: Application) async throws {
        record.state = state.rawValue
        try await record.update(on: app.db)
    }

    static func item(_ app: Application, _ record: ApplicationRecord, _ section: DeclarationSection,
                     _ values: FieldValues) async throws -> ApplicationItem {
        let item = ApplicationItem(applicationID: record.id!, section: section, position: 0, values: values)
        try await item.create(on: app.db)
        return item
    }

    static func files(_ app: Application) async throws -> [StoredFile] {
        try await StoredFile.query(on: app.db).all()
    }

    /// Every regular file under FILES_PATH (temporary ones included).
    static func filesOnDisk(_ app: Application) -> [String] {
        let root = app.config.filesPath
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        return walker.compactMap { $0 as? String }.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }

    static func filesPath(_ app: Application) -> String { app.config.filesPath }

    // MARK: - Sample files

    /// A small valid PDF (correct cross-reference table, so pdfinfo reads it
    /// without repair); `padding` bytes of binary stream data (CR and "-"
    /// included, as real files have) make it span many network chunks.
    static func pdf(pages: Int, padding: Int = 0) -> [UInt8] {
        var objects: [[UInt8]] = [Array("<< /Type /Catalog /Pages 2 0 R >>".utf8)]
        let kids = (0..<pages).map { "\($0 + 3) 0 R" }.joined(separator: " ")
        objects.append(Array("<< /Type /Pages /Kids [\(kids)] /Count \(pages) >>".utf8))
        objects += Array(repeating: Array("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".utf8), count: pages)
        if padding > 0 {
            objects.append(Array("<< /Length \(padding) >>\nstream\n".utf8)
                + (0..<padding).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 7) } + Array("\nendstream".utf8))
        }
        var bytes = Array("%PDF-1.4\n".utf8)
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(bytes.count)
            bytes += Array("\(index + 1) 0 obj\n".utf8) + object + Array("\nendobj\n".utf8)
        }
        let xref = bytes.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += String(format: "%010ld 00000 n \n", offset) }
        table += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return bytes + Array(table.utf8)
    }

    /// `source` encrypted by qpdf (AES-256). An empty user password opens
    /// without asking ("permissions only"); both kinds are refused.
    static func encrypted(_ source: [UInt8], user: String) throws -> [UInt8] {
        let qpdf = try #require(["/usr/bin/qpdf", "/usr/local/bin/qpdf"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                "qpdf is needed to make encrypted PDFs: apt-get install qpdf")
        let folder = FileManager.default.temporaryDirectory.path + "/qpdf-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(source).write(to: URL(fileURLWithPath: folder + "/in.pdf"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: qpdf)
        process.arguments = ["--encrypt", user, "owner-secret", "256", "--", folder + "/in.pdf", folder + "/out.pdf"]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "qpdf failed")
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/out.pdf")))
    }

    /// `bytes` with the last `/Encrypt` name written `/Encr#79pt` (#79 is "y"):
    /// the same name to a PDF reader, which the old hand-written scanner missed.
    static func escapedEncryptName(_ bytes: [UInt8]) throws -> [UInt8] {
        let key = Array("/Encrypt".utf8)
        let at = try #require(bytes.indices.reversed().first { bytes[$0...].starts(with: key) })
        var out = bytes
        out.replaceSubrange(at..<(at + key.count), with: Array("/Encr#79pt".utf8))
        return out
    }

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    static let png: [UInt8] = pngSignature + [0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]

    /// A ZIP archive with stored entries, local headers then the central
    /// directory (which is what ZIPFoundation reads).
    static func zip(_ entries: [(String, String)]) -> [UInt8] {
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16(v >> 16 & 0xFFFF) }
        var out: [UInt8] = [], central: [UInt8] = []
        for (name, content) in entries {
            let n = Array(name.utf8), data = Array(content.utf8)
            let offset = out.count
            out += [0x50, 0x4B, 0x03, 0x04] + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
            out += le32(0) + le32(data.count) + le32(data.count) + le16(n.count) + le16(0) + n + data
            central += [0x50, 0x4B, 0x01, 0x02] + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
            central += le32(0) + le32(data.count) + le32(data.count) + le16(n.count) + le16(0) + le16(0)
            central += le16(0) + le16(0) + le32(0) + le32(offset) + n
        }
        let start = out.count
        out += central
        out += [0x50, 0x4B, 0x05, 0x06] + le16(0) + le16(0) + le16(entries.count) + le16(entries.count)
        out += le32(central.count) + le32(start) + le16(0)
        return out
    }

    /// Word's parts: enough for the DOCX check.
    static var docx: [UInt8] {
        zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")])
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}

/// A multipart/form-data body built by hand, parts in the order given (the
/// page's form sends the token first).
struct MultipartBody {
    static let boundary = "----titleReviewBoundary7MA4YWxk"

    enum Part {
        case field(String, String)
        case file(name: String, filename: String, bytes: [UInt8])
    }

    var parts: [Part]

    var buffer: ByteBuffer {
        var out = ByteBuffer()
        for part in parts {
            out.writeString("--\(Self.boundary)\r\n")
            switch part {
            case .field(let name, let value):
                out.writeString("Content-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
            case .file(let name, let filename, let bytes):
                out.writeString("Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\n")
                out.writeString("Content-Type: application/octet-stream\r\n\r\n")
                out.writeBytes(bytes)
                out.writeString("\r\n")
            }
        }
        out.writeString("--\(Self.boundary)--\r\n")
        return out
    }
}

extension Browser {
    /// Uploads as the materials page's form does: csrf, slot, itemID, label, file.
    /// `csrf: .some(nil)` leaves the token out.
    @discardableResult
    mutating func upload(_ application: ApplicationRecord, slot: DossierSlot, label: String, filename: String,
                         bytes: [UInt8], itemID: UUID? = nil, csrf override: String?? = .none) async throws -> TestingHTTPResponse {
        var parts: [MultipartBody.Part] = []
        switch override {
        case .none: if let csrf { parts.append(.field("csrf", csrf)) }
        case .some(.some(let token)): parts.append(.field("csrf", token))
        case .some(.none): break
        }
        parts += [.field("slot", slot.rawValue), .field("itemID", itemID?.uuidString ?? ""), .field("label", label),
                  .file(name: "file", filename: filename, bytes: bytes)]
        return try await sendMultipart("/applications/\(application.id!.uuidString)/files", MultipartBody(parts: parts))
    }

    mutating func sendMultipart(_ path: String, _ body: MultipartBody) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let cookie { headers.add(name: .cookie, value: "\(SessionStore.cookieName)=\(cookie)") }
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(MultipartBody.boundary)")
        let response = try await app.testing().sendRequest(.POST, path, headers: headers, body: body.buffer)
        if let token = Self.csrfToken(in: response.body.string) { csrf = token }
        return response
    }

    /// Signs in and opens the application's materials page (which carries the token).
    @discardableResult
    mutating func openFiles(_ username: String, _ application: ApplicationRecord) async throws -> TestingHTTPResponse {
        try await login(username)
        return try await get("/applications/\(application.id!.uuidString)/files")
    }
}
