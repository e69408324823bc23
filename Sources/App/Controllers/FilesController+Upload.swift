import Domain
import Fluent
import Vapor

/// The upload: a multipart body read as it streams. The form sends the CSRF
/// token first, then slot, item and label, then the file; the token is
/// checked before any file byte is accepted; the file's first bytes are
/// checked while it is written and the whole file once it is there, by
/// poppler and ZIPFoundation in the thread pool (`FileStore.Upload`), so a
/// refused file never reaches the store and nothing stored before is touched.
extension FilesController {
    /// A form field longer than this is not one of ours.
    static let fieldLimit = 4 * 1024
    /// After a refusal the rest of the body is read and dropped (so the
    /// browser gets the answer instead of a reset connection), up to this much.
    static let drainLimit = 64 * 1024 * 1024

    private struct Received {
        var csrfChecked = false
        var fields: [String: String] = [:]
        var filename: String?
        var upload: FileStore.Upload?
    }

    private enum Part {
        case field(name: String, bytes: [UInt8])
        case file
        case ignored
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let application = try await req.application(for: .editApplication)
        guard let boundary = MultipartStream.boundary(of: req) else {
            throw PageError.badRequest("上传的内容格式不正确，请在材料页面选择文件后上传。")
        }
        var received = Received()
        // Scripts may send the token as a header, as for ordinary forms.
        if let header = req.headers.first(name: "X-CSRF-Token") {
            guard Self.tokenMatches(header, req.currentSession?.csrfToken) else { throw PageError.csrf }
            received.csrfChecked = true
        }
        // Bounded: at most `uploadLimiter.permits` bodies are received and checked at once.
        let limiter = req.application.uploadLimiter
        return try await limiter.withPermit {
            do {
                try await read(req, boundary: boundary, into: &received)
            } catch {
                await received.upload?.discard()
                throw error
            }
            guard received.csrfChecked else {
                await received.upload?.discard()
                throw PageError.csrf
            }
            return try await save(req, application, received)
        }
    }

    private func read(_ req: Request, boundary: String, into received: inout Received) async throws {
        let stream = MultipartStream(boundary: boundary)
        let store = FileStore(req)
        var part = Part.ignored
        var total = 0
        for try await chunk in req.body {
            total += chunk.readableBytes
            // A refused file is drained, not stored; past this, stop reading.
            if total > Self.drainLimit {
                if received.upload?.problem != nil { break }
                throw PageError.payloadTooLarge
            }
            let events: [MultipartStream.Event]
            do { events = try stream.feed(chunk) } catch {
                throw PageError.badRequest("上传的内容格式不正确，请重新选择文件上传。")
            }
            for event in events {
                switch event {
                case .partStart(let name, let filename?):
                    // No file byte before the token has been checked.
                    guard received.csrfChecked else { throw PageError.csrf }
                    guard name == "file", received.upload == nil, received.filename == nil else { part = .ignored; continue }
                    let cleaned = Self.cleanFileName(filename)
                    received.filename = cleaned
                    guard !cleaned.isEmpty else { part = .ignored; continue }
                    guard let slot = Self.uploadSlot(received.fields["slot"]) else {
                        throw PageError.badRequest("未指明材料类别，请在材料页面对应类别下上传。")
                    }
                    received.upload = try await store.begin(originalName: cleaned, slot: slot)
                    part = .file
                case .partStart(let name, nil):
                    part = received.fields.count < 8 ? .field(name: name, bytes: []) : .ignored
                case .body(let buffer):
                    switch part {
                    case .field(let name, var bytes):
                        bytes.append(contentsOf: buffer.readableBytesView)
                        guard bytes.count <= Self.fieldLimit else { throw PageError.badRequest("表单内容过长。") }
                        part = .field(name: name, bytes: bytes)
                    case .file:
                        try await received.upload?.append(buffer)
                    case .ignored:
                        break
                    }
                case .partEnd:
                    if case .field(let name, let bytes) = part, received.fields[name] == nil {
                        let value = String(decoding: bytes, as: UTF8.self)
                        received.fields[name] = value
                        if name == CSRFMiddleware.field {
                            guard Self.tokenMatches(value, req.currentSession?.csrfToken) else { throw PageError.csrf }
                            received.csrfChecked = true
                        }
                    }
                    part = .ignored
                }
            }
        }
    }

