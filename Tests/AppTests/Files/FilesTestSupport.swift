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

    /// A minimal PDF; `padding` bytes of binary stream data (CR and "-"
    /// included, as real files have) make it span many network chunks.
    static func pdf(pages: Int, encrypted: Bool = false, padding: Int = 0) -> [UInt8] {
        var s = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        let kids = (0..<pages).map { "\($0 + 3) 0 R" }.joined(separator: " ")
        s += "2 0 obj\n<< /Type /Pages /Kids [\(kids)] /Count \(pages) >>\nendobj\n"
        for p in 0..<pages { s += "\(p + 3) 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n" }
        var bytes = Array(s.utf8)
        if padding > 0 {
            bytes += Array("30 0 obj\n<< /Length \(padding) >>\nstream\n".utf8)
            bytes += (0..<padding).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 7) }
            bytes += Array("\nendstream\nendobj\n".utf8)
        }
        bytes += Array("trailer\n<< /Root 1 0 R\(encrypted ? " /Encrypt 40 0 R" : "") >>\n%%EOF\n".utf8)
        return bytes
    }

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    static let png: [UInt8] = pngSignature + [0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]

    /// A stored-entry ZIP with Word's entries: enough for the DOCX check.
    static var docx: [UInt8] {
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16(v >> 16) }
        var out: [UInt8] = []
        for (name, content) in [("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")] {
            let n = Array(name.utf8), d = Array(content.utf8)
            out += [0x50, 0x4B, 3, 4] + le16(20) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
            out += le32(d.count) + le32(d.count) + le16(n.count) + le16(0) + n + d
        }
        return out + [0x50, 0x4B, 5, 6] + [UInt8](repeating: 0, count: 18)
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
