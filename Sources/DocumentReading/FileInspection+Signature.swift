/// The document types the system takes, as their bytes show them. (Domain's `FileKind` has the
/// same raw values; this target does not depend on Domain, so it names them itself.)
public enum DocumentType: String, CaseIterable, Sendable {
    case pdf, jpeg, png, docx
}

/// What the first bytes of a file say, before the rest has arrived: enough to stop an upload of
/// the wrong kind early. The whole file is judged by `FileInspection.inspect(path:)`.
public enum FileSignature: Sendable, Equatable {
    case pdf, jpeg, png
    /// A ZIP archive: a DOCX if it opens and holds Word's parts.
    case zip
    case unknown

    /// Bytes needed to tell the signatures apart (the PNG signature is the longest).
    public static let length = 8

    public init(head: some Collection<UInt8>) {
        let b = Array(head.prefix(Self.length))
        if b.starts(with: [0x25, 0x50, 0x44, 0x46, 0x2D]) {            // %PDF-
            self = .pdf
        } else if b.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if b.starts(with: [0x50, 0x4B, 0x03, 0x04]) {           // PK\3\4
            self = .zip
        } else {
            self = .unknown
        }
    }

    /// The type this signature would be if the rest of the file agrees.
    public var provisionalType: DocumentType? {
        switch self {
        case .pdf: .pdf
        case .jpeg: .jpeg
        case .png: .png
        case .zip: .docx
        case .unknown: nil
        }
    }
}
