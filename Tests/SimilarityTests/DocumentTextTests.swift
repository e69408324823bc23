import DocumentReading
import Foundation
import Testing
@testable import Similarity

/// Text extraction for the duplication check (issue 10, item 2): each format, and a
/// clear error naming the file and the reason for each broken case.
@Suite struct DocumentTextTests {
    static let pdftotextInstalled = TestDocuments.toolExists("pdftotext")
    static let qpdfInstalled = TestDocuments.toolExists("qpdf")
    static let sample = "齿轮传动系统的动力学分析与优化设计"

    func expectFailure(_ url: URL, _ reason: DocumentTextError.Reason, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let text = try DocumentText.extract(fileAt: url)
            Issue.record("expected \(reason), got text \(text.prefix(40))", sourceLocation: sourceLocation)
        } catch {
            #expect(error.reason == reason, sourceLocation: sourceLocation)
            #expect(error.file == url.path, sourceLocation: sourceLocation)
            #expect(error.description.hasPrefix(url.path + ": "), sourceLocation: sourceLocation)
            #expect(error.message.contains(url.path), sourceLocation: sourceLocation)
        }
    }

    func expectBroken(_ url: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try DocumentText.extract(fileAt: url)
            Issue.record("expected a broken-file error", sourceLocation: sourceLocation)
        } catch {
            guard case .broken = error.reason else {
                Issue.record("expected broken, got \(error.reason)", sourceLocation: sourceLocation); return
            }
            #expect(error.description.hasPrefix(url.path + ": broken file"), sourceLocation: sourceLocation)
        }
    }

    // MARK: plain text

    @Test("txt: UTF-8 without and with a byte-order mark")
    func utf8() throws {
        let dir = try TestDocuments.folder()
        let plain = dir.appendingPathComponent("plain.txt"), bom = dir.appendingPathComponent("bom.txt")
        try TestDocuments.write(Array(Self.sample.utf8), to: plain)
        try TestDocuments.write([0xEF, 0xBB, 0xBF] + Array(Self.sample.utf8), to: bom)
        #expect(try DocumentText.extract(fileAt: plain) == Self.sample)
        #expect(try DocumentText.extract(fileAt: bom) == Self.sample)
    }

    @Test("txt: GB18030 (GBK's superset, Notepad's old default), including a four-byte character")
    func gb18030() throws {
        let text = Self.sample + "，𠀀测试ＡＢ。"
        let bytes = try #require(DocumentText.encodeGB18030(text))
        #expect(bytes.count < text.utf8.count)
        #expect(String(validatingUTF8: bytes.map { CChar(bitPattern: $0) } + [0]) == nil)  // really not UTF-8
        let url = try TestDocuments.folder().appendingPathComponent("gb.TXT")
        try TestDocuments.write(bytes, to: url)
        #expect(try DocumentText.extract(fileAt: url) == text)
    }

    @Test("txt: UTF-16 with a byte-order mark")
    func utf16() throws {
        let url = try TestDocuments.folder().appendingPathComponent("u16.txt")
        try TestDocuments.write([0xFF, 0xFE] + Self.sample.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, to: url)
        #expect(try DocumentText.extract(fileAt: url) == Self.sample)
    }

    @Test("txt: bytes that are neither UTF-8 nor GB18030 are a broken file")
    func undecodableText() throws {
        let url = try TestDocuments.folder().appendingPathComponent("bad.txt")
        try TestDocuments.write([0x41, 0xFF, 0x42, 0x80, 0xFF], to: url)
        expectBroken(url)
    }

    @Test("empty documents: an empty file, white space only")
    func emptyText() throws {
        let dir = try TestDocuments.folder()
        let empty = dir.appendingPathComponent("empty.txt"), blank = dir.appendingPathComponent("blank.txt")
        try TestDocuments.write([], to: empty)
        try TestDocuments.write(Array(" \n\t\u{3000}\r\n".utf8), to: blank)
        expectFailure(empty, .empty)
        expectFailure(blank, .empty)
    }

    @Test("unsupported type and missing file")
    func unsupportedAndMissing() throws {
        let dir = try TestDocuments.folder()
        let doc = dir.appendingPathComponent("old.doc")
        try TestDocuments.write(Array("x".utf8), to: doc)
        expectFailure(doc, .unsupportedType("doc"))
        do {
            _ = try DocumentText.extract(fileAt: dir.appendingPathComponent("missing.txt"))
            Issue.record("expected an error")
        } catch {
            guard case .unreadable = error.reason else { Issue.record("got \(error.reason)"); return }
            #expect(error.message.contains("missing.txt"))
        }
    }

    // MARK: DOCX

    @Test("docx: paragraphs become lines; entities decoded; deleted text and text-box fallbacks left out")
    func docx() throws {
        let url = try TestDocuments.folder().appendingPathComponent("paper.docx")
        let body = TestDocuments.paragraphs(["第一段：齿轮 & 轴承", "第二段 <设计>"])
            + "<w:p><w:r><w:t>分</w:t></w:r><w:r><w:t xml:space=\"preserve\">开的 </w:t></w:r><w:r><w:tab/><w:t>运行</w:t></w:r>"
            + "<w:del><w:r><w:delText>删除的文字</w:delText></w:r></w:del><w:r><w:br/><w:t>&#x4E2D;&#25991;</w:t></w:r></w:p>"
            + "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs></w:pPr><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:t>文本框</w:t></mc:Choice><mc:Fallback><w:t>文本框</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>"
        try TestDocuments.docx(body: body, at: url)
        let text = try DocumentText.extract(fileAt: url)
        #expect(text == "第一段：齿轮 & 轴承\n第二段 <设计>\n分开的  运行\n中文\n文本框\n")
    }

    @Test("docx: no text is an empty document")
    func emptyDocx() throws {
        let url = try TestDocuments.folder().appendingPathComponent("empty.docx")
        try TestDocuments.docx(body: "<w:p/><w:p><w:r><w:t></w:t></w:r></w:p>", at: url)
        expectFailure(url, .empty)
    }

    @Test("docx: truncated archive, not a ZIP, ZIP without the document part are broken files")
    func brokenDocx() throws {
        let dir = try TestDocuments.folder()
        let good = dir.appendingPathComponent("good.docx")
        try TestDocuments.docx(body: TestDocuments.paragraphs([Self.sample]), at: good)
        let bytes = [UInt8](try Data(contentsOf: good))
        let truncated = dir.appendingPathComponent("truncated.docx")
        try TestDocuments.write(Array(bytes.prefix(bytes.count / 2)), to: truncated)
        expectBroken(truncated)
        let notZip = dir.appendingPathComponent("text.docx")
        try TestDocuments.write(Array("这不是压缩文件".utf8), to: notZip)
        expectBroken(notZip)
        let wrongParts = dir.appendingPathComponent("parts.docx")
        try TestDocuments.zip(["readme.txt": "hello"], at: wrongParts)
        expectBroken(wrongParts)
    }

    @Test("docx: a password-protected Word file (an OLE container with EncryptedPackage) is encrypted")
    func encryptedDocx() throws {
        let url = try TestDocuments.folder().appendingPathComponent("secret.docx")
        let marker = "EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        try TestDocuments.write([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504) + marker
                                + [UInt8](repeating: 0, count: 64), to: url)
        expectFailure(url, .encrypted)
    }

    // MARK: PDF

    @Test("pdf: text is read with pdftotext", .enabled(if: pdftotextInstalled, "pdftotext (poppler-utils) is not installed"))
    func pdf() throws {
        let url = try TestDocuments.folder().appendingPathComponent("paper.PDF")
        try TestDocuments.write(TestDocuments.textPDF(lines: [Self.sample, "第二行ＡＢ12"]), to: url)
        let text = try DocumentText.extract(fileAt: url)
        #expect(Normalizer.normalizedString(text) == Normalizer.normalizedString(Self.sample + "第二行ＡＢ12"))
    }

    @Test("pdf: a scan (pictures, no text) is image-only; a blank page is empty",
          .enabled(if: pdftotextInstalled, "pdftotext (poppler-utils) is not installed"))
    func imageOnlyAndBlankPDF() throws {
        let dir = try TestDocuments.folder()
        let scan = dir.appendingPathComponent("scan.pdf"), blank = dir.appendingPathComponent("blank.pdf")
        try TestDocuments.write(TestDocuments.imageOnlyPDF(), to: scan)
        try TestDocuments.write(TestDocuments.blankPDF(), to: blank)
        expectFailure(scan, .imageOnly)
        expectFailure(blank, .empty)
    }

    @Test("pdf: truncated to its header, or not a PDF at all, is a broken file",
          .enabled(if: pdftotextInstalled, "pdftotext (poppler-utils) is not installed"))
    func brokenPDF() throws {
        let dir = try TestDocuments.folder()
        let truncated = dir.appendingPathComponent("truncated.pdf")
        try TestDocuments.write(Array(TestDocuments.textPDF(lines: [Self.sample]).prefix(40)), to: truncated)
        expectBroken(truncated)
        let notPDF = dir.appendingPathComponent("fake.pdf")
        try TestDocuments.write(Array("这不是PDF文件".utf8), to: notPDF)
        expectBroken(notPDF)
    }

    @Test("pdf: a user password is an encrypted document; a copy restriction alone does not hide the text from the check",
          .enabled(if: pdftotextInstalled && qpdfInstalled, "pdftotext or qpdf is not installed (apt-get install -y poppler-utils qpdf)"))
    func encryptedPDF() throws {
        let dir = try TestDocuments.folder()
        let plain = dir.appendingPathComponent("plain.pdf")
        try TestDocuments.write(TestDocuments.textPDF(lines: [Self.sample]), to: plain)
        let locked = dir.appendingPathComponent("locked.pdf")
        #expect(TestDocuments.encryptWithQPDF(plain, locked, userPassword: "user-secret", forbidCopying: false))
        expectFailure(locked, .encrypted)
        // Only an owner password with "copy: no": the text opens, so setting it cannot dodge the check.
        let restricted = dir.appendingPathComponent("restricted.pdf")
        #expect(TestDocuments.encryptWithQPDF(plain, restricted, userPassword: "", forbidCopying: true))
        #expect(try DocumentText.extract(fileAt: restricted).contains(Self.sample))
    }

    // MARK: end to end

    @Test("end to end: the same paper as txt (GB18030), docx and pdf, against a corpus in another format")
    func formatsAgree() throws {
        var random = TestTexts(seed: 41)
        let source = random.text(600)
        let paper = random.text(100) + String(source.unicodeScalars.dropFirst(200).prefix(100)) + random.text(100)
        let dir = try TestDocuments.folder()
        let txt = dir.appendingPathComponent("paper.txt")
        try TestDocuments.write(try #require(DocumentText.encodeGB18030(paper)), to: txt)
        let docx = dir.appendingPathComponent("paper.docx")
        try TestDocuments.docx(body: TestDocuments.paragraphs([String(paper.prefix(150)), String(paper.dropFirst(150))]), at: docx)
        var files = [txt, docx]
        if Self.pdftotextInstalled {
            let pdf = dir.appendingPathComponent("paper.pdf")
            let lines = stride(from: 0, to: 300, by: 30).map { String(paper.dropFirst($0).prefix(30)) }
            try TestDocuments.write(TestDocuments.textPDF(lines: lines), to: pdf)
            files.append(pdf)
        }
        let index = try makeIndex([("source.txt", source)])
        for file in files {
            let coverage = try index.check(Normalizer.paperCharacters(try DocumentText.extract(fileAt: file)))
            #expect(coverage.characters == 300, "\(file.lastPathComponent)")
            #expect(coverage.copyRatio == 100.0 / 300.0, "\(file.lastPathComponent)")
        }
    }
}
