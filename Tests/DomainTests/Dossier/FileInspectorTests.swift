import Testing
@testable import Domain

@Suite("Dossier file inspection")
struct DossierFileInspectorTests {
    typealias S = FileSamples

    @Test func threePagePDFIsCountedAndAccepted() throws {
        let scan = try FileInspector.inspect(S.pdf(pages: 3), name: "毕业证书.pdf", slot: .category3).get()
        #expect(scan.kind == .pdf)
        #expect(scan.pages == 3)
        #expect(!scan.encrypted)
    }

    @Test func pageTypeWhitespaceVariantsCountButPagesDoesNot() {
        let variants = ["/Type/Page", "/Type\n/Page", "/Type  /Page", "/Type\r\n\t/Page/Rotate 0", "/Type /Page>>"]
        let bytes = S.pdf(pages: variants.count, pageType: { variants[$0] },
                          body: "9 0 obj\n<< /Type /PageLabel /S /D >>\nendobj\n10 0 obj\n<< /Type /Pagesx >>\nendobj\n")
        #expect(FileSniffer.scanAll(bytes).pages == variants.count)
    }

    @Test func rewrittenPageObjectCountsOnce() {
        // An incremental update writes object 3 again; it is still one page.
        let update = "3 0 obj\n<< /Type /Page /Parent 2 0 R /Rotate 90 >>\nendobj\n"
        #expect(FileSniffer.scanAll(S.pdf(pages: 2, body: update)).pages == 2)
    }

    @Test func compressedPagesFallBackToThePageTreeCount() {
        // The outline's larger /Count is not the page count.
        #expect(FileSniffer.scanAll(S.compressedPDF(count: 7, outlineCount: 40)).pages == 7)
    }

    @Test func linearizedFilesTellTheirPageCount() {
        // Fast-web-view files: pages compressed, the first object says /N.
        let linearized = Array("%PDF-1.6\n43 0 obj\n<</Linearized 1/L 98765/O 45/E 2048/N 14/T 97000/H [ 500 160]>>\nendobj\n".utf8)
        let hidden = Array("5 0 obj\n<</Type/ObjStm/N 3/First 12/Filter/LZWDecode/Length 4>>\nstream\nabcd\nendstream\nendobj\n".utf8)
        #expect(FileSniffer.scanAll(linearized + hidden).pages == 14)
        // The page tree, once visible, wins: pages added after linearizing change it, not /N.
        #expect(FileSniffer.scanAll(linearized + S.compressedPDF(count: 9, outlineCount: 3).dropFirst(9)).pages == 9)
        // /N elsewhere (an object stream's object count) is not a page count.
        #expect(FileSniffer.scanAll(S.compressedPDF(count: 9, outlineCount: 3)).pages == 9)
    }

    @Test func pagesInACompressedObjectStreamAreCounted() throws {
        // The root's /Count 6, not the outline's 40, the object count 9 or the noise.
        let bytes = S.objectStreamPDF(InflateSamples.bytes(S.objStm), n: 9, first: 52)
        #expect(try FileInspector.inspect(bytes, name: "论文.pdf", slot: .category6).get().pages == 6)
        for filter in ["/Filter[/FlateDecode]", "/Filter [ /FlateDecode ]", "/Filter/FlateDecode"] {
            #expect(FileSniffer.scanAll(S.objectStreamPDF(InflateSamples.bytes(S.objStm), n: 9, first: 52, filter: filter)).pages == 6)
        }
        #expect(FileSniffer.scanAll(S.objectStreamPDF(InflateSamples.bytes(S.objStm), n: 9, first: 52, eol: "\r\n")).pages == 6)
    }

    @Test func objectStreamSplitAcrossChunksIsStillRead() {
        let bytes = S.objectStreamPDF(InflateSamples.bytes(S.objStm), n: 9, first: 52)
        for size in [1, 2, 3, 5, 7, 8, 9, 10, 13, 64, 100, 4096] {
            #expect(S.scan(bytes, chunks: [size]).pages == 6, "chunk size \(size)")
        }
        for split in 1..<bytes.count {
            #expect(S.scan(bytes, chunks: [split, bytes.count]).pages == 6, "split at \(split)")
        }
    }