    /// Checks the form, then either stores the file with its row and audit
    /// record, or shows the page again with the problem beside the slot.
    private func save(_ req: Request, _ application: ApplicationRecord, _ received: Received) async throws -> Response {
        guard let slot = Self.uploadSlot(received.fields["slot"]) else {
            await received.upload?.discard()
            throw PageError.badRequest("未指明材料类别，请在材料页面对应类别下上传。")
        }
        let label = (received.fields["label"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let itemID = (received.fields["itemID"] ?? "").trimmingCharacters(in: .whitespaces)
        var errors: [String: String] = [:]
        if label.isEmpty {
            errors["label"] = "请填写材料名称（如：\(Self.labelExample(slot))）"
        } else if label.count > 60 {
            errors["label"] = "材料名称不超过60个字"
        }
        let item = try await evidencedItem(req, application, slot: slot, itemID: itemID, errors: &errors)
        var scan: FileScan?
        if let upload = received.upload {
            switch try await upload.finish() {
            case .success(let result): scan = result
            case .failure(let problem): errors["file"] = problem.message
            }
        } else {
            errors["file"] = "请选择要上传的文件"
        }
        guard errors.isEmpty, let upload = received.upload, let scan else {
            await received.upload?.discard()
            let state = FilesPage.FormState(slot: slot, label: label, itemID: itemID, errors: errors)
            return try await FilesPage.load(req, application, form: state).render().response(status: .unprocessableEntity)
        }
        let stored = try await upload.commit(scan)
        let applicationID = try application.requireID()
        let originalName = upload.originalName
        do {
            let uploader = try req.currentUser!.requireID()
            let file = StoredFile(applicationID: applicationID, slot: slot, itemID: item, label: label,
                                  originalName: originalName, stored: stored, uploadedBy: uploader)
            try await req.transaction { db in
                try await file.create(on: db)
                try await AuditLog.append(req.auditEntry(
                    "file.upload", objectType: "application", objectID: applicationID.uuidString,
                    detail: "slot=\(slot.rawValue) type=\(stored.kind.rawValue) size=\(stored.scan.size)"), on: db)
            }
            // 送审论文: its text is extracted now for the duplication check (七.1); an
            // unreadable text is recorded with its reason, the upload stands.
            await PaperTextExtraction.indexUpload(req, file: file, year: application.year)
        } catch {
            // No row, no file: the store must not keep bytes nobody can see.
            await FileStore(req).delete(storageName: stored.storageName)
            throw error
        }
        return req.redirect(to: SiteURL.application(.value(applicationID), .files)
            .path(query: ["done": "uploaded"], fragment: "slot-\(slot.rawValue)"))
    }

    /// The item a file evidences, when the slot has them: one of this
    /// application's items of the slot's sections.
    private func evidencedItem(_ req: Request, _ application: ApplicationRecord, slot: DossierSlot, itemID: String,
                               errors: inout [String: String]) async throws -> UUID? {
        let sections = FilesPage.evidenceSections(slot)
        guard !sections.isEmpty else { return nil }
        guard !itemID.isEmpty else {
            switch slot {
            case .expertCertificate: errors["itemID"] = "请选择该证书的推荐专家所推荐的实用技术材料"
            case .expertRecommendation: errors["itemID"] = "请选择该《专家推荐意见表》推荐的实用技术材料"
            case .paperSearchPage: errors["itemID"] = "请选择该检索网页对应的论文或论著"
            case .technicalReportText: errors["itemID"] = "请选择该全文对应的技术报告"
            default: break
            }
            return nil
        }
        guard let id = UUID(uuidString: itemID),
              let item = try await ApplicationItem.find(id, of: application.requireID(), on: req.db),
              let section = item.sectionValue, sections.contains(section) else {
            errors["itemID"] = "所选条目不存在，请重新选择"
            return nil
        }
        return id
    }

    /// A slot the applicant uploads into (第一类 is the unit's).
    static func uploadSlot(_ raw: String?) -> DossierSlot? {
        guard let slot = raw.flatMap(DossierSlot.init(rawValue:)), DossierSlot.applicantSlots.contains(slot) else { return nil }
        return slot
    }

    static func labelExample(_ slot: DossierSlot) -> String {
        let hint = FilesPage.labelHint(slot)
        guard hint.hasPrefix("如：") else { return "毕业证书" }
        return String(hint.dropFirst(2).prefix { $0 != "、" && $0 != "（" })
    }

    /// Longest file name kept (characters).
    static let fileNameLimit = 200

    /// The name without any folder a browser may send, control characters
    /// or surrounding spaces, at most 200 characters, its extension kept.
    static func cleanFileName(_ raw: String) -> String {
        let base = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let visible = String(base.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) })
        return DossierFileRules.shortenedName(visible.trimmingCharacters(in: .whitespaces), maxLength: fileNameLimit)
    }

    /// Constant-time comparison, as `Request.hasValidCSRFToken` does for ordinary forms.
    static func tokenMatches(_ submitted: String, _ expected: String?) -> Bool {
        guard let expected else { return false }
        let a = Array(submitted.utf8), b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in a.indices { diff |= a[i] ^ b[i] }
        return diff == 0
    }
}
