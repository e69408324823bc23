import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

@Suite struct FilesUploadTests {
    typealias F = FilesFixtures

    @Test func validPDFIsStoredUnderAGeneratedNameWithItsHashAndPages() async throws {
        try await withTestApp { app in
            let record = try await F.application(app)
            var b = Browser(app)
            #expect(try await b.openFiles("applicant1", record).status == .ok)
            let bytes = F.pdf(pages: 3)
            let response = try await b.upload(record, slot: .category3, label: "毕业证书", filename: "张伟毕业证书.pdf", bytes: bytes)
            #expect(response.status == .seeOther)
            #expect(response.location == "/applications/\(record.id!.uuidString)/files?done=uploaded#slot-category3")

            let file = try #require(try await F.files(app).first)
            #expect(file.slot == "category3")
            #expect(file.fileType == "pdf")
            #expect(file.pages == 3)
            #expect(file.size == bytes.count)
            #expect(file.sha256 == F.sha256(bytes))
            #expect(file.label == "毕业证书")
            #expect(file.originalName == "张伟毕业证书.pdf")
            #expect(UUID(uuidString: file.storageName) != nil && !file.storageName.contains("毕业"))
            let path = "\(F.filesPath(app))/\(file.storageName.prefix(2))/\(file.storageName)"
            #expect(FileManager.default.contents(atPath: path) == Data(bytes))
            #expect(F.filesOnDisk(app) == ["\(file.storageName.prefix(2))/\(file.storageName)"], "no temporary file left")

            let audit = try #require(try await AdminFixtures.auditRecords("file.upload", app).first)
            #expect(audit.objectType == "application" && audit.objectID == record.id!.uuidString)
            #expect(audit.detail == "slot=category3 type=pdf size=\(bytes.count)")
            #expect(!audit.detail.contains("张伟") && !audit.detail.contains("毕业"))
        }
    }

