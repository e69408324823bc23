import Foundation
#if canImport(CoreFoundation)
import CoreFoundation
#endif

extension DocumentText {
    static func plainText(fileAt url: URL, name: String) throws(DocumentTextError) -> String {
        let bytes = try readBytes(of: url, name: name)
        guard let text = decodePlainText(bytes) else {
            throw DocumentTextError(file: name, reason: .broken("the text is neither UTF-8 nor GB18030"))
        }
        return text
    }

    /// Decodes a plain-text file: a UTF-8 byte-order mark means UTF-8, a UTF-16 one
    /// UTF-16; without a mark, valid UTF-8 is UTF-8 (pure ASCII reads the same in
    /// both encodings) and anything else is tried as GB18030. Nil when neither fits.
    public static func decodePlainText(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return strictUTF8(bytes.dropFirst(3)) }
        if bytes.starts(with: [0xFF, 0xFE]) { return String(bytes: bytes.dropFirst(2), encoding: .utf16LittleEndian) }
        if bytes.starts(with: [0xFE, 0xFF]) { return String(bytes: bytes.dropFirst(2), encoding: .utf16BigEndian) }
        if let text = strictUTF8(bytes[...]) { return text }
        return decodeGB18030(bytes)
    }

    /// UTF-8, or nil on the first invalid sequence (no replacement characters).
    static func strictUTF8(_ bytes: ArraySlice<UInt8>) -> String? {
        var scalars = String.UnicodeScalarView()
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: return String(scalars)
            case .error: return nil
            }
        }
    }

    /// GB18030-2000 through CoreFoundation's converter (present in Foundation on
    /// Linux as on macOS). Nil when the bytes are not valid GB18030.
    public static func decodeGB18030(_ bytes: [UInt8]) -> String? {
        String(bytes: bytes, encoding: gb18030)
    }

    /// Encodes in GB18030 (tests write GB18030 files with it).
    public static func encodeGB18030(_ text: String) -> [UInt8]? {
        text.data(using: gb18030).map { [UInt8]($0) }
    }

    static let gb18030 = String.Encoding(rawValue: CFStringConvertEncodingToNSStringEncoding(
        CFStringEncoding(CFStringEncodings.GB_18030_2000.rawValue)))
}
