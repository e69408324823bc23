import Foundation
import Testing
@testable import DocumentReading

/// Issue 8 item 1: uploaded files are judged by poppler (pdfinfo) and ZIPFoundation, never by a
/// decoder of ours; a file the tool cannot read is refused, and a hostile one cannot hang or crash
/// the server. The dossier rules that use these results (五.4, 五.5) are in Domain's
/// `DossierFileRules`.
@Suite("FileInspection: types, pages and encryption by well-kept tools")
struct FileInspectionTests {
    typealias S = Samples

    static var hasPdfinfo: Bool { ChildProcess.locate("pdfinfo") != nil }

    private func requirePdfinfo() throws {
        try #require(Self.hasPdfinfo, "pdfinfo is needed: apt-get install poppler-utils")
    }

    // MARK: Signatures

    @Test("the first bytes name the type; a ZIP is only provisionally a DOCX")
    func signatures() throws {
        #expect(FileSignature(head: S.pdf(pages: 1)) == .pdf)
        #expect(FileSignature(head: S.png) == .png)
        #expect(FileSignature(head: S.jpeg) == .jpeg)
        #expect(FileSignature(head: try S.docx()) == .zip)
        #expect(FileSignature(head: Array("hello world".utf8)) == .unknown)
        #expect(FileSignature(head: [0x25, 0x50, 0x44, 0x46]) == .unknown, "%PDF without the dash")
        #expect(FileSignature(head: []) == .unknown)
        #expect(FileSignature.zip.provisionalType == .docx)
        #expect(FileSignature.unknown.provisionalType == nil)
    }

    // MARK: PDFs through pdfinfo

    @Test("a valid PDF: pdfinfo's page count, not encrypted")
    func validPDF() throws {
        try requirePdfinfo()
        let scratch = try Scratch()
        let bytes = S.pdf(pages: 3)
        let found = FileInspection.inspect(path: try scratch.write(bytes))
        #expect(found == InspectedFile(size: bytes.count, type: .pdf, pages: 3))
    }

    @Test("real pdfTeX files with compressed object streams and an incremental update")
    func realPDFs() throws {
        try requirePdfinfo()
        let scratch = try Scratch()
        #expect(FileInspection.inspect(path: try scratch.write(S.bytes(S.pdfTeX))).pages == 3)
        #expect(FileInspection.inspect(path: try scratch.write(S.bytes(S.pdfTeXPageDeleted))).pages == 2)
    }

    @Test("a forged 'Pages:' line in the document title does not set the page count")
    func forgedTitle() throws {
        try requirePdfinfo()
        let scratch = try Scratch()
        let bytes = S.pdf(pages: 2, title: "x\\nPages: 99\\nEncrypted: no")
        #expect(FileInspection.inspect(path: try scratch.write(bytes)).pages == 2)
    }

    @Test("a PDF that needs a password is encrypted")
    func userPassword() throws {
        try requirePdfinfo()
        let scratch = try Scratch()
        let bytes = try scratch.encrypted(S.pdf(pages: 2), user: "secret")
        let found = FileInspection.inspect(path: try scratch.write(bytes))
        #expect(found.type == .pdf && found.encrypted && !found.broken)
    }

    @Test("a PDF that opens without a password but has permissions set is encrypted too")
    func ownerPasswordOnly() throws {
        try requirePdfinfo()
        let scratch = try Scratch()
        let bytes = try scratch.encrypted(S.pdf(pages: 2), user: "")
        let found = FileInspection.inspect(path: try scratch.write(bytes))
        #expect(found.encrypted)
        #expect(found.pages == 2)
    }

    /// The hand-written scanner this replaced read `/Encr#79pt` (a PDF name with `#79` for "y")
    /// as something other than `/Encrypt` and let the file through.
    @Test("a #-escaped /Encrypt name (/Encr#79pt) is still refused", arguments: ["", "secret"])
    func escapedEncryptName(user: String) throws {
        try requirePdfinfo()
        let scratch = try Scratch()
        var bytes = try scratch.encrypted(S.pdf(pages: 1), user: user)
        let key = Array("/Encrypt".utf8)
        let at = try #require(bytes.indices.reversed().first { bytes[$0...].starts(with: key) })
        bytes.replaceSubrange(at..<(at + key.count), with: Array("/Encr#79pt".utf8))
        let found = FileInspection.inspect(path: try scratch.write(bytes))
        #expect(found.encrypted || found.broken, "\(found)")
    }

    @Test("garbage after a PDF signature is refused as broken")
    func garbage() throws {
        try requirePdfinfo()
        let scratch = try Scratch()
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<(2 * 1024 * 1024)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let cases: [[UInt8]] = [
            Array("%PDF-1.7\n".utf8) + noise,
            Array("%PDF-".utf8),
            Array("%PDF-1.4\n1 0 obj\n".utf8) + [UInt8](repeating: UInt8(ascii: "["), count: 200_000),
        ]
        for bytes in cases {
            let found = FileInspection.inspect(path: try scratch.write(bytes))
            #expect(found.type == .pdf && found.broken && found.pages == nil, "\(bytes.prefix(12))")
        }
    }

