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
        return try await materialsPage(req, application).render().response()
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
        let files = try await StoredFile.query(on: req.db).filter(\.$application.$id == application.requireID())
            .sort(\.$uploadedAt).sort(\.$id).all()
        let entries = files.compactMap { file -> DossierContentsPage.Entry? in
            guard let slot = DossierSlot(rawValue: file.slot) else { return nil }
            let kind = FileKind(rawValue: file.fileType)
            return .init(slot: slot, label: file.label, typeLabel: kind?.shortName ?? file.fileType,
                         pages: DossierText.printedPages(kind, file.pages))
        }
        let page = DossierContentsPage(
            chrome: PageChrome(req: req, title: "材料卷宗目录"), applicationID: try application.requireID(),
            applicantName: application.$applicant.value?.realName ?? "", unitName: application.$unit.value?.name ?? "",
            levelTitle: DossierText.level(application.level), specialty: application.specialty, year: application.year,
            entries: entries)
        return page.render().response()
    }

    // MARK: - Shared

    /// A file of this application named by `:fileID`; another application's file is "not found".
    func storedFile(_ req: Request, of application: ApplicationRecord) async throws -> StoredFile {
        guard let id = req.parameters.get("fileID", as: UUID.self),
              let file = try await StoredFile.query(on: req.db).filter(\.$id == id)
                .filter(\.$application.$id == application.requireID()).first() else {
            throw PageError.notFound
        }
        return file
    }

    /// What the browser was typing, kept when an upload is refused.
    struct FormState {
        var slot: DossierSlot
        var label: String
        var itemID: String
        var errors: [String: String]
    }

    /// The materials page: files per slot, what the checklist still wants,
    /// and upload forms when the actor may edit.
    func materialsPage(_ req: Request, _ application: ApplicationRecord, form state: FormState? = nil) async throws -> FilesPage {
        let loaded = try await DeclarationSnapshot.load(application, on: req.db, engine: try req.policies(for: application).engine)
        let actor = req.actor
        let editable = AccessPolicy.decide(actor, .editApplication, .application(try application.facts())).isAllowed
        let itemNames = Dictionary(uniqueKeysWithValues: loaded.items.compactMap { item in
            item.id.map { ($0, Self.itemName(item)) }
        })
        let notice: String? = switch req.query[String.self, at: "done"] {
        case "uploaded": "文件已上传。"
        case "deleted": "文件已删除。"
        default: nil
        }
        let textProblems = try await PaperTextExtraction.errors(
            forFiles: loaded.files.filter { $0.slot == DossierSlot.submittedPaper.rawValue }.compactMap(\.id), on: req.db)
        let slots = DossierSlot.allCases.map { slot -> FilesPage.Slot in
            let rows = loaded.files.filter { $0.slot == slot.rawValue }.map { file in
                let kind = FileKind(rawValue: file.fileType)
                return FilesPage.FileRow(
                    id: file.id!, label: file.label, originalName: file.originalName,
                    typeLabel: kind?.label ?? file.fileType, size: DossierFileRules.sizeText(file.size),
                    pages: DossierText.pages(kind, file.pages), uploadedAt: file.uploadedAt.map(DossierText.time) ?? "—",
                    evidences: file.$item.id.flatMap { itemNames[$0] }, textProblem: file.id.flatMap { textProblems[$0] })
            }
            let requirements = loaded.checklist.filter { $0.target == .upload(slot) }.map {
                FilesPage.Requirement(title: $0.title, required: $0.required, satisfied: $0.satisfied, detail: $0.detail)
            }
            var form: FilesPage.UploadForm?
            var note: String?
            if slot == .category1 {
                note = "第一类（单位推荐报告、公示情况一览表）由单位在民主评议和公示后提供。"
            } else if editable {
                form = uploadForm(slot, items: loaded.items, state: state?.slot == slot ? state : nil)
            }
            // A locked declaration says so once, in the frame, not under every slot.
            return FilesPage.Slot(code: slot.rawValue, title: slot.title,
                                  accepted: slot.acceptedKinds.map(\.shortName).joined(separator: "、"),
                                  requirements: requirements, files: rows, form: form, note: note)
        }
        return FilesPage(
            chrome: PageChrome(req: req, title: "卷宗材料", notice: notice),
            frame: .make(loaded, activePath: DeclarationURL(id: try application.requireID()).files, viewer: req.currentUser),
            csrf: try await req.csrfToken(),
            applicationID: try application.requireID(),
            applicantName: application.$applicant.value?.realName ?? "", unitName: application.$unit.value?.name ?? "",
            levelTitle: DossierText.level(application.level),
            editable: editable, slots: slots)
    }

    private func uploadForm(_ slot: DossierSlot, items: [ApplicationItem], state: FormState?) -> FilesPage.UploadForm {
        let sections = Self.evidenceSections(slot)
        let choices = items.filter { item in item.sectionValue.map(sections.contains) ?? false }.map { item in
            Choice(value: item.id!.uuidString, label: "\(item.sectionValue!.title)：\(Self.itemName(item))")
        }
        var form = FilesPage.UploadForm(
            labelHint: Self.labelHint(slot),
            accept: slot.acceptedKinds.map { kind in
                kind == .jpeg ? ".jpg,.jpeg" : ".\(kind.fileExtension)"
            }.joined(separator: ","),
            label: Self.defaultLabel(slot))
        if !sections.isEmpty {
            form.itemChoices = choices
            form.itemRequired = Self.itemRequired(slot)
            form.itemLabel = Self.isExpertSlot(slot) ? "推荐的实用技术材料" : "对应的申报条目"
            if choices.isEmpty {
                form.itemMissingHint = Self.isExpertSlot(slot)
                    ? "请先在申报表中填写实用技术材料及推荐专家。"
                    : "申报表中尚无可对应的条目，请先在申报表中填写。"
            }
        }
        if let state {
            form.label = state.label
            form.itemID = state.itemID
            form.errors = state.errors
        }
        return form
    }

    // MARK: - Slot facts

    /// The declaration sections a file of this slot can evidence.
    static func evidenceSections(_ slot: DossierSlot) -> [DeclarationSection] {
        switch slot {
        case .category6: [.papers, .books, .technicalMaterials]
        case .category7: [.achievements]
        case .expertCertificate, .expertRecommendation: [.technicalMaterials]
        case .paperSearchPage: [.papers, .books]
        case .technicalReportText: [.technicalReports]
        case .submittedPaper: Checklist.defenseSections
        case .examCertificate: [.examCertificates]
        default: []
        }
    }

    /// Slots whose file means nothing without its entry: it must name one.
    static func itemRequired(_ slot: DossierSlot) -> Bool {
        switch slot {
        // The 送审论文 is offered its entries too; the checklist asks for the link (七.1).
        case .expertCertificate, .expertRecommendation, .paperSearchPage, .technicalReportText: true
        default: false
        }
    }

    static func isExpertSlot(_ slot: DossierSlot) -> Bool { slot == .expertCertificate || slot == .expertRecommendation }

    /// A paper or material by its title, an achievement by its name, in 《》.
    static func itemName(_ item: ApplicationItem) -> String {
        let values = item.values
        return "《\(values["title"] ?? values["name"] ?? "未命名")》"
    }

    static func labelHint(_ slot: DossierSlot) -> String {
        switch slot {
        case .category1: "如：推荐报告、公示情况一览表"
        case .category2: "如：业务工作总结"
        case .category3: "如：毕业证书、学位证书、学信网学历证明、毕业生登记表"
        case .category4: "如：助理工程师证书、聘任书、专技培训证、岗位工资审批表"
        case .category5: "如：2021年度继续教育培训合格证书"
        case .category6: "如：论文封面、目录、刊号页、论文正文（每篇论文分别上传或合并为一个文件）"
        case .category7: "如：项目验收意见、批复文件、获奖证书"
        case .category8: "如：专业技术工作报告、印证材料"
        case .category9: "如：先进工作者荣誉证书"
        case .category10: "如：其他需要说明的材料"
        case .submittedPaper: "送审论文全文，用于抄袭率检测（PDF 或 Word DOCX）"
        case .duplicationReport: "如：知网抄袭率检测报告"
        case .photo: "红底小2寸照片（JPEG 或 PNG）"
        case .expertCertificate: "如：推荐专家本人的高级工程师证书"
        case .expertRecommendation: "如：专家推荐意见表（推荐专家姓名）"
        case .paperSearchPage: "如：知网检索验证网页（加盖单位人事（职称）管理部门公章）"
        case .technicalReportText: "如：技术报告全文（PDF 或 Word DOCX）"
        case .postSalaryApproval: "如：专业技术岗位工资审批表（复印件）"
        case .examCertificate: "如：职称英语合格证、计算机应用能力考试合格证"
        }
    }

    static func defaultLabel(_ slot: DossierSlot) -> String {
        switch slot {
        case .submittedPaper: "送审论文全文"
        case .duplicationReport: "抄袭率检测报告"
        case .photo: "红底小2寸照片"
        case .postSalaryApproval: "专业技术岗位工资审批表"
        default: ""
        }
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
