import Foundation
import Domain
import Plot
import Vapor

/// 专业技术职务任职资格评审材料卷宗目录: the table of contents bound at the
/// front of the dossier (五.4), categories 第一类 … 第十类 in order, each file
/// with its pages and its running page numbers (起止页码), for A4 printing.
struct DossierContentsPage {
    /// A stored file as the contents need it.
    struct Entry: Sendable {
        var slot: DossierSlot
        var label: String
        var typeLabel: String
        /// Printed pages; nil when unknown (DOCX, uncountable PDF).
        var pages: Int?
    }

    struct Row: Sendable, Equatable {
        var number: Int
        var label: String
        var typeLabel: String
        var pages: String
        var range: String
    }

    struct Category: Sendable {
        var number: Int
        var title: String
        var rows: [Row]
        var range: String
    }

    var chrome: PageChrome
    var applicationID: UUID
    var applicantName: String
    var unitName: String
    var levelTitle: String
    var specialty: String
    var year: Int
    private(set) var categories: [Category] = []
    private(set) var fileCount = 0
    private(set) var totalPages = 0
    private(set) var unknownCount = 0

    init(chrome: PageChrome, applicationID: UUID, applicantName: String, unitName: String, levelTitle: String,
         specialty: String, year: Int, entries: [Entry]) {
        self.chrome = chrome
        self.applicationID = applicationID
        self.applicantName = applicantName
        self.unitName = unitName
        self.levelTitle = levelTitle
        self.specialty = specialty
        self.year = year
        number(entries)
    }

    /// Numbers the pages through the categories in order. A file whose pages
    /// are unknown gets no numbers and is counted apart, so the known
    /// numbers stay right and the binder knows what to check.
    private mutating func number(_ entries: [Entry]) {
        let order = Dictionary(uniqueKeysWithValues: DossierSlot.allCases.enumerated().map { ($1, $0) })
        var page = 0, serial = 0
        for n in 1...10 {
            // Within a category: the slot order (第二类: 总结, then 送审论文, then 检测报告), then upload order.
            let inCategory = entries.enumerated().filter { $0.element.slot.category == n }
                .sorted { (order[$0.element.slot]!, $0.offset) < (order[$1.element.slot]!, $1.offset) }.map(\.element)
            var rows: [Row] = []
            var first: Int?, last: Int?
            for entry in inCategory {
                serial += 1
                fileCount += 1
                guard let pages = entry.pages, pages > 0 else {
                    unknownCount += 1
                    rows.append(Row(number: serial, label: entry.label, typeLabel: entry.typeLabel, pages: "—", range: "—"))
                    continue
                }
                let start = page + 1
                page += pages
                first = first ?? start
                last = page
                rows.append(Row(number: serial, label: entry.label, typeLabel: entry.typeLabel, pages: String(pages),
                                range: Self.range(start, page)))
            }
            let title = DossierSlot(rawValue: "category\(n)")?.title ?? "第\(n)类"
            categories.append(Category(number: n, title: title, rows: rows,
                                       range: first.map { Self.range($0, last!) } ?? "—"))
        }
        totalPages = page
    }

    static func range(_ start: Int, _ end: Int) -> String {
        start == end ? String(start) : "\(start)–\(end)"
    }

    func render() -> HTML {
        Layout.page(
            chrome,
            .section(
                .class("panel dossier-contents"),
                .h1(.text("专业技术职务任职资格评审材料卷宗目录")),
                .table(
                    .class("data dossier-meta"),
                    .tbody(
                        .tr(.th(.text("申报人")), .td(.text(applicantName)), .th(.text("工作单位")), .td(.text(unitName))),
                        .tr(.th(.text("申报资格")), .td(.text(levelTitle)), .th(.text("申报专业")), .td(.text(specialty))),
                        .tr(.th(.text("评审年度")), .td(.text("\(year)年度")), .th(.text("材料总页数")),
                            .td(.text("\(totalPages) 页")))
                    )
                ),
                .table(
                    .class("data dossier-toc"),
                    .thead(.tr(.th(.text("序号")), .th(.text("材料名称")), .th(.text("类型")), .th(.text("页数")),
                               .th(.text("起止页码")))),
                    .forEach(categories) { category in
                        .tbody(
                            .tr(.class("toc-category"),
                                .th(.attribute(named: "colspan", value: "4"), .text(category.title)),
                                .th(.class("toc-range"), .text(category.range))),
                            .if(category.rows.isEmpty, .tr(.td(.attribute(named: "colspan", value: "5"), .class("muted"),
                                                               .text("（无）")))),
                            .forEach(category.rows) { row in
                                .tr(.td(.text(String(row.number))), .td(.text(row.label)), .td(.text(row.typeLabel)),
                                    .td(.class("num"), .text(row.pages)), .td(.class("num toc-range"), .text(row.range)))
                            }
                        )
                    }
                ),
                .p(.class("dossier-total"),
                   .text("共 \(fileCount) 份材料，合计 \(totalPages) 页。")),
                .if(unknownCount > 0, .p(.class("notice warning"),
                    .text("其中 \(unknownCount) 份文件（Word 文档或未能识别页数的 PDF）页数未知，未编入页码，装订时请核对并补写。"))),
                .p(.class("hint no-print"),
                   .text("请使用浏览器的打印功能（Ctrl+P）以 A4 纸打印，装订于卷宗首页。页码只计已上传到系统的材料，"
                         + "未上传的材料（如单位提供的第一类材料）和照片不编入页码，装订时请核对。")),
                .p(.class("no-print"), .a(.href(DeclarationURL(id: applicationID).files), .text("返回申报材料")))
            )
        )
    }
}

extension DossierContentsPage {
    /// The application's files in upload order, each counted in printed pages.
    static func load(_ req: Request, _ application: ApplicationRecord) async throws -> DossierContentsPage {
        let files = try await StoredFile.uploaded(to: application.requireID(), on: req.db)
        let entries = files.compactMap { file -> Entry? in
            guard let slot = DossierSlot(rawValue: file.slot) else { return nil }
            let kind = FileKind(rawValue: file.fileType)
            return .init(slot: slot, label: file.label, typeLabel: kind?.shortName ?? file.fileType,
                         pages: DossierText.printedPages(kind, file.pages))
        }
        return DossierContentsPage(
            chrome: PageChrome(req: req, title: "材料卷宗目录"), applicationID: try application.requireID(),
            applicantName: application.$applicant.value?.realName ?? "", unitName: application.$unit.value?.name ?? "",
            levelTitle: DossierText.level(application.level), specialty: application.specialty, year: application.year,
            entries: entries)
    }
}
