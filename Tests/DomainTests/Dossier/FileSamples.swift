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

    /// A PDF with one object stream (object 20) whose data is `encoded`, as
    /// PDF 1.5+ writers make them; `after` goes after it (an incremental
    /// update), and a cross-reference stream ends the file.
    static func objectStreamPDF(_ encoded: [UInt8], n: Int, first: Int, filter: String = "/Filter /FlateDecode",
                                eol: String = "\n", after: String = "") -> [UInt8] {
        var bytes = Array("%PDF-1.5\n%\u{E2}\u{E3}\u{CF}\u{D3}\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n".utf8)
        bytes += Array("20 0 obj\n<< /Type /ObjStm /N \(n) /First \(first) \(filter) /Length \(encoded.count) >>\nstream\(eol)".utf8)
        bytes += encoded + Array("\nendstream\nendobj\n\(after)".utf8)
        bytes += Array("21 0 obj\n<< /Type /XRef /Size 22 /Root 1 0 R /W [1 2 1] /Filter /FlateDecode /Length 6 >>\nstream\n".utf8)
        bytes += [0x78, 0x9C, 0x63, 0x60, 0x00, 0x00] + Array("\nendstream\nendobj\nstartxref\n0\n%%EOF\n".utf8)
        return bytes
    }

    /// An object stream's decoded data: the header of number/offset pairs, then the objects.
    static func objectStreamData(_ objects: [(Int, String)]) -> (data: [UInt8], first: Int) {
        var header = "", body = ""
        for (number, object) in objects {
            header += "\(number) \(body.utf8.count) "
            body += object + "\n"
        }
        return (Array((header + "\n" + body).utf8), header.utf8.count + 1)
    }

    /// `data` in a zlib wrapper as stored (uncompressed) blocks, so a test can put anything in a FlateDecode stream.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var at = 0
        repeat {
            let n = min(65_535, data.count - at)
            out += [at + n == data.count ? 1 : 0] + InflateSamples.le16(n) + InflateSamples.le16(~n & 0xFFFF)
            out += data[at..<(at + n)]
            at += n
        } while at < data.count
        return out + InflateSamples.adler32(data)
    }

    static func pageObjects(_ numbers: some Sequence<Int>) -> [(Int, String)] {
        numbers.map { ($0, "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>") }
    }

    /// Made with Python's zlib at level 9: the page tree root (object 2,
    /// `/Count 6`), an outline with `/Count 40`, six pages (3-8) and a font;
    /// `/N 9 /First 52`.
    static let objStm = """
        eNq9T8tKAzEU3fsV5w/ymLwGyiwqFEFFqe6Ki9iGEigzMsmI/r25iQvdKgyEQ+49r0SCo4eV6CA6AQWpFDQ6bWGgLIeFdh0cTG8g
        OBzvrzYbsOfPtwD26M8hgd3GU8KhK1H7kkCoK5qKtqIjfAG7npYxF2YYfuQ8LPkSR4raxTllCFE97M7TINvQnIr/ttITCOdQyG/l
        fThFv50+cOBloXsNp2TtHnORpfLVJtyHNC3zsRRT4K7Q7SLoq6QYhnb+XajWLtRrF5q1C+3ahe7vhVXFnpbXXEdaCrCtT6ExN+Hy
        HnI8erJ9AXms8N8=
        """

    /// Real files. `pdfTeX`: a three-page pdfTeX 1.40.24 document (PDF 1.5):
    /// the pages and the page tree sit in a FlateDecode object stream, the
    /// cross-reference is a stream; pdfinfo says 3 pages.
    static let pdfTeX = """
        JVBERi0xLjUKJdDUxdgKMyAwIG9iago8PAovTGVuZ3RoIDU4ICAgICAgICAKL0ZpbHRlciAvRmxhdGVEZWNvZGUKPj4Kc3RyZWFt
        CnjaK+QyVDAAQkMFQxMLPXNDIwUzMwM9Y0tTheRcLrCEobGesYWZgqmZnpmlsUJRqkIaVyAXACe0CukKZW5kc3RyZWFtCmVuZG9i
        ago4IDAgb2JqCjw8Ci9MZW5ndGggNTIgICAgICAgIAovRmlsdGVyIC9GbGF0ZURlY29kZQo+PgpzdHJlYW0KeNor5DJUMABCQwVD
        Ews9c0MjBTNjIz0DEwuF5FwukISFqZ6BsSWMKkpVSOMK5AIAHKUKsgplbmRzdHJlYW0KZW5kb2JqCjExIDAgb2JqCjw8Ci9MZW5n
        dGggNTkgICAgICAgIAovRmlsdGVyIC9GbGF0ZURlY29kZQo+PgpzdHJlYW0KeNor5DJUMABCQwVDEws9c0MjBTMDYz1zAyOF5Fwu
        kISpmZ6ZpbGCoaGxnrGFmUJRqkIaVyAXACaICt4KZW5kc3RyZWFtCmVuZG9iagoxMyAwIG9iago8PAovUHJvZHVjZXIgKHBkZlRl
        WC0xLjQwLjI0KQovQ3JlYXRvciAoVGVYKQovQ3JlYXRpb25EYXRlIChEOjIwMjYxMTI2MTYyMjQ2WikKL01vZERhdGUgKEQ6MjAy
        NjExMjYxNjIyNDZaKQovVHJhcHBlZCAvRmFsc2UKL1BURVguRnVsbGJhbm5lciAoVGhpcyBpcyBwZGZUZVgsIFZlcnNpb24gMy4x
        NDE1OTI2NTMtMi42LTEuNDAuMjQgKFRlWCBMaXZlIDIwMjIvRGViaWFuKSBrcGF0aHNlYSB2ZXJzaW9uIDYuMy40KQo+PgplbmRv
        YmoKNCAwIG9iago8PAovVHlwZSAvT2JqU3RtCi9OIDgKL0ZpcnN0IDQ3Ci9MZW5ndGggMTk3ICAgICAgIAovRmlsdGVyIC9GbGF0
        ZURlY29kZQo+PgpzdHJlYW0KeNq90bEKwjAYBOA9T3FPYPInbdqAOKi4iCDVrTgUDUUQI00FfXv/KCIUV10yXHL3DdFQIDiLAqQV
        LDRZkILOFByMKZDDWOJLZGTFeCzk9n7xkOum9ULOwrn35z7C8E4lZOVjuHZ7H3n0Gaz84dhMww214iB3+UgXFmVGo9LtBK90XGcj
        PZ5MnvvrLuw3vkfNyHyB3Tv/6pZD1/7HJRrC7odwTPKVe0bI5fEQUes0wJ+WTkpSNajNmr45hVa8+h/wAd1/fk0KZW5kc3RyZWFt
        CmVuZG9iagoxNCAwIG9iago8PAovVHlwZSAvWFJlZgovSW5kZXggWzAgMTVdCi9TaXplIDE1Ci9XIFsxIDIgMV0KL1Jvb3QgMTIg
        MCBSCi9JbmZvIDEzIDAgUgovSUQgWzw5NzEyQTgxNTA2MTUxMDY2NkM5RDkyRTY5RTczRTJBNT4gPDk3MTJBODE1MDYxNTEwNjY2
        QzlEOTJFNjlFNzNFMkE1Pl0KL0xlbmd0aCA1MyAgICAgICAgCi9GaWx0ZXIgL0ZsYXRlRGVjb2RlCj4+CnN0cmVhbQp42hXHwRGA
        IBTE0OSDcrQAG6cCWqIcXQ5vJgG+ohvIg7VI39GiZJ6/out7eujCtvkBdzIEPgplbmRzdHJlYW0KZW5kb2JqCnN0YXJ0eHJlZgo5
        ODMKJSVFT0YK
        """

    /// The same file after MuPDF 1.21 (`mutool run`, `save(…, "incremental")`)
    /// deleted its second page: the update appends the root `/Count 2` plain;
    /// the deleted page and the old root (`/Count 3`) stay in the object
    /// stream. pdfinfo says 2 pages.
    static let pdfTeXPageDeleted = pdfTeX + pdfTeXDeletionUpdate

    /// The bytes MuPDF appended (the original is a multiple of 3 bytes long,
    /// so the two base64 texts join without padding).
    static let pdfTeXDeletionUpdate = """
        CjUgMCBvYmoKPDwvVHlwZS9QYWdlcy9Db3VudCAyL0tpZHNbMiAwIFIgMTAgMCBSXT4+CmVuZG9iagoKMTUgMCBvYmoKPDwvSW5m
        byAxMyAwIFIvUm9vdCAxMiAwIFIvSURbPDk3MTJBODE1MDYxNTEwNjY2QzlEOTJFNjlFNzNFMkE1Pjw5NEJFQzExQTczQzZCMkQy
        NkI1QTczNzlBNEQ2MzQxMz5dL1NpemUgMTYvUHJldiA5ODMvVHlwZS9YUmVmL1dbMSA0IDFdL0luZGV4WzUgMSAxNSAxXS9MZW5n
        dGggMTI+PgpzdHJlYW0KAQAABQUAAQAABUAACmVuZHN0cmVhbQplbmRvYmoKCnN0YXJ0eHJlZgoxMzQ0CiUlRU9GCg==
        """

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
