import Foundation
@testable import Domain

/// Small files built byte by byte, so the tests say exactly what the
/// inspector sees (no fixtures on disk).
enum FileSamples {
    /// A minimal PDF with `pages` page objects written with `pageType`
    /// (whitespace variants), a page tree and a trailer.
    static func pdf(pages: Int, pageType: (Int) -> String = { _ in "/Type /Page" },
                    trailerExtra: String = "", body extra: String = "") -> [UInt8] {
        var s = "%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n"
        s += "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        let kids = (0..<pages).map { "\($0 + 3) 0 R" }.joined(separator: " ")
        s += "2 0 obj\n<< /Type /Pages /Kids [\(kids)] /Count \(pages) >>\nendobj\n"
        for p in 0..<pages {
            s += "\(p + 3) 0 obj\n<<\(pageType(p)) /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n"
        }
        s += extra
        s += "trailer\n<< /Size \(pages + 3) /Root 1 0 R\(trailerExtra) >>\nstartxref\n0\n%%EOF\n"
        return Array(s.utf8)
    }

    /// A PDF whose pages live in a compressed object stream: only the page
    /// tree's `/Count` is visible (the stream bytes are noise).
    static func compressedPDF(count: Int, outlineCount: Int) -> [UInt8] {
        var bytes = Array("%PDF-1.5\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Outlines 4 0 R >>\nendobj\n".utf8)
        bytes += Array("2 0 obj\n<</Type/Pages/Count \(count)/Kids[5 0 R]>>\nendobj\n".utf8)
        bytes += Array("4 0 obj\n<< /Type /Outlines /Count \(outlineCount) >>\nendobj\n".utf8)
        bytes += Array("6 0 obj\n<< /Type /ObjStm /N 3 /First 12 /Filter /FlateDecode /Length 64 >>\nstream\n".utf8)
        bytes += (0..<64).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        bytes += Array("\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".utf8)
        return bytes
    }

    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A,
                               0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]

    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00]
        + [UInt8](repeating: 0x20, count: 20) + [0xFF, 0xD9]

    /// A ZIP archive with stored (uncompressed) entries, local headers then
    /// the central directory, as a DOCX would have them.
    static func zip(_ entries: [(String, String)]) -> [UInt8] {
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16(v >> 16 & 0xFFFF) }
        var out: [UInt8] = [], central: [UInt8] = []
        for (name, content) in entries {
            let n = Array(name.utf8), data = Array(content.utf8)
            let offset = out.count
            out += [0x50, 0x4B, 0x03, 0x04] + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
            out += le32(0) + le32(data.count) + le32(data.count) + le16(n.count) + le16(0) + n + data
            central += [0x50, 0x4B, 0x01, 0x02] + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
            central += le32(0) + le32(data.count) + le32(data.count) + le16(n.count) + le16(0) + le16(0)
            central += le16(0) + le16(0) + le32(0) + le32(offset) + n
        }
        let start = out.count
        out += central
        out += [0x50, 0x4B, 0x05, 0x06] + le16(0) + le16(0) + le16(entries.count) + le16(entries.count)
        out += le32(central.count) + le32(start) + le16(0)
        return out
    }

    static var docx: [UInt8] {
        zip([("[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>"),
             ("_rels/.rels", "<Relationships/>"),
             ("word/document.xml", "<w:document><w:body><w:p><w:r><w:t>论文</w:t></w:r></w:p></w:body></w:document>")])
    }

    /// Feeds `bytes` in pieces of the given sizes (cycled) and finishes.
    static func scan(_ bytes: [UInt8], chunks sizes: [Int]) -> FileScan {
        var sniffer = FileSniffer()
        var at = 0, k = 0
        while at < bytes.count {
            let n = min(sizes[k % sizes.count], bytes.count - at)
            sniffer.consume(Array(bytes[at..<(at + n)]))
            at += n
            k += 1
        }
        return sniffer.finish()
    }
}