    @Test func compressedPageDictionariesCountOncePerObject() {
        // No page tree visible: the dictionaries are counted, each object once,
        // whether it stands in the stream or rewritten plain by an update.
        let (data, first) = S.objectStreamData(S.pageObjects(3...5) + [(9, "<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>")])
        let update = "4 0 obj\n<</Type/Page/Parent 2 0 R/Rotate 90>>\nendobj\n"
        #expect(FileSniffer.scanAll(S.objectStreamPDF(S.zlibStored(data), n: 4, first: first, after: update)).pages == 3)
        // An object stream without a filter is read the same way.
        #expect(FileSniffer.scanAll(S.objectStreamPDF(data, n: 4, first: first, filter: "", after: update)).pages == 3)
        // A page rewritten as something else no longer counts.
        let removed = "5 0 obj\n<</Type/XObject/Subtype/Form>>\nendobj\n"
        #expect(FileSniffer.scanAll(S.objectStreamPDF(S.zlibStored(data), n: 4, first: first, after: removed)).pages == 2)
    }

    @Test func theLatestPageTreeWins() {
        // An update deleted a page: the rewritten root says 5; the 6 in the stream is stale.
        let update = "2 0 obj\n<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R 6 0 R 7 0 R] /Count 5 >>\nendobj\n"
        #expect(FileSniffer.scanAll(S.objectStreamPDF(InflateSamples.bytes(S.objStm), n: 9, first: 52, after: update)).pages == 5)
    }

    @Test func objectStreamsWeCannotReadAreSkipped() {
        let encoded = InflateSamples.bytes(S.objStm)
        for filter in ["/Filter /ASCIIHexDecode", "/Filter [/ASCII85Decode /FlateDecode]", "/Filter /FlateDecodeX"] {
            #expect(FileSniffer.scanAll(S.objectStreamPDF(encoded, n: 9, first: 52, filter: filter)).pages == nil, "\(filter)")
        }
        // Cut short, or a header that does not hold together: nothing is guessed.
        #expect(FileSniffer.scanAll(S.objectStreamPDF(Array(encoded.prefix(encoded.count / 2)), n: 9, first: 52)).pages == nil)
        #expect(FileSniffer.scanAll(S.objectStreamPDF(encoded, n: 12, first: 52)).pages == nil)
        #expect(FileSniffer.scanAll(S.objectStreamPDF(encoded, n: 9, first: 9000)).pages == nil)
        // The file ends inside the stream.
        let truncated = S.objectStreamPDF(encoded, n: 9, first: 52)
        #expect(FileSniffer.scanAll(Array(truncated.prefix(200))).pages == nil)
    }

    @Test func realPDFsWithCompressedPagesMatchPdfinfo() {
        let original = InflateSamples.bytes(S.pdfTeX), updated = InflateSamples.bytes(S.pdfTeXPageDeleted)
        #expect(FileSniffer.scanAll(original).pages == 3)
        #expect(FileSniffer.scanAll(updated).pages == 2)
        for size in [1, 3, 7, 64, 512] {
            #expect(S.scan(original, chunks: [size]).pages == 3, "chunk size \(size)")
            #expect(S.scan(updated, chunks: [size]).pages == 2, "chunk size \(size)")
        }
        for split in 1..<updated.count {
            #expect(S.scan(updated, chunks: [split, updated.count]).pages == 2, "split at \(split)")
        }
    }

    @Test func oversizedObjectStreamIsSkippedNotHeld() {
        // Over 4 MB of stream data is not buffered; the scan goes on after it.
        var (data, first) = S.objectStreamData(S.pageObjects(3...5))
        data += [UInt8](repeating: 0x20, count: ObjectStreamCapture.maxEncodedBytes)
        let plain = "30 0 obj\n<</Type/Page/Parent 2 0 R>>\nendobj\n"
        #expect(FileSniffer.scanAll(S.objectStreamPDF(S.zlibStored(data), n: 3, first: first, after: plain)).pages == 1)
        // Just under the limit it is read.
        data.removeLast(data.count + 1024 - ObjectStreamCapture.maxEncodedBytes) // room for the stored blocks' headers
        #expect(FileSniffer.scanAll(S.objectStreamPDF(S.zlibStored(data), n: 3, first: first, after: plain)).pages == 4)
    }

