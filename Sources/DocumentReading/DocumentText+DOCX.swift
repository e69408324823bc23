import Foundation
import ZIPFoundation

extension DocumentText {
    /// The main document part of a Word file.
    static let docxDocumentPart = "word/document.xml"
    /// The namespace of WordprocessingML elements (ECMA-376 Part 1, 17).
    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    static func docxText(fileAt url: URL, name: String) throws(DocumentTextError) -> String {
        _ = try checkedSize(of: url, name: name)
        // A Word file saved with a password is not a ZIP but an OLE compound file
        // holding an "EncryptedPackage" stream (MS-OFFCRYPTO); an old .doc renamed is one too.
        if let head = try? FileHandle(forReadingFrom: url).read(upToCount: 8), [UInt8](head) == oleSignature {
            let bytes = try readBytes(of: url, name: name)
            let marker = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            if contains(bytes, marker) { throw DocumentTextError(file: name, reason: .encrypted) }
            throw DocumentTextError(file: name, reason: .broken("an old Word (.doc) file, not DOCX"))
        }
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            throw DocumentTextError(file: name, reason: .broken("not a ZIP archive (\(error))"))
        }
        guard let entry = archive[docxDocumentPart] else {
            throw DocumentTextError(file: name, reason: .broken("no \(docxDocumentPart) part"))
        }
        guard entry.uncompressedSize <= UInt64(maxXMLBytes) else {
            throw DocumentTextError(file: name, reason: .tooLarge("\(docxDocumentPart) is over \(maxXMLBytes) bytes"))
        }
        var xml: [UInt8] = []
        xml.reserveCapacity(Int(entry.uncompressedSize))
        let limit = maxXMLBytes
        do {
            // The header's size may lie: the limit is enforced on what actually comes out.
            _ = try archive.extract(entry) { chunk in
                guard xml.count + chunk.count <= limit else { throw SizeLimitExceeded() }
                xml.append(contentsOf: chunk)
            }
        } catch is SizeLimitExceeded {
            throw DocumentTextError(file: name, reason: .tooLarge("\(docxDocumentPart) is over \(maxXMLBytes) bytes"))
        } catch {
            throw DocumentTextError(file: name, reason: .broken("\(docxDocumentPart) cannot be extracted (\(error))"))
        }
        guard let text = WordXMLText.text(of: xml) else {
            throw DocumentTextError(file: name, reason: .broken("\(docxDocumentPart) is not WordprocessingML"))
        }
        return text
    }

    private struct SizeLimitExceeded: Error {}

    static let oleSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}