    @Test("a pdfinfo that hangs is stopped at the time limit and the file refused as broken")
    func hangingTool() throws {
        let scratch = try Scratch()
        let tool = try scratch.tool("exec sleep 30")
        let start = ContinuousClock.now
        let found = FileInspection.inspect(path: try scratch.write(S.pdf(pages: 1)), pdfinfo: tool,
                                           timeout: .milliseconds(300))
        #expect(found.broken)
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test("a pdfinfo that floods its output or crashes leaves the file refused as broken")
    func floodingOrCrashingTool() throws {
        let scratch = try Scratch()
        let pdf = try scratch.write(S.pdf(pages: 1))
        for script in ["exec yes 'Pages: 1'", "kill -SEGV $$", "echo 'Pages: 1'; exit 1", "echo 'no count here'"] {
            let found = FileInspection.inspect(path: pdf, pdfinfo: try scratch.tool(script))
            #expect(found.broken, "\(script)")
        }
    }

    @Test("without poppler a PDF is accepted with the page count unknown")
    func popplerMissing() throws {
        let scratch = try Scratch()
        let found = FileInspection.inspect(path: try scratch.write(S.pdf(pages: 3)), pdfinfo: "no-such-pdfinfo")
        #expect(found.type == .pdf && found.pages == nil && !found.broken && !found.encrypted)
        #expect(PDFInfo.read(path: "/x.pdf", tool: "no-such-pdfinfo") == .toolMissing)
    }

    @Test("the start-up warning names the Debian package, and only when a tool is missing")
    func startupWarning() {
        let warning = FileInspection.missingToolsWarning(["pdfinfo": true, "pdftotext": false])
        #expect(warning?.contains("pdftotext") == true)
        #expect(warning?.contains("poppler-utils") == true)
        #expect(warning?.contains("pdfinfo") == false)
        #expect(FileInspection.missingToolsWarning(["pdfinfo": true, "pdftotext": true]) == nil)
        #expect(Set(FileInspection.toolsAvailable().keys) == ["pdfinfo", "pdftotext"])
    }

    // MARK: pdfinfo's output, line by line

    @Test("parsing: the last Pages and Encrypted lines count; failures say broken or password")
    func parsing() {
        func output(_ stdout: String, _ stderr: String = "", status: Int32 = 0,
                    timedOut: Bool = false, truncated: Bool = false) -> ToolOutput {
            ToolOutput(status: status, stdout: Array(stdout.utf8), stderr: Array(stderr.utf8),
                       timedOut: timedOut, truncated: truncated)
        }
        let normal = "Title:           a\nPages:           12\nEncrypted:       no\nPage size:       A4\n"
        #expect(PDFInfo.parse(output(normal)) == .readable(pages: 12, encrypted: false))
        let forged = "Title:           x\nPages: 1\nEncrypted: no\nPages:           5\nEncrypted:       yes (print:no)\n"
        #expect(PDFInfo.parse(output(forged)) == .readable(pages: 5, encrypted: true))
        #expect(PDFInfo.parse(output("", "Command Line Error: Incorrect password\n", status: 1)) == .needsPassword)
        if case .broken = PDFInfo.parse(output("", "Syntax Error: Couldn't read xref table\n", status: 1)) {} else {
            Issue.record("a failed pdfinfo must mean broken")
        }
        if case .broken = PDFInfo.parse(output(normal, timedOut: true)) {} else { Issue.record("timeout") }
        if case .broken = PDFInfo.parse(output(normal, truncated: true)) {} else { Issue.record("truncated") }
        if case .broken = PDFInfo.parse(output("Pages: many\n")) {} else { Issue.record("unreadable count") }
    }

    // MARK: DOCX through ZIPFoundation

    @Test("a DOCX is a ZIP that ZIPFoundation opens and that holds Word's parts")
    func docx() throws {
        let scratch = try Scratch()
        let bytes = try S.docx()
        #expect(FileInspection.inspect(path: try scratch.write(bytes)) == InspectedFile(size: bytes.count, type: .docx))
        let notWord = try S.zip([("readme.txt", "hello"), ("data/x.csv", "1,2")])
        #expect(FileInspection.inspect(path: try scratch.write(notWord)).type == nil)
        let onlyContentTypes = try S.zip([S.wordParts[0], ("word/styles.xml", "<w:styles/>")])
        #expect(FileInspection.inspect(path: try scratch.write(onlyContentTypes)).type == nil,
                "a word/ entry is not enough: word/document.xml must be there")
        // The signature alone is not a DOCX: local headers naming Word's parts, no central directory.
        let damaged = Array(bytes.prefix(bytes.count / 2))
        #expect(FileInspection.inspect(path: try scratch.write(damaged)).type == nil)
    }

    // MARK: Images and the rest

    @Test("images by signature, anything else unknown, sizes from the file")
    func imagesAndUnknown() throws {
        let scratch = try Scratch()
        #expect(FileInspection.inspect(path: try scratch.write(S.png)) == InspectedFile(size: S.png.count, type: .png))
        #expect(FileInspection.inspect(path: try scratch.write(S.jpeg)).type == .jpeg)
        #expect(FileInspection.inspect(path: try scratch.write(Array("纯文本".utf8))).type == nil)
        #expect(FileInspection.inspect(path: try scratch.write([])) == InspectedFile(size: 0, type: nil))
        #expect(FileInspection.inspect(path: scratch.folder + "/missing") == InspectedFile(size: 0, type: nil))
    }
}
