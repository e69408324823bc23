/// Checks an uploaded file by its bytes, never by its name or the browser's
/// word: what kind it is (PDF, JPEG, PNG, DOCX), whether a PDF is encrypted,
/// how many pages it has, and whether it fits the dossier slot. Pure: the
/// caller feeds the bytes as they arrive (`FileSniffer`), so an upload is
/// checked while it streams to disk and is never held whole in memory.
public enum FileInspector {
    /// 20 MB per file.
    public static let maxBytes = 20 * 1024 * 1024

    /// What the first bytes say, before the whole file is seen.
    public enum Signature: Sendable, Equatable {
        case pdf, jpeg, png
        /// A ZIP archive: a DOCX if its entries turn out to be Word's.
        case zip
        case unknown

        /// The kind this signature would be if the rest of the file agrees.
        public var provisionalKind: FileKind? {
            switch self {
            case .pdf: .pdf
            case .jpeg: .jpeg
            case .png: .png
            case .zip: .docx
            case .unknown: nil
            }
        }
    }

    /// Bytes needed to tell the signatures apart (the PNG signature is the longest).
    public static let signatureLength = 8

    public static func signature(of head: some Collection<UInt8>) -> Signature {
        let b = Array(head.prefix(signatureLength))
        if b.starts(with: [0x25, 0x50, 0x44, 0x46, 0x2D]) { return .pdf }            // %PDF-
        if b.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if b.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .zip }                  // PK\3\4
        return .unknown
    }

    /// The extension of a file name, lowercased, without the dot; nil when it has none.
    public static func fileExtension(of name: String) -> String? {
        let base = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? name
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return nil }
        let ext = base[base.index(after: dot)...].lowercased()
        return ext.isEmpty ? nil : ext
    }

    /// The kind a known extension promises.
    public static func kind(forExtension ext: String) -> FileKind? {
        switch ext {
        case "pdf": .pdf
        case "jpg", "jpeg", "jpe": .jpeg
        case "png": .png
        case "docx": .docx
        default: nil
        }
    }

    /// What can be refused from the first bytes alone, so the upload stops
    /// before the rest is written: an unknown type, a kind the slot does not
    /// take, a name that says otherwise.
    public static func earlyProblem(_ signature: Signature, name: String, slot: DossierSlot) -> FileProblem? {
        guard let kind = signature.provisionalKind else { return .unknownType }
        if let problem = nameProblem(name, kind: kind) { return problem }
        if !slot.acceptedKinds.contains(kind) { return .notAccepted(kind, slot) }
        return nil
    }

    /// The verdict on a whole file, the first problem in the order a person
    /// would fix them; nil when it may be stored.
    public static func problem(with scan: FileScan, name: String, slot: DossierSlot) -> FileProblem? {
        if scan.size == 0 { return .empty }
        if scan.size > maxBytes { return .tooLarge(bytes: scan.size) }
        guard let kind = scan.kind else { return .unknownType }
        if let problem = nameProblem(name, kind: kind) { return problem }
        if !slot.acceptedKinds.contains(kind) { return .notAccepted(kind, slot) }
        if scan.encrypted { return .encryptedPDF }
        return nil
    }

    /// All of it at once, for bytes already in memory (tests, small files).
    public static func inspect(_ bytes: [UInt8], name: String, slot: DossierSlot) -> Result<FileScan, FileProblem> {
        var sniffer = FileSniffer()
        sniffer.consume(bytes)
        let scan = sniffer.finish()
        if let problem = problem(with: scan, name: name, slot: slot) { return .failure(problem) }
        return .success(scan)
    }

    /// A name without an extension is taken as it is; a known extension must
    /// match the content, and an unknown one (.doc, .txt) is called out too.
    static func nameProblem(_ name: String, kind: FileKind) -> FileProblem? {
        guard let ext = fileExtension(of: name) else { return nil }
        if let promised = Self.kind(forExtension: ext), promised == kind { return nil }
        return .nameMismatch(extension: ext, kind: kind)
    }

    /// "820 KB", "1.5 MB": sizes as the materials list shows them.
    public static func sizeText(_ bytes: Int) -> String {
        if bytes < 1024 * 1024 {
            return "\(max(1, (bytes + 1023) / 1024)) KB"
        }
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024)
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}

/// What the bytes of a whole file said.
public struct FileScan: Sendable, Equatable {
    public var size: Int
    /// nil: not one of the kinds the system accepts.
    public var kind: FileKind?
    public var encrypted: Bool
    /// PDF pages when they could be counted; nil for other kinds and unknown counts.
    public var pages: Int?

    public init(size: Int, kind: FileKind?, encrypted: Bool = false, pages: Int? = nil) {
        self.size = size; self.kind = kind; self.encrypted = encrypted; self.pages = pages
    }
}

/// Why an upload was refused, in words the applicant can act on.
public enum FileProblem: Error, Sendable, Equatable {
    case empty
    case tooLarge(bytes: Int)
    case unknownType
    case notAccepted(FileKind, DossierSlot)
    case encryptedPDF
    case nameMismatch(extension: String, kind: FileKind)

