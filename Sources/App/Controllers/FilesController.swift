import Domain
import Fluent
import Vapor

/// Uploads, the materials list and downloads of a declaration's files, and
/// the dossier's table of contents. Every route loads the application
/// through `req.application(for:)`, so `AccessPolicy` decides each time.
struct FilesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        func page(_ page: SiteURL.ApplicationPage) -> SiteURL { .application(.pattern, page) }
        routes.get(page(.files), use: list).requires(.viewApplication)
        // Streamed: the body is parsed here, token first, so the CSRF
        // middleware (which would need the whole body) stands aside.
        routes.on(.POST, page(.files).pathComponents, body: .stream, use: upload).requires(.editApplication).streamsBody()
        routes.get(page(.file(.pattern)), use: download).requires(.viewApplication)
        routes.post(page(.deleteFile(.pattern)), use: delete).requires(.editApplication)
        routes.get(page(.print(.dossier)), use: printDossier).requires(.viewApplication)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        return try await FilesPage.load(req, application).render().response()
    }

    @Sendable func download(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        let file = try await storedFile(req, of: application)
        let store = FileStore(req)
        guard let path = store.path(forStorageName: file.storageName), await store.exists(storageName: file.storageName) else {
            req.logger.error("stored file missing on disk: \(file.storageName)")
            throw PageError.notFound
        }
        let kind = FileKind(rawValue: file.fileType)
        let response = try await req.fileio.asyncStreamFile(at: path, mediaType: kind.map(Self.mediaType))
        response.headers.replaceOrAdd(name: .contentDisposition, value: Self.attachment(file.originalName))
        return response
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let application = try await req.application(for: .editApplication)
        let file = try await storedFile(req, of: application)
        let detail = "slot=\(file.slot) type=\(file.fileType) size=\(file.size)"
        let applicationID = try application.requireID()
        try await req.transaction { db in
            try await file.delete(on: db)
            try await AuditLog.append(req.auditEntry("file.delete", objectType: "application", objectID: applicationID.uuidString,
                                                     detail: detail), on: db)
        }
        // The bytes go only after the row is gone for good, so a failed
        // transaction never leaves a row without its file.
        await FileStore(req).delete(storageName: file.storageName)
        return req.redirect(to: SiteURL.application(.value(applicationID), .files)
            .path(query: ["done": "deleted"], fragment: "slot-\(file.slot)"))
    }

    @Sendable func printDossier(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        return try await DossierContentsPage.load(req, application).render().response()
    }

    // MARK: - Shared

    /// A file of this application named by `:fileID`; another application's file is "not found".
    func storedFile(_ req: Request, of application: ApplicationRecord) async throws -> StoredFile {
        guard let id = req.parameters.get("fileID", as: UUID.self),
              let file = try await StoredFile.find(id, of: application.requireID(), on: req.db) else {
            throw PageError.notFound
        }
        return file
    }

    static func mediaType(_ kind: FileKind) -> HTTPMediaType {
        let parts = kind.mimeType.split(separator: "/", maxSplits: 1).map(String.init)
        return HTTPMediaType(type: parts[0], subType: parts[1])
    }

    /// `attachment; filename*=UTF-8''…` (RFC 6266/5987): the original name,
    /// Chinese included, percent-encoded so no byte of it can break the header.
    static func attachment(_ name: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~")
        return "attachment; filename*=UTF-8''" + (name.addingPercentEncoding(withAllowedCharacters: allowed) ?? "file")
    }
}