    @Test func pngNamedPDFIsRefusedAndNothingSavedIsLost() async throws {
        try await withTestApp { app in
            let record = try await F.application(app)
            var b = Browser(app)
            try await b.openFiles("applicant1", record)
            try await b.upload(record, slot: .category3, label: "毕业证书", filename: "毕业证书.pdf", bytes: F.pdf(pages: 1))
            let before = F.filesOnDisk(app)
            let refused = try await b.upload(record, slot: .category3, label: "学位证书", filename: "学位证书.pdf", bytes: F.png)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("文件扩展名为.pdf，但内容不是PDF文件"))
            #expect(refused.text.contains(#"value="学位证书""#), "the typed label is kept")
            #expect(try await F.files(app).count == 1)
            #expect(F.filesOnDisk(app) == before)
            #expect(try await AdminFixtures.auditRecords("file.upload", app).count == 1)
        }
    }

    @Test func emptyEncryptedAndWrongKindAreRefusedInChinese() async throws {
        try await withTestApp { app in
            let record = try await F.application(app)
            var b = Browser(app)
            try await b.openFiles("applicant1", record)
            let cases: [(DossierSlot, String, [UInt8], String)] = [
                (.category3, "空文件.pdf", [], "文件是空的"),
                (.category6, "论文.pdf", try F.encrypted(F.pdf(pages: 2), user: "secret"), "PDF 文件已加密，请去除密码保护后重新上传"),
                (.category6, "论文.pdf", try F.encrypted(F.pdf(pages: 2), user: ""), "PDF 文件已加密，请去除密码保护后重新上传"),
                (.category6, "论文.docx", F.docx, "此处只接受 PDF、JPEG、PNG 文件"),
                (.photo, "照片.pdf", F.pdf(pages: 1), "此处只接受 JPEG、PNG 文件"),
                (.category10, "说明.txt", Array("纯文本".utf8), "只接受 PDF、JPEG、PNG、DOCX 文件"),
            ]
            for (slot, name, bytes, message) in cases {
                let response = try await b.upload(record, slot: slot, label: "材料", filename: name, bytes: bytes)
                #expect(response.status == .unprocessableEntity, "\(name)")
                #expect(response.text.contains(message), "\(name): \(message)")
            }
            #expect(try await F.files(app).isEmpty)
            #expect(F.filesOnDisk(app).isEmpty)
        }
    }

    /// Issue 8: the hand-written scanner let `/Encr#79pt` (a `#`-escaped
    /// `/Encrypt`) through; poppler reads the name as every viewer does.
    @Test func escapedEncryptNameIsStillRefused() async throws {
        try await withTestApp { app in
            let record = try await F.application(app)
            var b = Browser(app)
            try await b.openFiles("applicant1", record)
            for user in ["", "secret"] {
                let trick = try F.escapedEncryptName(F.encrypted(F.pdf(pages: 1), user: user))
                let response = try await b.upload(record, slot: .category6, label: "论文", filename: "论文.pdf", bytes: trick)
                #expect(response.status == .unprocessableEntity, "user password '\(user)'")
                #expect(response.text.contains("PDF 文件已加密") || response.text.contains("PDF 文件已损坏或无法读取"))
            }
            #expect(try await F.files(app).isEmpty)
            #expect(F.filesOnDisk(app).isEmpty)
        }
    }

    /// A file that only starts like a PDF -- noise, a truncated header, a
    /// nesting bomb -- is refused as broken; the server goes on serving.
    @Test func garbageAndHostilePDFsAreRefusedAndTheServerKeepsWorking() async throws {
        try await withTestApp { app in
            let record = try await F.application(app)
            var b = Browser(app)
            try await b.openFiles("applicant1", record)
            var generator = SystemRandomNumberGenerator()
            let noise = (0..<(4 * 1024 * 1024)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let hostile: [[UInt8]] = [
                Array("%PDF-1.7\n".utf8) + noise,
                Array("%PDF-1.4\n1 0 obj\n".utf8) + [UInt8](repeating: UInt8(ascii: "["), count: 500_000),
                Array("%PDF-".utf8) + [UInt8](repeating: 0, count: 100),
            ]
            for bytes in hostile {
                let response = try await b.upload(record, slot: .category7, label: "验收证书", filename: "验收.pdf", bytes: bytes)
                #expect(response.status == .unprocessableEntity)
                #expect(response.text.contains("PDF 文件已损坏或无法读取"))
            }
            #expect(try await F.files(app).isEmpty)
            #expect(F.filesOnDisk(app).isEmpty)
            // Still serving: a good file goes through afterwards.
            let ok = try await b.upload(record, slot: .category7, label: "验收证书", filename: "验收.pdf", bytes: F.pdf(pages: 2))
            #expect(ok.status == .seeOther)
            #expect(try await F.files(app).first?.pages == 2)
        }
    }

    @Test func moreThan20MBIsRefusedWithoutStoringAnything() async throws {
        try await withTestApp { app in
            let record = try await F.application(app)
            var b = Browser(app)
            try await b.openFiles("applicant1", record)
            let big = F.pngSignature + [UInt8](repeating: 0, count: 21 * 1024 * 1024 - 8)
            let response = try await b.upload(record, slot: .category4, label: "证书", filename: "证书.png", bytes: big)
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("21.0 MB"))
            #expect(response.text.contains("超过了每个文件 20 MB 的上限"))
            #expect(try await F.files(app).isEmpty)
            #expect(F.filesOnDisk(app).isEmpty)
        }
    }

    /// Over a real socket the body arrives in many chunks: the file is
    /// hashed, inspected and written as it streams.
    @Test func uploadStreamsOverARealConnection() async throws {
        try await withTestApp { app in
            let record = try await F.application(app)
            var b = Browser(app)
            try await b.openFiles("applicant1", record)
            let bytes = F.pdf(pages: 3, padding: 3 * 1024 * 1024)
            var headers = HTTPHeaders()
            headers.add(name: .cookie, value: "\(SessionStore.cookieName)=\(b.cookie!)")
            headers.add(name: .contentType, value: "multipart/form-data; boundary=\(MultipartBody.boundary)")
            let body = MultipartBody(parts: [.field("csrf", b.csrf!), .field("slot", "category7"),
                                             .field("label", "项目验收意见"), .file(name: "file", filename: "验收.pdf", bytes: bytes)])
            let live = try app.testing(method: .running(hostname: "127.0.0.1", port: 0))
            let response = try await live.sendRequest(.POST, "/applications/\(record.id!.uuidString)/files",
                                                      headers: headers, body: body.buffer)
            // The client may follow the redirect to the materials page.
            #expect(response.status == .seeOther || response.text.contains("文件已上传。"))
            let file = try #require(try await F.files(app).first)
            #expect(file.size == bytes.count && file.pages == 3 && file.sha256 == F.sha256(bytes))
            #expect(F.filesOnDisk(app).count == 1)
        }
    }

    @Test func docxIsAcceptedForTheSubmittedPaper() async throws {
        try await withTestApp { app in
            let record = try await F.application(app)
            var b = Browser(app)
            try await b.openFiles("applicant1", record)
            let response = try await b.upload(record, slot: .submittedPaper, label: "送审论文全文", filename: "送审论文.docx",
                                              bytes: F.docx)
            #expect(response.status == .seeOther)
            let file = try #require(try await F.files(app).first)
            #expect(file.fileType == "docx" && file.pages == nil && file.slot == "submittedPaper")
        }
    }

    @Test func missingOrStaleTokenIsRefusedBeforeAnyFileByte() async throws {
        try await withTestApp { app in
            let record = try await F.application(app)
            var b = Browser(app)
            try await b.openFiles("applicant1", record)
            let missing = try await b.upload(record, slot: .category3, label: "毕业证书", filename: "a.pdf",
                                             bytes: F.pdf(pages: 1), csrf: .some(nil))
            #expect(missing.status == .forbidden)
            #expect(missing.text.contains("表单已失效"))
            let stale = try await b.upload(record, slot: .category3, label: "毕业证书", filename: "a.pdf",
                                           bytes: F.pdf(pages: 1), csrf: "stale-token-from-another-session")
            #expect(stale.status == .forbidden)
            // A token sent after the file is too late.
            let late = try await b.sendMultipart("/applications/\(record.id!.uuidString)/files", MultipartBody(parts: [
                .field("slot", "category3"), .field("label", "毕业证书"),
                .file(name: "file", filename: "a.pdf", bytes: F.pdf(pages: 1)), .field("csrf", b.csrf ?? ""),
            ]))
            #expect(late.status == .forbidden)
            #expect(try await F.files(app).isEmpty)
            #expect(F.filesOnDisk(app).isEmpty)
        }
    }

    @Test func labelIsRequiredAndTheFileIsNotKept() async throws {
        try await withTestApp { app in
            let record = try await F.application(app)
            var b = Browser(app)
            try await b.openFiles("applicant1", record)
            let response = try await b.upload(record, slot: .category3, label: "  ", filename: "a.pdf", bytes: F.pdf(pages: 1))
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("请填写材料名称"))
            #expect(F.filesOnDisk(app).isEmpty)
            let noFile = try await b.upload(record, slot: .category3, label: "毕业证书", filename: "", bytes: [])
            #expect(noFile.status == .unprocessableEntity)
            #expect(noFile.text.contains("请选择要上传的文件"))
        }
    }

    @Test func evidenceIsLinkedToTheDeclarationItem() async throws {
        try await withTestApp { app in
            let record = try await F.application(app)
            let paper = try await F.item(app, record, .papers, ["title": "水库大坝安全监测研究"])
            let material = try await F.item(app, record, .technicalMaterials, ["title": "灌区节水改造技术总结"])
            let other = try await F.application(app, applicant: "applicant2")
            let foreign = try await F.item(app, other, .papers, ["title": "别人的论文"])
            var b = Browser(app)
            let page = try await b.openFiles("applicant1", record)
            #expect(page.text.contains("学术论文：《水库大坝安全监测研究》"))
            #expect(!page.text.contains("别人的论文"))
            let ok = try await b.upload(record, slot: .category6, label: "论文正文", filename: "论文.pdf",
                                        bytes: F.pdf(pages: 4), itemID: paper.id)
            #expect(ok.status == .seeOther)
            #expect(try await F.files(app).first?.$item.id == paper.id)
            #expect(try await b.get("/applications/\(record.id!.uuidString)/files").text.contains("对应：《水库大坝安全监测研究》"))

            let foreignItem = try await b.upload(record, slot: .category6, label: "论文", filename: "b.pdf",
                                                 bytes: F.pdf(pages: 1), itemID: foreign.id)
            #expect(foreignItem.status == .unprocessableEntity)
            #expect(foreignItem.text.contains("所选条目不存在"))
            let noItem = try await b.upload(record, slot: .expertCertificate, label: "专家证书", filename: "c.pdf",
                                            bytes: F.pdf(pages: 1))
            #expect(noItem.status == .unprocessableEntity)
            #expect(try await b.upload(record, slot: .expertCertificate, label: "专家证书", filename: "c.pdf",
                                       bytes: F.pdf(pages: 1), itemID: material.id).status == .seeOther)
            #expect(try await F.files(app).count == 2)
        }
    }
}
