import DocumentReading
import Domain
import Fluent
import Foundation
import Similarity
import Vapor

/// Reads a document's text for the duplication check, in the thread pool (poppler's
/// pdftotext runs as a child process with a time limit; DOCX is read as XML). A file
/// whose text cannot be read gets its reason in Chinese instead of a text: the
/// upload itself stands, and the office sees why this paper cannot be checked.
enum PaperTextExtraction {
    struct Extracted: Sendable {
        var text: String
        var characters: Int
        var error: String?
    }

    /// Extracts `path` as `kind`; `name` is the name the user knows the file by.
    static func extract(path: String, kind: DocumentText.Kind, name: String, threadPool: NIOThreadPool) async -> Extracted {
        do {
            return try await threadPool.runIfActive {
                do {
                    let text = try DocumentText.extract(fileAt: URL(fileURLWithPath: path), kind: kind, name: name)
                    return Extracted(text: text, characters: Normalizer.paperCharacters(text).count, error: nil)
                } catch let error as DocumentTextError {
                    return Extracted(text: "", characters: 0, error: error.message)
                } catch {
                    return Extracted(text: "", characters: 0, error: "「\(name)」：文件已损坏或格式不正确，无法读取文字")
                }
            }
        } catch {
            return Extracted(text: "", characters: 0, error: "「\(name)」：服务器正在关闭，未能提取文字，请重新上传")
        }
    }

    /// After a 送审论文 upload: extracts and stores its text for the check. Never
    /// throws for a bad file (the reason is stored); a database failure is logged,
    /// since the upload has already been saved.
    static func indexUpload(_ req: Request, file: StoredFile, year: Int) async {
        do { try await index(file, year: year, app: req.application) } catch {
            req.logger.error("paper text for stored file \(file.id?.uuidString ?? "-") not saved: \(String(describing: error))")
        }
    }

    /// Extracts and stores one stored 送审论文's text (or the reason it has none).
    static func index(_ file: StoredFile, year: Int, app: Application) async throws {
        guard file.slot == DossierSlot.submittedPaper.rawValue else { return }
        let store = FileStore(root: app.config.filesPath, threadPool: app.threadPool)
        let extracted: Extracted
        if let path = store.path(forStorageName: file.storageName), let kind = DocumentText.Kind(rawValue: file.fileType) {
            extracted = await extract(path: path, kind: kind, name: file.originalName, threadPool: app.threadPool)
        } else {
            extracted = Extracted(text: "", characters: 0, error: "「\(file.originalName)」：不支持的文件类型，无法查重")
        }
        try await PaperText(source: .upload, applicationID: file.$application.id, storedFileID: file.id, year: year,
                            name: file.originalName, text: extracted.text, characters: extracted.characters,
                            error: extracted.error).create(on: app.db)
    }

    /// 送审论文 stored without a text (uploaded before extraction existed, or loaded by
    /// the demo) get one now, so the check never silently skips a paper.
    static func backfill(_ applications: [ApplicationRecord], app: Application) async throws {
        let years = Dictionary(applications.compactMap { a in a.id.map { ($0, a.year) } }, uniquingKeysWith: { a, _ in a })
        guard !years.isEmpty else { return }
        let files = try await StoredFile.query(on: app.db).filter(\.$application.$id ~~ Array(years.keys))
            .filter(\.$slot == DossierSlot.submittedPaper.rawValue).all()
        let ids = files.compactMap(\.id)
        guard !ids.isEmpty else { return }
        let known = Set(try await PaperText.query(on: app.db).filter(\.$storedFileID ~~ ids).all().compactMap(\.storedFileID))
        for file in files where !known.contains(file.id!) {
            try await index(file, year: years[file.$application.id] ?? 0, app: app)
        }
    }

    /// The error recorded for an uploaded file's text, if any (for the materials page).
    static func errors(forFiles ids: [UUID], on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await PaperText.query(on: db).filter(\.$storedFileID ~~ ids).filter(\.$error != nil).all()
        var out: [UUID: String] = [:]
        for row in rows { if let id = row.storedFileID, let e = row.error { out[id] = e } }
        return out
    }
}
