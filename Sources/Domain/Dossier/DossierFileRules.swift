/// What the dossier takes (卷宗, 五.4; 照片, 五.5): which kinds of file each slot accepts (in
/// `DossierSlot`), how large a file may be, and that a file's name must not contradict its
/// content. The bytes themselves are read elsewhere (the DocumentReading target, by poppler and
/// ZIPFoundation); this judges what that reading found, in words the applicant can act on.
public enum DossierFileRules {
    /// 20 MB per file.
    public static let maxBytes = 20 * 1024 * 1024

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

    /// What can be refused from the first bytes alone (`provisional`: the kind they suggest, nil
    /// when they suggest none), so the upload stops before the rest is written: an unknown type, a
    /// kind the slot does not take, a name that says otherwise.
    public static func earlyProblem(_ provisional: FileKind?, name: String, slot: DossierSlot) -> FileProblem? {
        guard let kind = provisional else { return .unknownType }
        if let problem = nameProblem(name, kind: kind) { return problem }
        if !slot.acceptedKinds.contains(kind) { return .notAccepted(kind, slot) }
        return nil
    }

    /// The verdict on a whole file, the first problem in the order a person would fix them; nil
    /// when it may be stored.
    public static func problem(with scan: FileScan, name: String, slot: DossierSlot) -> FileProblem? {
        if scan.size == 0 { return .empty }
        if scan.size > maxBytes { return .tooLarge(bytes: scan.size) }
        guard let kind = scan.kind else { return .unknownType }
        if let problem = nameProblem(name, kind: kind) { return problem }
        if !slot.acceptedKinds.contains(kind) { return .notAccepted(kind, slot) }
        if scan.encrypted { return .encryptedPDF }
        if scan.broken { return .brokenPDF }
        return nil
    }

    /// A name without an extension is taken as it is; a known extension must match the content,
    /// and an unknown one (.doc, .txt) is called out too.
    static func nameProblem(_ name: String, kind: FileKind) -> FileProblem? {
        guard let ext = fileExtension(of: name) else { return nil }
        if let promised = Self.kind(forExtension: ext), promised == kind { return nil }
        return .nameMismatch(extension: ext, kind: kind)
    }

    /// The limit as the messages state it ("20 MB"): read from `maxBytes`, the number
    /// the check uses, so the words and the rule cannot disagree.
    public static var limitText: String { wholeSizeText(maxBytes) }

    static func wholeSizeText(_ bytes: Int) -> String {
        let mb = 1024 * 1024
        return bytes % mb == 0 ? "\(bytes / mb) MB" : sizeText(bytes)
    }

    /// The size of a file over a limit, rounded up to a tenth: 20 MB and one byte
    /// reads "20.1 MB", never "20.0 MB" beside "the limit is 20 MB".
    public static func sizeTextAbove(_ bytes: Int) -> String {
        guard bytes >= 1024 * 1024 else { return sizeText(bytes) }
        let tenths = (bytes * 10 + 1024 * 1024 - 1) / (1024 * 1024)
        return "\(tenths / 10).\(tenths % 10) MB"
    }

    /// A file name cut to at most `maxLength` characters that keeps its extension
    /// (issue 18 item 3): a long "…论文.pdf" cut at the end lost ".pdf", and with it the
    /// check that the name and the content agree. The stem is cut; an extension too
    /// long to be one (over 10 characters) is cut as text.
    public static func shortenedName(_ name: String, maxLength: Int) -> String {
        guard name.count > maxLength else { return name }
        guard let ext = fileExtension(of: name), ext.count <= 10, maxLength > ext.count + 1 else {
            return String(name.prefix(maxLength))
        }
        let suffixLength = ext.count + 1
        let stem = name.dropLast(suffixLength)
        return String(stem.prefix(maxLength - suffixLength)) + String(name.suffix(suffixLength))
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

/// What reading a whole file found: its size, its kind by content, and for a PDF what poppler
/// said (pages, encryption, or that it could not read it).
public struct FileScan: Sendable, Equatable {
    public var size: Int
    /// nil: not one of the kinds the system accepts.
    public var kind: FileKind?
    public var encrypted: Bool
    /// A PDF the reader could not read (damaged, hostile, or the reader gave up): refused.
    public var broken: Bool
    /// PDF pages when they could be counted; nil for other kinds and unknown counts (poppler missing).
    public var pages: Int?

    public init(size: Int, kind: FileKind?, encrypted: Bool = false, broken: Bool = false, pages: Int? = nil) {
        self.size = size; self.kind = kind; self.encrypted = encrypted; self.broken = broken; self.pages = pages
    }
}
