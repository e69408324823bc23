import Foundation

/// What inspecting a whole file found.
public struct InspectedFile: Sendable, Equatable {
    public var size: Int
    /// nil: not one of the types the system takes (a ZIP that is not Word, text, ...).
    public var type: DocumentType?
    /// PDF pages as pdfinfo counts them; nil for other types, and for PDFs when poppler is missing.
    public var pages: Int?
    /// A PDF with an encryption dictionary (pdfinfo says so, or cannot open it without a password).
    public var encrypted: Bool
    /// A PDF pdfinfo could not read: it failed, crashed, hung past the time limit or talked past
    /// the output limit. The file is refused, never guessed at.
    public var broken: Bool

    public init(size: Int, type: DocumentType?, pages: Int? = nil, encrypted: Bool = false, broken: Bool = false) {
        self.size = size
        self.type = type
        self.pages = pages
        self.encrypted = encrypted
        self.broken = broken
    }
}

/// Byte-level inspection of uploaded files, by well-kept tools only: the type from the first
/// bytes, a DOCX by opening it with ZIPFoundation, a PDF's pages and encryption from poppler's
/// `pdfinfo` in a child process (`ChildProcess`) with a time limit and bounded output.
///
/// WHY not our own parser: a hand-written PDF scanner missed `/Encr#79pt` (a `#`-escaped
/// `/Encrypt`), and a decoder of ours that crashes takes the server with it. Poppler reads PDFs
/// as every viewer does; if a hostile file crashes it, the child dies and the upload is refused.
///
/// Every function here blocks (file reads, child processes): call it off the event loop.
public enum FileInspection {
    /// The Debian package that provides `pdfinfo` and `pdftotext`.
    public static let popplerPackage = "poppler-utils"
    /// The poppler tools the server uses (pdfinfo here, pdftotext for the duplication check).
    public static let popplerTools = ["pdfinfo", "pdftotext"]

    /// Inspects the file at `path`. `pdfinfo` names the tool (a test may point it elsewhere).
    public static func inspect(
        path: String, pdfinfo: String = "pdfinfo", timeout: Duration = PDFInfo.timeout
    ) -> InspectedFile {
        let size = fileSize(path)
        let signature = FileSignature(head: head(of: path))
        switch signature {
        case .pdf:
            switch PDFInfo.read(path: path, tool: pdfinfo, timeout: timeout) {
            case .readable(let pages, let encrypted):
                return InspectedFile(size: size, type: .pdf, pages: pages, encrypted: encrypted)
            case .needsPassword:
                return InspectedFile(size: size, type: .pdf, encrypted: true)
            case .broken:
                return InspectedFile(size: size, type: .pdf, broken: true)
            case .toolMissing:
                return InspectedFile(size: size, type: .pdf)
            }
        case .jpeg, .png:
            return InspectedFile(size: size, type: signature.provisionalType)
        case .zip:
            return InspectedFile(size: size, type: isDOCX(path: path) ? .docx : nil)
        case .unknown:
            return InspectedFile(size: size, type: nil)
        }
    }

    /// Which poppler tools this machine has, by name. The server logs a warning at start for
    /// each missing one, naming `popplerPackage`.
    public static func toolsAvailable() -> [String: Bool] {
        Dictionary(uniqueKeysWithValues: popplerTools.map { ($0, ChildProcess.locate($0) != nil) })
    }

    /// The warning the server logs at start when poppler is missing; nil when all tools are there.
    public static func missingToolsWarning(_ available: [String: Bool] = toolsAvailable()) -> String? {
        let missing = popplerTools.filter { available[$0] != true }
        guard !missing.isEmpty else { return nil }
        return "\(missing.joined(separator: ", ")) not found on PATH: install the Debian package "
            + "\(popplerPackage) (apt-get install \(popplerPackage)). Until then uploaded PDFs are "
            + "accepted with their page count unknown and without the encryption check."
    }

    // MARK: - Bytes on disk

    static func fileSize(_ path: String) -> Int {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? NSNumber)?.intValue ?? 0
    }

    static func head(of path: String) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: FileSignature.length) else { return [] }
        return [UInt8](data)
    }
}
