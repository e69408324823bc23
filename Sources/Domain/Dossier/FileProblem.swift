/// Why an upload was refused, in words the applicant can act on.
public enum FileProblem: Error, Sendable, Equatable {
    case empty
    case tooLarge(bytes: Int)
    case unknownType
    case notAccepted(FileKind, DossierSlot)
    case encryptedPDF
    /// The PDF reader could not read the file: damaged, not really a PDF, or built to harm.
    case brokenPDF
    case nameMismatch(extension: String, kind: FileKind)

    public var message: String {
        switch self {
        case .empty:
            return "文件是空的（0 字节），请检查后重新上传"
        case .tooLarge(let bytes):
            return "文件大小为 \(DossierFileRules.sizeTextAbove(bytes))，超过了每个文件 \(DossierFileRules.limitText) 的上限，请压缩或拆分后重新上传"
        case .unknownType:
            return "无法识别的文件类型：只接受 PDF、JPEG、PNG、DOCX 文件"
        case .notAccepted(let kind, let slot):
            let accepted = slot.acceptedKinds.map(\.shortName).joined(separator: "、")
            return "此处只接受 \(accepted) 文件，所选文件是 \(kind.shortName)"
        case .encryptedPDF:
            return "PDF 文件已加密，请去除密码保护后重新上传"
        case .brokenPDF:
            return "PDF 文件已损坏或无法读取，请重新导出或扫描生成 PDF 后上传"
        case .nameMismatch(let ext, let kind):
            if let promised = DossierFileRules.kind(forExtension: ext) {
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