/// The text of WordprocessingML (`word/document.xml`), by a careful single pass over
/// the bytes rather than a general XML parser: the file is untrusted, and the text
/// runs need no DTD, entities beyond the five predefined ones and character
/// references, or a tree. Text is the content of `w:t` elements; `w:p` ends a line,
/// `w:br`/`w:cr` break one, `w:tab` is a space. Deleted text (`w:delText`), field
/// codes (`w:instrText`) and the `mc:Fallback` copies of text boxes are left out.
enum WordXMLText {
    static func text(of xml: [UInt8]) -> String? {
        var bytes = xml
        // UTF-16 parts are allowed by XML; Word writes UTF-8.
        if xml.starts(with: [0xFF, 0xFE]) || xml.starts(with: [0xFE, 0xFF]) {
            guard let decoded = String(bytes: xml, encoding: .utf16) else { return nil }
            bytes = Array(decoded.utf8)
        } else if xml.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes = Array(xml.dropFirst(3))
        }
        let prefix = wordPrefix(bytes)
        guard let prefix else { return nil }
        let t = Array((prefix + "t").utf8), p = Array((prefix + "p").utf8)
        let br = Array((prefix + "br").utf8), cr = Array((prefix + "cr").utf8), tab = Array((prefix + "tab").utf8)
        let tabs = Array((prefix + "tabs").utf8)

        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 4)
        var inText = false
        var fallbackDepth = 0
        var inTabStops = false
        var i = 0
        let n = bytes.count
        while i < n {
            let byte = bytes[i]
            if byte != UInt8(ascii: "<") {
                if inText && fallbackDepth == 0 {
                    if byte == UInt8(ascii: "&") {
                        let (decoded, next) = entity(bytes, i)
                        out.append(contentsOf: decoded)
                        i = next
                        continue
                    }
                    out.append(byte)
                }
                i += 1
                continue
            }
            // Comments, processing instructions, CDATA and declarations.
            if i + 3 < n && bytes[i + 1] == UInt8(ascii: "!") {
                if bytes[i + 2] == UInt8(ascii: "-") {
                    i = find(bytes, Array("-->".utf8), from: i + 4).map { $0 + 3 } ?? n
                } else if bytes[(i + 2)...].starts(with: Array("[CDATA[".utf8)) {
                    let end = find(bytes, Array("]]>".utf8), from: i + 9) ?? n
                    if inText && fallbackDepth == 0 { out.append(contentsOf: bytes[(i + 9)..<end]) }
                    i = min(n, end + 3)
                } else {
                    i = (find(bytes, [UInt8(ascii: ">")], from: i + 2) ?? n) + 1
                }
                continue
            }
            if i + 1 < n && bytes[i + 1] == UInt8(ascii: "?") {
                i = find(bytes, Array("?>".utf8), from: i + 2).map { $0 + 2 } ?? n
                continue
            }
            // A tag: <name ...>, </name>, <name .../>. Attribute values may hold '>' only quoted.
            var j = i + 1
            let closing = j < n && bytes[j] == UInt8(ascii: "/")
            if closing { j += 1 }
            let nameStart = j
            while j < n, !isNameEnd(bytes[j]) { j += 1 }
            let tagName = bytes[nameStart..<j]
            var quote: UInt8 = 0
            while j < n {
                let c = bytes[j]
                if quote != 0 { if c == quote { quote = 0 } } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    quote = c
                } else if c == UInt8(ascii: ">") { break }
                j += 1
            }
            guard j < n else { break }
            let selfClosing = bytes[j - 1] == UInt8(ascii: "/")
            i = j + 1

            if isFallback(tagName) {
                if closing { fallbackDepth = max(0, fallbackDepth - 1) } else if !selfClosing { fallbackDepth += 1 }
                continue
            }
            if tagName.elementsEqual(t) {
                inText = !closing && !selfClosing
            } else if tagName.elementsEqual(tabs) {
                inTabStops = !closing && !selfClosing
            } else if fallbackDepth == 0 {
                if tagName.elementsEqual(p) && closing {
                    out.append(UInt8(ascii: "\n"))
                } else if !closing && (tagName.elementsEqual(br) || tagName.elementsEqual(cr)) {
                    out.append(UInt8(ascii: "\n"))
                } else if !closing && tagName.elementsEqual(tab) && !inTabStops {
                    out.append(UInt8(ascii: " "))
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The prefix bound to the WordprocessingML namespace on the root element
    /// ("w:" almost always), or nil when the part does not declare it.
    static func wordPrefix(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(64 * 1024), as: UTF8.self)
        guard let range = head.range(of: "=\"" + DocumentText.wordNamespace + "\"")
                ?? head.range(of: "='" + DocumentText.wordNamespace + "'") else { return nil }
        let before = head[..<range.lowerBound]
        guard let xmlns = before.range(of: "xmlns", options: .backwards) else { return nil }
        let declared = before[xmlns.upperBound...]
        if declared.isEmpty { return "" }                       // default namespace
        guard declared.hasPrefix(":") else { return nil }
        return String(declared.dropFirst()) + ":"
    }

    /// Whether the element is `mc:Fallback` (Markup Compatibility, whatever its prefix).
    static func isFallback(_ name: ArraySlice<UInt8>) -> Bool {
        let local = Array("Fallback".utf8)
        guard name.count >= local.count, name.suffix(local.count).elementsEqual(local) else { return false }
        return name.count == local.count || name[name.endIndex - local.count - 1] == UInt8(ascii: ":")
    }

    @inline(__always)
    static func isNameEnd(_ c: UInt8) -> Bool {
        c == UInt8(ascii: " ") || c == UInt8(ascii: ">") || c == UInt8(ascii: "/") || c == UInt8(ascii: "\t")
            || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r")
    }

    static func find(_ bytes: [UInt8], _ needle: [UInt8], from start: Int) -> Int? {
        guard start >= 0, !needle.isEmpty, bytes.count >= needle.count else { return nil }
        var i = start
        while i <= bytes.count - needle.count {
            if bytes[i] == needle[0] && bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// Decodes the entity or character reference at `bytes[start] == "&"`; returns
    /// its UTF-8 and the index after it. An unknown one is kept as written.
    static func entity(_ bytes: [UInt8], _ start: Int) -> ([UInt8], Int) {
        var j = start + 1
        while j < bytes.count, j - start <= 12, bytes[j] != UInt8(ascii: ";") { j += 1 }
        guard j < bytes.count, bytes[j] == UInt8(ascii: ";") else { return ([UInt8(ascii: "&")], start + 1) }
        let name = String(decoding: bytes[(start + 1)..<j], as: UTF8.self)
        let value: Unicode.Scalar?
        switch name {
        case "lt": value = "<"
        case "gt": value = ">"
        case "amp": value = "&"
        case "quot": value = "\""
        case "apos": value = "'"
        default:
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                value = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if name.hasPrefix("#") {
                value = UInt32(name.dropFirst(1)).flatMap(Unicode.Scalar.init)
            } else {
                value = nil
            }
        }
        guard let value else { return ([UInt8(ascii: "&")], start + 1) }
        return (Array(String(value).utf8), j + 1)
    }
}
