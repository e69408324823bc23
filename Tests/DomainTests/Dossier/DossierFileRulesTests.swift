import Testing
@testable import Domain

/// The dossier's file rules (卷宗 五.4, 照片 五.5) applied to what reading a file found. Reading
/// the bytes (poppler, ZIPFoundation) is tested in DocumentReadingTests.
@Suite("Dossier file rules")
struct DossierFileRulesTests {
    typealias R = DossierFileRules

    @Test func aReadablePDFInAPDFSlotIsAccepted() {
        #expect(R.problem(with: FileScan(size: 900, kind: .pdf, pages: 3), name: "毕业证书.pdf", slot: .category3) == nil)
        #expect(R.problem(with: FileScan(size: 900, kind: .pdf), name: "毕业证书.pdf", slot: .category3) == nil,
                "an unknown page count (poppler missing) is not a reason to refuse")
    }

    @Test func encryptedAndBrokenPDFsAreRefused() {
        let encrypted = FileScan(size: 900, kind: .pdf, encrypted: true)
        #expect(R.problem(with: encrypted, name: "论文.pdf", slot: .category6) == .encryptedPDF)
        #expect(FileProblem.encryptedPDF.message == "PDF 文件已加密，请去除密码保护后重新上传")
        let broken = FileScan(size: 900, kind: .pdf, broken: true)
        #expect(R.problem(with: broken, name: "论文.pdf", slot: .category6) == .brokenPDF)
        #expect(FileProblem.brokenPDF.message.contains("已损坏或无法读取"))
    }

    @Test func pngNamedPDFIsAMismatch() {
        let problem = R.problem(with: FileScan(size: 30, kind: .png), name: "学位证书.pdf", slot: .category3)
        #expect(problem == .nameMismatch(extension: "pdf", kind: .png))
        #expect(problem?.message.contains("文件扩展名为.pdf，但内容不是PDF文件") == true)
    }

    @Test func unknownExtensionIsCalledOutAndNoExtensionIsTaken() {
        #expect(R.problem(with: FileScan(size: 30, kind: .docx), name: "论文.doc", slot: .submittedPaper)
            == .nameMismatch(extension: "doc", kind: .docx))
        #expect(FileProblem.nameMismatch(extension: "doc", kind: .docx).message.contains("改正扩展名"))
        #expect(R.problem(with: FileScan(size: 30, kind: .pdf, pages: 1), name: "扫描件", slot: .category4) == nil)
        #expect(R.problem(with: FileScan(size: 30, kind: .jpeg), name: "照片.JPG", slot: .photo) == nil)
    }

    @Test func docxIsAcceptedOnlyForTheSubmittedPaper() {
        let docx = FileScan(size: 300, kind: .docx)
        #expect(R.problem(with: docx, name: "送审论文.docx", slot: .submittedPaper) == nil)
        #expect(R.problem(with: docx, name: "送审论文.docx", slot: .category6) == .notAccepted(.docx, .category6))
        #expect(FileProblem.notAccepted(.docx, .category6).message == "此处只接受 PDF、JPEG、PNG 文件，所选文件是 DOCX")
        #expect(R.problem(with: FileScan(size: 30, kind: .pdf), name: "a.pdf", slot: .photo) == .notAccepted(.pdf, .photo))
    }

    @Test func emptyUnknownAndTooLarge() {
        #expect(R.problem(with: FileScan(size: 0, kind: nil), name: "a.pdf", slot: .category3) == .empty)
        #expect(FileProblem.empty.message.contains("空"))
        #expect(R.problem(with: FileScan(size: 11, kind: nil), name: "a", slot: .category3) == .unknownType)
        #expect(FileProblem.unknownType.message.contains("只接受 PDF、JPEG、PNG、DOCX 文件"))
        let big = FileScan(size: 21 * 1024 * 1024, kind: .pdf, pages: 3)
        #expect(R.problem(with: big, name: "a.pdf", slot: .category3) == .tooLarge(bytes: 21 * 1024 * 1024))
        #expect(FileProblem.tooLarge(bytes: 21 * 1024 * 1024).message.contains("21.0 MB"))
        #expect(R.problem(with: FileScan(size: R.maxBytes, kind: .png), name: "a.png", slot: .photo) == nil)
    }

    @Test func earlyProblemsNeedOnlyTheFirstBytes() {
        #expect(R.earlyProblem(.png, name: "照片.png", slot: .photo) == nil)
        #expect(R.earlyProblem(nil, name: "a.exe", slot: .photo) == .unknownType)
        #expect(R.earlyProblem(.docx, name: "a.docx", slot: .category3) == .notAccepted(.docx, .category3))
        #expect(R.earlyProblem(.docx, name: "a.docx", slot: .submittedPaper) == nil)
        #expect(R.earlyProblem(.png, name: "a.pdf", slot: .category3) == .nameMismatch(extension: "pdf", kind: .png))
    }

    @Test func extensionsAndSizes() {
        #expect(R.fileExtension(of: "scan.PDF") == "pdf")
        #expect(R.fileExtension(of: "C:\\docs\\证书.v2.Jpeg") == "jpeg")
        #expect(R.fileExtension(of: "noext") == nil)
        #expect(R.fileExtension(of: ".hidden") == nil)
        #expect(R.sizeText(1) == "1 KB")
        #expect(R.sizeText(820 * 1024) == "820 KB")
        #expect(R.sizeText(1536 * 1024) == "1.5 MB")
        #expect(R.sizeText(20 * 1024 * 1024) == "20.0 MB")
    }
}