    @Test func unknownPageCountIsNil() {
        let bytes = Array("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n".utf8)
        let scan = FileSniffer.scanAll(bytes)
        #expect(scan.kind == .pdf)
        #expect(scan.pages == nil)
    }

    @Test func encryptedPDFIsRefused() {
        let inTrailer = S.pdf(pages: 1, trailerExtra: " /Encrypt 9 0 R /ID [<ab><cd>]")
        #expect(FileInspector.inspect(inTrailer, name: "论文.pdf", slot: .category6) == .failure(.encryptedPDF))
        #expect(FileProblem.encryptedPDF.message == "PDF 文件已加密，请去除密码保护后重新上传")
        let xrefStream = S.pdf(pages: 1, body: "12 0 obj\n<</Type/XRef/Size 13/W[1 2 1]/Encrypt<</Filter/Standard/V 2>>>>\nstream\nxx\nendstream\nendobj\n")
        #expect(FileSniffer.scanAll(xrefStream).encrypted)
    }

    @Test func encryptWordsThatAreNotTheEntryDoNotCount() {
        let bytes = S.pdf(pages: 1, body: "9 0 obj\n<< /EncryptMetadata false /Note (/Encrypt) >>\nendobj\n")
        #expect(!FileSniffer.scanAll(bytes).encrypted)
    }

    @Test func markersSplitAcrossChunksAreStillFound() {
        let bytes = S.pdf(pages: 3, pageType: { ["/Type/Page", "/Type\n/Page", "/Type /Page"][$0] },
                          trailerExtra: " /Encrypt 9 0 R")
        for size in 1...19 {
            let scan = S.scan(bytes, chunks: [size])
            #expect(scan.pages == 3, "chunk size \(size)")
            #expect(scan.encrypted, "chunk size \(size)")
        }
        // Every split point of a two-chunk upload.
        for split in 1..<bytes.count {
            let scan = S.scan(bytes, chunks: [split, bytes.count])
            #expect(scan.pages == 3 && scan.encrypted, "split at \(split)")
        }
        for size in [1, 2, 3, 5, 7, 64] {
            #expect(S.scan(S.docx, chunks: [size]).kind == .docx, "docx chunk size \(size)")
            #expect(S.scan(S.compressedPDF(count: 12, outlineCount: 3), chunks: [size]).pages == 12)
        }
    }

    @Test func imagesAreRecognizedByTheirSignature() throws {
        #expect(try FileInspector.inspect(S.png, name: "照片.png", slot: .photo).get().kind == .png)
        #expect(try FileInspector.inspect(S.jpeg, name: "照片.JPG", slot: .photo).get().kind == .jpeg)
        #expect(try FileInspector.inspect(S.jpeg, name: "photo.jpeg", slot: .category3).get().pages == nil)
    }

    @Test func pngNamedPDFIsAMismatch() {
        let result = FileInspector.inspect(S.png, name: "学位证书.pdf", slot: .category3)
        #expect(result == .failure(.nameMismatch(extension: "pdf", kind: .png)))
        guard case .failure(let problem) = result else { return }
        #expect(problem.message.contains("文件扩展名为.pdf，但内容不是PDF文件"))
    }

    @Test func unknownExtensionIsCalledOutAndNoExtensionIsTaken() {
        let doc = FileInspector.inspect(S.docx, name: "论文.doc", slot: .submittedPaper)
        #expect(doc == .failure(.nameMismatch(extension: "doc", kind: .docx)))
        #expect(FileProblem.nameMismatch(extension: "doc", kind: .docx).message.contains("改正扩展名"))
        #expect((try? FileInspector.inspect(S.pdf(pages: 1), name: "扫描件", slot: .category4).get()) != nil)
    }

