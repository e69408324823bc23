import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

@Suite struct FilesPagesTests {
    typealias F = FilesFixtures

    @Test func materialsListShowsEachFileWithSizePagesTimeAndCategory() async throws {
        try await withTestApp { app in
            let record = try await F.application(app)
            var b = Browser(app)
            let empty = try await b.openFiles("applicant1", record)
            #expect(empty.status == .ok)
            // Slots in the notice's order, with forms whose token comes first.
            let anchors = DossierSlot.allCases.map { #"id="slot-\#($0.rawValue)""# }
            let positions = anchors.compactMap { empty.text.range(of: $0)?.lowerBound }
            #expect(positions.count == anchors.count && positions == positions.sorted())
            #expect(DossierSlot.allCases.allSatisfy { empty.text.contains($0.title) })
            #expect(empty.text.contains(#"enctype="multipart/form-data""#))
            let form = try #require(empty.text.range(of: #"<form class="upload-form"#))
            let afterForm = empty.text[form.upperBound...]
            #expect(afterForm.range(of: #"name="csrf""#)!.lowerBound < afterForm.range(of: #"name="file""#)!.lowerBound)
            #expect(empty.text.contains("必需"), "engineer level requires 第三类 and the photo")

            try await b.upload(record, slot: .category3, label: "毕业证书", filename: "毕业证书.pdf", bytes: F.pdf(pages: 3))
            try await b.upload(record, slot: .photo, label: "红底小2寸照片", filename: "照片.png", bytes: F.png)
            let page = try await b.get("/applications/\(record.id!.uuidString)/files?done=uploaded")
            #expect(page.text.contains("文件已上传。"))
            #expect(page.text.contains("毕业证书.pdf"))
            #expect(page.text.contains(#"<td>PDF</td><td class="file-size">1 KB</td><td class="file-pages">3</td>"#))
            #expect(page.text.contains(#"<td>PNG 图片</td><td class="file-size">1 KB</td><td class="file-pages">—</td>"#))
            #expect(page.text.range(of: #"\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}"#, options: .regularExpression) != nil)
            let file = try #require(try await F.files(app).first { $0.slot == "category3" })
            #expect(page.text.contains("/applications/\(record.id!.uuidString)/files/\(file.id!.uuidString)/delete"))
            #expect(page.text.contains("第三类：毕业证、学位证及学历证明：已上传"))
        }
    }

    @Test func userTextIsEscapedInThePage() async throws {
        try await withTestApp { app in
            let record = try await F.application(app)
            var b = Browser(app)
            try await b.openFiles("applicant1", record)
            let refused = try await b.upload(record, slot: .category3, label: #""><script>x</script>"#, filename: "a.pdf",
                                             bytes: F.png)
            #expect(refused.status == .unprocessableEntity)
            #expect(!refused.text.contains("<script>x"))
            try await b.upload(record, slot: .category3, label: "<b>证书</b>", filename: "<i>.pdf", bytes: F.pdf(pages: 1))
            let page = try await b.get("/applications/\(record.id!.uuidString)/files")
            #expect(!page.text.contains("<b>证书") && !page.text.contains("<i>.pdf"))
        }
    }

    @Test func contentsNumberThePagesThroughTheCategories() async throws {
        try await withTestApp { app in
            let record = try await F.application(app)
            var b = Browser(app)
            try await b.openFiles("applicant1", record)
            try await b.upload(record, slot: .category6, label: "论文一", filename: "p1.pdf", bytes: F.pdf(pages: 2))
            try await b.upload(record, slot: .category3, label: "毕业证书", filename: "d.pdf", bytes: F.pdf(pages: 3))
            try await b.upload(record, slot: .category4, label: "聘任书", filename: "c.png", bytes: F.png)
            try await b.upload(record, slot: .submittedPaper, label: "送审论文全文", filename: "s.docx", bytes: F.docx)
            try await b.upload(record, slot: .photo, label: "照片", filename: "photo.png", bytes: F.png)
            let page = try await b.get("/applications/\(record.id!.uuidString)/print/dossier")
            #expect(page.status == .ok)
            let text = page.text
            #expect(text.contains("专业技术职务任职资格评审材料卷宗目录"))
            #expect(text.contains("张伟") && text.contains(AdminFixtures.waterUnit) && text.contains("工程师"))
            #expect(text.contains("<td>送审论文全文</td><td>DOCX</td><td class=\"num\">—</td>"))
            #expect(text.contains("<td>毕业证书</td><td>PDF</td><td class=\"num\">3</td><td class=\"num toc-range\">1–3</td>"))
            #expect(text.contains("<td>聘任书</td><td>PNG</td><td class=\"num\">1</td><td class=\"num toc-range\">4</td>"))
            #expect(text.contains("<td>论文一</td><td>PDF</td><td class=\"num\">2</td><td class=\"num toc-range\">5–6</td>"))
            #expect(text.contains("共 4 份材料，合计 6 页"), "the photo is not bound in the dossier")
            #expect(text.contains("其中 1 份文件"))
            let order = ["第一类", "第二类", "第三类", "第四类", "第五类", "第六类", "第七类", "第八类", "第九类", "第十类"]
                .compactMap { text.range(of: $0)?.lowerBound }
            #expect(order.count == 10 && order == order.sorted())
        }
    }

    @Test func contentsNumberingIsPure() {
        let entries: [DossierContentsPage.Entry] = [
            .init(slot: .category7, label: "验收意见", typeLabel: "PDF", pages: 5),
            .init(slot: .duplicationReport, label: "检测报告", typeLabel: "PDF", pages: 2),
            .init(slot: .category2, label: "业务工作总结", typeLabel: "PDF", pages: 4),
            .init(slot: .expertCertificate, label: "专家证书", typeLabel: "JPEG", pages: 1),
            .init(slot: .category6, label: "论文", typeLabel: "PDF", pages: nil),
        ]
        let page = DossierContentsPage(chrome: PageChrome(title: "t"), applicationID: UUID(), applicantName: "", unitName: "",
                                       levelTitle: "", specialty: "", year: 2022, entries: entries)
        let rows = page.categories.flatMap(\.rows)
        #expect(rows.map(\.label) == ["业务工作总结", "检测报告", "论文", "专家证书", "验收意见"])
        #expect(rows.map(\.range) == ["1–4", "5–6", "—", "7", "8–12"])
        #expect(page.categories[1].range == "1–6")
        #expect(page.categories[5].range == "7")
        #expect(page.categories[0].range == "—")
        #expect(page.totalPages == 12 && page.unknownCount == 1 && page.fileCount == 5)
    }
}
