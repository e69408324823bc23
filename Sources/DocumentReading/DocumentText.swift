import Foundation

/// The text of a submitted paper or a comparison document, for the duplication check.
///
/// - `.txt`: UTF-8 (with or without byte-order mark) or GB18030 (the Chinese national
///   encoding, a superset of GBK and GB2312, which Windows Notepad wrote by default);
///   a UTF-16 file with its byte-order mark is read too.
/// - `.pdf`: poppler's `pdftotext` in a child process with a time limit and an
///   output limit (a hostile file can crash the tool, never the caller).
/// - `.docx`: the `word/document.xml` part read with ZIPFoundation and scanned for
///   its text runs; paragraphs become lines.
///
/// Blocks the calling thread (reads files, may run a child process).
public enum DocumentText {
    /// Files larger than this are refused before reading (a paper is tens of kilobytes
    /// of text; a PDF with pictures a few megabytes).
    public static let maxFileBytes = 200 * 1024 * 1024
    /// An uncompressed DOCX part larger than this is refused (a zip bomb stops here).
    public static let maxXMLBytes = 50 * 1024 * 1024
    /// The most text kept from pdftotext.
    public static let maxPDFTextBytes = 32 * 1024 * 1024
    /// pdftotext reads a normal paper in well under a second.
    public static let pdfTimeout: Duration = .seconds(30)

    /// The kinds of document the check reads.
    public enum Kind: String, Sendable, CaseIterable {
        case text = "txt", pdf, docx

        /// The kind for a file name's extension (case-insensitive), or nil.
        public init?(fileExtension: String) { self.init(rawValue: fileExtension.lowercased()) }
    }

    /// The file's text. The kind comes from the extension (case-insensitive); the
    /// contents must agree with it.
    public static func extract(fileAt url: URL) throws(DocumentTextError) -> String {
        guard let kind = Kind(fileExtension: url.pathExtension) else {
            throw DocumentTextError(file: url.path, reason: .unsupportedType(url.pathExtension.lowercased()))
        }
        return try extract(fileAt: url, kind: kind, name: url.path)
    }

    /// The text of a file stored without its original name (an upload kept under an
    /// id): `kind` says how to read it, `name` is what errors call it.
    public static func extract(fileAt url: URL, kind: Kind, name: String) throws(DocumentTextError) -> String {
        let text: String
        switch kind {
        case .text: text = try plainText(fileAt: url, name: name)
        case .pdf: text = try pdfText(fileAt: url, name: name)
        case .docx: text = try docxText(fileAt: url, name: name)
        }
        guard hasVisibleText(text) else { throw DocumentTextError(file: name, reason: .empty) }
        return text
    }

    /// Whether `text` holds anything but white space, controls and invisible format characters.
    static func hasVisibleText(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            let category = scalar.properties.generalCategory
            return !scalar.properties.isWhitespace && category != .control && category != .format
        }
    }

    /// The size of the file at `url`, refusing folders, missing files and files over the limit.
    static func checkedSize(of url: URL, name: String) throws(DocumentTextError) -> Int {
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: url.path) } catch {
            throw DocumentTextError(file: name, reason: .unreadable("no such file or no permission"))
        }
        if let type = attributes[.type] as? FileAttributeType, type == .typeDirectory {
            throw DocumentTextError(file: name, reason: .unreadable("it is a folder"))
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maxFileBytes else {
            throw DocumentTextError(file: name, reason: .tooLarge("\(size) bytes, the limit is \(maxFileBytes)"))
        }
        if size == 0 { throw DocumentTextError(file: name, reason: .empty) }
        return size
    }

    static func readBytes(of url: URL, name: String) throws(DocumentTextError) -> [UInt8] {
        _ = try checkedSize(of: url, name: name)
        do { return [UInt8](try Data(contentsOf: url)) } catch {
            throw DocumentTextError(file: name, reason: .unreadable("\(error.localizedDescription)"))
        }
    }
}
