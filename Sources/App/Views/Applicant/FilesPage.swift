import Domain
import Foundation
import Plot
import Vapor

/// 申报材料: a declaration's files grouped by dossier slot (第一类 … 第十类,
/// then 送审论文, 查重报告, 照片, 推荐专家证书), with an upload form per slot
/// while the applicant may still edit.
struct FilesPage {
    struct FileRow: Sendable {
        var id: UUID
        var label: String
        var originalName: String
        var typeLabel: String
        var size: String
        var pages: String
        var uploadedAt: String
        /// The declaration item it evidences, e.g. 《论文题目》.
        var evidences: String?
        /// Why a 送审论文's text could not be read for the duplication check (七.1).
        var textProblem: String? = nil
    }

    /// One line of the checklist that concerns this slot.
    struct Requirement: Sendable {
        var title: String
        var required: Bool
        var satisfied: Bool
        var detail: String?
    }

    struct UploadForm: Sendable {
        var itemChoices: [Choice] = []
        var itemLabel = "对应条目"
        var itemRequired = false
        /// What to do when there is nothing to choose (e.g. no technical material yet).
        var itemMissingHint: String?
        var labelHint: String
        var accept: String
        /// What was typed, kept when the upload is refused.
        var label = ""
        var itemID = ""
        /// Messages by field: file, label, itemID.
        var errors: [String: String] = [:]
    }

    struct Slot: Sendable {
        var code: String
        var title: String
        var accepted: String
        var requirements: [Requirement]
        var files: [FileRow]
        var form: UploadForm?
        /// Why there is no form (the unit's category, or the declaration is locked).
        var note: String?
    }

    var chrome: PageChrome
    var frame: DeclarationFrame
    var csrf: String
    var applicationID: UUID
    var applicantName: String
    var unitName: String
    var levelTitle: String
    var editable: Bool
    var slots: [Slot]

    private var url: DeclarationURL { DeclarationURL(id: applicationID) }

    func render() -> HTML {
        Layout.page(
            chrome,
            frame.wrap(.section(
                .class("panel dossier-files"),
                .div(.class("page-head"),
                     .h2(.text("卷宗材料")),
                     .div(.class("row-actions no-print"),
                          .a(.class("button secondary"), .href(url.dossierContents),
                             .text("卷宗目录（打印）")))),
                .p(.class("lead"), .text("\(applicantName) · \(unitName) · 申报\(levelTitle)")),
                .p(.class("hint"), .text("按通知五、七的要求分类上传。每个文件不超过 20 MB，只接受 PDF、JPEG、PNG（送审论文可为 DOCX）；PDF 不能加密。文件保存后只有本人及有权审核的人员可以下载。")),
                errorSummary,
                .nav(.class("dossier-index no-print"), .ariaLabel("材料类别"),
                     .ul(.forEach(slots) { slot in
                         .li(.a(.href("#slot-\(slot.code)"), .text(Self.shortTitle(slot.title))),
                             .text(" "), .span(.class("muted"), .text("（\(slot.files.count)）")))
                     })),
                .forEach(slots) { slotBlock($0) }
            ))
        )
    }

    /// "第三类：毕业证…" → "第三类"; other titles as they are.
    static func shortTitle(_ title: String) -> String {
        title.split(separator: "：", maxSplits: 1).first.map(String.init) ?? title
    }

    private var errorSummary: Node<HTML.BodyContext> {
        let failed = slots.filter { !($0.form?.errors.isEmpty ?? true) }
        return .if(!failed.isEmpty, .div(
            .class("error-summary"), .attribute(named: "role", value: "alert"),
            .h2(.text("文件未能上传，请按提示处理后重新选择文件上传")),
            .ul(.forEach(failed) { slot in
                .li(.a(.href("#slot-\(slot.code)"),
                       .text("\(Self.shortTitle(slot.title))：\(slot.form!.errors.sorted { $0.key < $1.key }.map(\.value).joined(separator: "；"))")))
            })
        ))
    }

    private func slotBlock(_ slot: Slot) -> Node<HTML.BodyContext> {
        let required = slot.requirements.contains(where: \.required)
        let missing = slot.requirements.contains { $0.required && !$0.satisfied }
        return .section(
            .class("dossier-slot"), .id("slot-\(slot.code)"),
            .h2(.text(slot.title), .text(" "),
                required ? .tag("必需", missing ? "warn" : "ok") : .if(slot.form != nil, .tag("按需")),
                .if(required && !missing, .tag("已齐全", "ok"))),
            .p(.class("hint"), .text("可上传：\(slot.accepted)")),
            .if(!slot.requirements.isEmpty, .ul(.class("slot-requirements"), .forEach(slot.requirements) { r in
                .li(.class(r.satisfied ? "done" : r.required ? "missing" : "optional"),
                    .text(r.title), .if(!r.required, .text("（可选）")),
                    .text(r.satisfied ? "：已上传" : "：\(r.detail ?? "尚未上传")"))
            })),
            slot.files.isEmpty ? .p(.class("muted"), .text("尚未上传文件。")) : fileTable(slot.files),
            .unwrap(slot.form) { uploadForm(slot, $0) },
            .unwrap(slot.note) { .p(.class("muted"), .text($0)) }
        )
    }

