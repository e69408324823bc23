import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

/// Issue 18 item 3: a file name cut for length keeps its extension; the too-large
/// message states the limit the check uses; `%00` in a path id is no page (not a 500).
@Suite struct UploadLimitsTests {
    typealias F = FilesFixtures

    /// 300 characters and ".pdf": kept as 200 characters that still end in ".pdf".
    @Test func aLongNameIsCutButKeepsItsExtension() async throws {
        try await withTestApp { app in
            let record = try await F.application(app)
            var b = Browser(app)
            try await b.openFiles("applicant1", record)
            let long = String(repeating: "关于水利工程施工质量的研究", count: 25) + ".pdf"
            #expect(long.count > 300)
            let response = try await b.upload(record, slot: .category3, label: "毕业证书", filename: long, bytes: F.pdf(pages: 1))
            #expect(response.status == .seeOther)
            let file = try #require(try await F.files(app).first)
            #expect(file.originalName.count == FilesController.fileNameLimit)
            #expect(file.originalName.hasSuffix(".pdf"), "\(file.originalName.suffix(8))")
            #expect(long.hasPrefix(String(file.originalName.dropLast(4))))
        }
    }

    /// The kept extension still has to match the content: a PNG under a long ".pdf" name is refused.
    @Test func aLongNameStillHasItsExtensionChecked() async throws {
        try await withTestApp { app in
            let record = try await F.application(app)
            var b = Browser(app)
            try await b.openFiles("applicant1", record)
            let long = String(repeating: "证", count: 400) + ".pdf"
            let refused = try await b.upload(record, slot: .category3, label: "证书", filename: long, bytes: F.png)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("文件扩展名为.pdf，但内容不是PDF文件"))
            #expect(try await F.files(app).isEmpty)
        }
    }

    /// One byte over: the message says the file is over the limit in numbers that show it
    /// ("20.1 MB", not "20.0 MB"), and the limit is the one the check uses.
    @Test func theTooLargeMessageStatesTheRealLimit() async throws {
        try await withTestApp { app in
            let record = try await F.application(app)
            var b = Browser(app)
            try await b.openFiles("applicant1", record)
            let big = F.pngSignature + [UInt8](repeating: 0, count: DossierFileRules.maxBytes + 1 - 8)
            let response = try await b.upload(record, slot: .category4, label: "证书", filename: "证书.png", bytes: big)
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("超过了每个文件 \(DossierFileRules.limitText) 的上限"))
            #expect(DossierFileRules.limitText == "\(DossierFileRules.maxBytes / (1024 * 1024)) MB")
            #expect(response.text.contains("文件大小为 20.1 MB"), "one byte over reads as over")
            #expect(!response.text.contains("20.0 MB"))
            #expect(try await F.files(app).isEmpty)
        }
    }

    @Test func namesAndSizesInWords() {
        #expect(DossierFileRules.shortenedName("a.pdf", maxLength: 200) == "a.pdf")
        #expect(DossierFileRules.shortenedName(String(repeating: "x", count: 250) + ".docx", maxLength: 200)
            == String(repeating: "x", count: 195) + ".docx")
        #expect(DossierFileRules.shortenedName(String(repeating: "y", count: 250), maxLength: 200) == String(repeating: "y", count: 200))
        #expect(DossierFileRules.sizeTextAbove(20 * 1024 * 1024 + 1) == "20.1 MB")
        #expect(DossierFileRules.sizeTextAbove(21 * 1024 * 1024) == "21.0 MB")
        #expect(FileProblem.tooLarge(bytes: 25 * 1024 * 1024).message.contains("超过了每个文件 \(DossierFileRules.limitText) 的上限"))
    }

    /// A NUL or another control character in a path id: 404, never a 500 or a crash,
    /// for a signed-in person whose role may open the page.
    @Test func aNULInAPathIDIsNoPage() async throws {
        try await withTestApp { app in
            let record = try await F.application(app)
            let id = record.id!.uuidString
            var office = Browser(app)
            try await office.login("office")
            var applicant = Browser(app)
            try await applicant.login("applicant1")
            let paths = ["/applications/%00/progress", "/applications/\(id)%00/files", "/applications/%00",
                         "/applications/\(id)/files/%00", "/applications/\(id)/sections/%00", "/verify/%00",
                         "/verify/ABC%00DEF", "/committee/exports/%00", "/committee/panels/%00", "/applications/\(id)/versions/%00",
                         "/applications/\(id)%0A/progress", "/verify/%0D%0AX", "/%00", "/applications/%C0%80/progress"]
            for path in paths {
                for var browser in [office, applicant] {
                    let response = try await browser.get(path)
                    #expect([.notFound, .badRequest].contains(response.status), "\(path): \(response.status)")
                }
            }
            #expect(try await app.testing().sendRequest(.GET, "/healthz").status == .ok)
            // The real page is still there.
            #expect(try await applicant.get("/applications/\(id)/files").status == .ok)
        }
    }
}