    @Test func docxIsAcceptedOnlyForTheSubmittedPaper() throws {
        #expect(try FileInspector.inspect(S.docx, name: "送审论文.docx", slot: .submittedPaper).get().kind == .docx)
        let refused = FileInspector.inspect(S.docx, name: "送审论文.docx", slot: .category6)
        #expect(refused == .failure(.notAccepted(.docx, .category6)))
        #expect(FileProblem.notAccepted(.docx, .category6).message == "此处只接受 PDF、JPEG、PNG 文件，所选文件是 DOCX")
        #expect(FileInspector.inspect(S.pdf(pages: 1), name: "a.pdf", slot: .photo) == .failure(.notAccepted(.pdf, .photo)))
    }

    @Test func aZipThatIsNotWordIsAnUnknownType() {
        let plain = S.zip([("readme.txt", "hello"), ("data/x.csv", "1,2")])
        #expect(FileInspector.inspect(plain, name: "资料.docx", slot: .submittedPaper) == .failure(.unknownType))
        #expect(FileProblem.unknownType.message.contains("只接受 PDF、JPEG、PNG、DOCX 文件"))
    }

    @Test func emptyUnknownAndTooLarge() {
        #expect(FileInspector.inspect([], name: "a.pdf", slot: .category3) == .failure(.empty))
        #expect(FileProblem.empty.message.contains("空"))
        #expect(FileInspector.inspect(Array("hello world".utf8), name: "a", slot: .category3) == .failure(.unknownType))
        #expect(FileInspector.inspect([0x25, 0x50], name: "a", slot: .category3) == .failure(.unknownType))
        let big = FileScan(size: 21 * 1024 * 1024, kind: .pdf, pages: 3)
        #expect(FileInspector.problem(with: big, name: "a.pdf", slot: .category3) == .tooLarge(bytes: 21 * 1024 * 1024))
        #expect(FileProblem.tooLarge(bytes: 21 * 1024 * 1024).message.contains("21.0 MB"))
        #expect(FileInspector.problem(with: FileScan(size: FileInspector.maxBytes, kind: .png), name: "a.png", slot: .photo) == nil)
    }

    @Test func earlyProblemsNeedOnlyTheFirstBytes() {
        #expect(FileInspector.signature(of: S.png.prefix(8)) == .png)
        #expect(FileInspector.signature(of: S.docx.prefix(8)) == .zip)
        #expect(FileInspector.earlyProblem(.png, name: "照片.png", slot: .photo) == nil)
        #expect(FileInspector.earlyProblem(.unknown, name: "a.exe", slot: .photo) == .unknownType)
        #expect(FileInspector.earlyProblem(.zip, name: "a.docx", slot: .category3) == .notAccepted(.docx, .category3))
        #expect(FileInspector.earlyProblem(.zip, name: "a.docx", slot: .submittedPaper) == nil)
        #expect(FileInspector.earlyProblem(.png, name: "a.pdf", slot: .category3) == .nameMismatch(extension: "pdf", kind: .png))
    }

    @Test func extensionsAndSizes() {
        #expect(FileInspector.fileExtension(of: "scan.PDF") == "pdf")
        #expect(FileInspector.fileExtension(of: "C:\\docs\\证书.v2.Jpeg") == "jpeg")
        #expect(FileInspector.fileExtension(of: "noext") == nil)
        #expect(FileInspector.fileExtension(of: ".hidden") == nil)
        #expect(FileInspector.sizeText(1) == "1 KB")
        #expect(FileInspector.sizeText(820 * 1024) == "820 KB")
        #expect(FileInspector.sizeText(1536 * 1024) == "1.5 MB")
        #expect(FileInspector.sizeText(20 * 1024 * 1024) == "20.0 MB")
    }
}

extension FileSniffer {
    static func scanAll(_ bytes: [UInt8]) -> FileScan {
        var sniffer = FileSniffer()
        sniffer.consume(bytes)
        return sniffer.finish()
    }
}