    private func fileTable(_ files: [FileRow]) -> Node<HTML.BodyContext> {
        .div(.class("table-wrap"), .table(
            .class("data files"),
            .thead(.tr(.th(.text("材料名称")), .th(.text("文件名")), .th(.text("类型")), .th(.text("大小")),
                       .th(.text("页数")), .th(.text("上传时间")), .th(.text("操作")))),
            .tbody(.forEach(files) { file in
                .tr(
                    .td(.text(file.label), .unwrap(file.evidences) { .div(.class("muted"), .text("对应：\($0)")) }),
                    .td(.class("file-name"), .text(file.originalName),
                        .unwrap(file.textProblem) { .div(.class("field-error"), .text("无法用于查重：\($0)")) }),
                    .td(.text(file.typeLabel)), .td(.class("file-size"), .text(file.size)), .td(.class("file-pages"), .text(file.pages)),
                    .td(.text(file.uploadedAt)),
                    .td(.class("row-actions"),
                        .a(.class("button small secondary"), .href(url.file(file.id)), .text("下载")),
                        .if(editable, .postButton(url.deleteFile(file.id), csrf: csrf, title: "删除", style: "danger")))
                )
            })
        ))
    }

    /// The hidden token comes first: the server checks it before it accepts
    /// any file bytes of the streamed body.
    private func uploadForm(_ slot: Slot, _ form: UploadForm) -> Node<HTML.BodyContext> {
        let id = "up-\(slot.code)"
        return .form(
            .class("upload-form no-print"), .method(.post), .action(url.files), .enctype(.multipartData),
            .csrfField(csrf),
            .input(.type(.hidden), .name("slot"), .value(slot.code)),
            .if(!form.itemChoices.isEmpty || form.itemRequired,
                .div(.class(form.errors["itemID"] == nil ? "field" : "field has-error"),
                     .label(.for("\(id)-item"), .text(form.itemLabel),
                            .if(form.itemRequired, .span(.class("required"), .text("（必填）")))),
                     .unwrap(form.errors["itemID"]) { .p(.class("field-error"), .text($0)) },
                     .unwrap(form.itemMissingHint) { .p(.class("hint"), .text($0)) },
                     .select(.attribute(named: "name", value: "itemID"), .id("\(id)-item"),
                             option("", form.itemRequired ? "请选择" : "（不对应具体条目）", selected: form.itemID.isEmpty),
                             .forEach(form.itemChoices) { option($0.value, $0.label, selected: $0.value == form.itemID) }))),
            .div(.class(form.errors["label"] == nil ? "field" : "field has-error"),
                 .label(.for("\(id)-label"), .text("材料名称"), .span(.class("required"), .text("（必填）"))),
                 .p(.class("hint"), .text(form.labelHint)),
                 .unwrap(form.errors["label"]) { .p(.class("field-error"), .text($0)) },
                 .input(.type(.text), .name("label"), .id("\(id)-label"), .value(form.label),
                        .attribute(named: "maxlength", value: "60"), .required(true))),
            .div(.class(form.errors["file"] == nil ? "field" : "field has-error"),
                 .label(.for("\(id)-file"), .text("选择文件"), .span(.class("required"), .text("（必填）"))),
                 .unwrap(form.errors["file"]) { .p(.class("field-error"), .attribute(named: "role", value: "alert"), .text($0)) },
                 .input(.type(.file), .name("file"), .id("\(id)-file"), .attribute(named: "accept", value: form.accept),
                        .required(true))),
            .div(.class("actions"), .button(.type(.submit), .class("button primary"), .text("上传")))
        )
    }

    private func option(_ value: String, _ label: String, selected: Bool) -> Node<HTML.SelectContext> {
        .element(named: "option", nodes: [
            Node<HTML.BodyContext>.attribute(named: "value", value: value, ignoreIfValueIsEmpty: false),
            selected ? .attribute(named: "selected", value: "selected") : .empty,
            .text(label),
        ])
    }
}

/// Words the dossier pages share.
enum DossierText {
    static func level(_ level: TargetLevel) -> String {
        switch level {
        case .engineer: "工程师"
        case .assistantEngineer: "助理工程师"
        case .technician: "技术员"
        }
    }

    /// "2022年8月1日 10:05", Beijing time whatever the server's zone.
    static func time(_ date: Date) -> String {
        let total = Int((date.timeIntervalSince1970 + 8 * 3600).rounded(.down))
        let days = Int((Double(total) / 86400).rounded(.down))
        let rest = total - days * 86400
        return "\(LocalDate(dayNumber: days).chinese) " + String(format: "%02d:%02d", rest / 3600, rest % 3600 / 60)
    }

    /// Pages in the materials list: counted for PDFs only.
    static func pages(_ kind: FileKind?, _ pages: Int?) -> String {
        kind == .pdf ? pages.map(String.init) ?? "—" : "—"
    }

    /// Pages a file takes in the printed dossier: an image prints on one page;
    /// a DOCX or a PDF whose pages could not be counted is unknown.
    static func printedPages(_ kind: FileKind?, _ pages: Int?) -> Int? {
        switch kind {
        case .jpeg, .png: 1
        case .pdf: pages
        default: nil
        }
    }
}

extension FilesPage {
    /// What the browser was typing, kept when an upload is refused.
    struct FormState {
        var slot: DossierSlot
        var label: String
        var itemID: String
        var errors: [String: String]
    }

    /// The materials page: files per slot, what the checklist still wants,
    /// and upload forms when the actor may edit.
    static func load(_ req: Request, _ application: ApplicationRecord, form state: FormState? = nil) async throws -> FilesPage {
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

    private static func uploadForm(_ slot: DossierSlot, items: [ApplicationItem], state: FormState?) -> FilesPage.UploadForm {
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
}
