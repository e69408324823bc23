/// Why the text of a document could not be read. Every case names the file: the
/// office must know which upload (or which corpus document) to ask for again.
public struct DocumentTextError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// The file name's extension is none of .txt, .pdf, .docx (the text says which).
        case unsupportedType(String)
        /// The file could not be opened or read (missing, a folder, no permission).
        case unreadable(String)
        /// A password is needed to open the document. (A PDF that only forbids copying
        /// opens without one, and its text is read: the restriction must not let a
        /// paper dodge the check.)
        case encrypted
        /// The document holds no text at all.
        case empty
        /// A PDF with pictures but no text layer: a scan, which needs OCR first.
        case imageOnly
        /// The bytes are not a valid document of the type (damaged, truncated, wrong
        /// encoding); the text says what failed.
        case broken(String)
        /// The file or its text is larger than the limit (the text says which).
        case tooLarge(String)
        /// The external tool needed (pdftotext) is not installed.
        case toolMissing(String)
        /// The external tool ran past its time limit.
        case timedOut
    }

    /// The file as the caller named it (its path, or the file name for uploads).
    public let file: String
    public let reason: Reason

    public init(file: String, reason: Reason) {
        self.file = file
        self.reason = reason
    }

    /// For the user, in Chinese: 「文件」：原因.
    public var message: String {
        let why: String
        switch reason {
        case .unsupportedType(let ext):
            why = "不支持的文件类型（\(ext.isEmpty ? "无扩展名" : "." + ext)），请上传 PDF、DOCX 或 TXT 文件"
        case .unreadable: why = "无法读取文件"
        case .encrypted: why = "文件已加密（需要密码才能打开），请上传未加密的文件"
        case .empty: why = "文件中没有文字内容"
        case .imageOnly: why = "PDF 只有图片、没有文字层（可能是扫描件），无法查重，请上传可复制文字的 PDF"
        case .broken: why = "文件已损坏或格式不正确，无法读取文字"
        case .tooLarge: why = "文件过大，无法处理"
        case .toolMissing(let tool): why = "服务器缺少文字提取工具 \(tool)，请联系系统管理员"
        case .timedOut: why = "提取文字超时，文件可能已损坏"
        }
        return "「\(file)」：\(why)"
    }

    /// For logs and the command line, in English: FILE: reason.
    public var description: String {
        let why: String
        switch reason {
        case .unsupportedType(let ext):
            why = "unsupported type \(ext.isEmpty ? "(no extension)" : "." + ext) (expected .txt, .pdf or .docx)"
        case .unreadable(let detail): why = "cannot read the file (\(detail))"
        case .encrypted: why = "encrypted document (a password is needed to open it)"
        case .empty: why = "empty document (no text)"
        case .imageOnly: why = "image-only PDF (no text layer, a scan needs OCR)"
        case .broken(let detail): why = "broken file (\(detail))"
        case .tooLarge(let detail): why = "too large (\(detail))"
        case .toolMissing(let tool): why = "\(tool) is not installed (Debian package poppler-utils)"
        case .timedOut: why = "text extraction timed out"
        }
        return "\(file): \(why)"
    }
}