    public var message: String {
        switch self {
        case .empty:
            return "文件是空的（0 字节），请检查后重新上传"
        case .tooLarge(let bytes):
            return "文件大小为 \(FileInspector.sizeText(bytes))，超过了每个文件 20 MB 的上限，请压缩或拆分后重新上传"
        case .unknownType:
            return "无法识别的文件类型：只接受 PDF、JPEG、PNG、DOCX 文件"
        case .notAccepted(let kind, let slot):
            let accepted = slot.acceptedKinds.map(\.shortName).joined(separator: "、")
            return "此处只接受 \(accepted) 文件，所选文件是 \(kind.shortName)"
        case .encryptedPDF:
            return "PDF 文件已加密，请去除密码保护后重新上传"
        case .nameMismatch(let ext, let kind):
            if let promised = FileInspector.kind(forExtension: ext) {
                return "文件扩展名为.\(ext)，但内容不是\(promised.shortName)文件（实际为\(kind.shortName)），请确认选择了正确的文件"
            }
            return "文件扩展名为.\(ext)，但内容是\(kind.shortName)文件，请改正扩展名后重新上传"
        }
    }
}

extension FileKind {
    /// PDF, JPEG, PNG, DOCX: the word the messages use.
    public var shortName: String { rawValue.uppercased() }
}

/// Feeds a file's bytes, chunk by chunk, to the checks that need them: the
/// first bytes decide the signature; a PDF is scanned for encryption and
/// pages, a ZIP for its entry names. Memory stays bounded whatever the
/// file's size: the longest token, plus for a PDF the one object stream
/// being read (at most 4 MB gathered, 8 MB decoded; see `ObjectStreamCapture`).
public struct FileSniffer: Sendable {
    public private(set) var size = 0
    private var head: [UInt8] = []
    /// Decided once `FileInspector.signatureLength` bytes have arrived (or at the end).
    public private(set) var signature: FileInspector.Signature?
    private var pdf: ChunkedScan<PDFScanner>?
    private var zip: ChunkedScan<ZipEntryScanner>?

    public init() {}

    public mutating func consume(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { consume($0) }
    }

    public mutating func consume(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        size += bytes.count
        if signature != nil {
            pdf?.feed(bytes)
            zip?.feed(bytes)
            return
        }
        head.append(contentsOf: bytes)
        if head.count >= FileInspector.signatureLength { decide() }
    }

    public mutating func finish() -> FileScan {
        if signature == nil { decide() }
        pdf?.finish()
        zip?.finish()
        switch signature ?? .unknown {
        case .pdf:
            let scanner = pdf!.scanner
            return FileScan(size: size, kind: .pdf, encrypted: scanner.encrypted, pages: scanner.pageCount)
        case .jpeg: return FileScan(size: size, kind: .jpeg)
        case .png: return FileScan(size: size, kind: .png)
        case .zip: return FileScan(size: size, kind: zip!.scanner.looksLikeDOCX ? .docx : nil)
        case .unknown: return FileScan(size: size, kind: nil)
        }
    }

    /// Fixes the signature and replays the bytes held so far to the scanner it calls for.
    private mutating func decide() {
        let found = FileInspector.signature(of: head)
        signature = found
        switch found {
        case .pdf: pdf = ChunkedScan(PDFScanner())
        case .zip: zip = ChunkedScan(ZipEntryScanner())
        default: break
        }
        let held = head
        head = []
        held.withUnsafeBytes { bytes in
            pdf?.feed(bytes)
            zip?.feed(bytes)
        }
    }
}

/// Finds the entry names of a ZIP archive as they stream by: each local file
/// header (`PK\3\4`, name at offset 30) and, at the end, each central
/// directory header (`PK\1\2`, name at offset 46). A DOCX has
/// `[Content_Types].xml` and entries under `word/`.
struct ZipEntryScanner: WindowScanning {
    static let lookbehind = 0
    static let longestName = 512

    private(set) var hasContentTypes = false
    private(set) var hasWordPart = false
    private(set) var entries = 0

    var looksLikeDOCX: Bool { hasContentTypes && hasWordPart }

    private static let contentTypes = Array("[Content_Types].xml".utf8), word = Array("word/".utf8)

    mutating func scan(_ w: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> Int? {
        var i = start
        let n = w.count
        while i < n {
            guard w[i] == 0x50 else { i += 1; continue }
            // Not enough bytes to read the fixed header: decide with the next chunk.
            guard i + 4 <= n else { return atEnd ? nil : i }
            guard w[i + 1] == 0x4B, (w[i + 2] == 3 && w[i + 3] == 4) || (w[i + 2] == 1 && w[i + 3] == 2) else {
                i += 1; continue
            }
            let local = w[i + 2] == 3
            let fixed = local ? 30 : 46
            let lengthAt = i + (local ? 26 : 28)
            guard lengthAt + 2 <= n else { return atEnd ? nil : i }
            let length = Int(w[lengthAt]) | Int(w[lengthAt + 1]) << 8
            guard length > 0, length <= Self.longestName else { i += 4; continue }
            guard i + fixed + length <= n else { return atEnd ? nil : i }
            let name = UnsafeBufferPointer(rebasing: w[(i + fixed)..<(i + fixed + length)])
            entries += 1
            if name.elementsEqual(Self.contentTypes) { hasContentTypes = true }
            if name.starts(with: Self.word) { hasWordPart = true }
            i += 4
        }
        return nil
    }
}
