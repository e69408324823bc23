import Foundation
import Testing
import ZIPFoundation
@testable import DocumentReading

/// Sample files for the inspection tests: small PDFs written byte by byte with a correct
/// cross-reference table (so pdfinfo reads them without repair), two real pdfTeX files, DOCX
/// archives made with ZIPFoundation, and encrypted PDFs made with qpdf at test time.
enum Samples {
    /// A valid PDF of `pages` empty A4 pages; `title` goes into the document information
    /// dictionary as a literal string (so a test can put a forged line in it).
    static func pdf(pages: Int, title: String? = nil, trailerExtra: String = "") -> [UInt8] {
        var objects = ["<< /Type /Catalog /Pages 2 0 R >>"]
        let kids = (0..<pages).map { "\($0 + 3) 0 R" }.joined(separator: " ")
        objects.append("<< /Type /Pages /Kids [\(kids)] /Count \(pages) >>")
        objects += Array(repeating: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>", count: pages)
        var info = ""
        if let title {
            objects.append("<< /Title (\(title)) >>")
            info = " /Info \(objects.count) 0 R"
        }
        var bytes = Array("%PDF-1.4\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3, 0x0A]
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(bytes.count)
            bytes += Array("\(index + 1) 0 obj\n\(object)\nendobj\n".utf8)
        }
        let xref = bytes.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n" }
        table += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R\(info)\(trailerExtra) >>\nstartxref\n\(xref)\n%%EOF\n"
        return bytes + Array(table.utf8)
    }

    /// Real files (base64). `pdfTeX` `pdfTeX`: a three-page pdfTeX 1.40.24 document (PDF 1.5):
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

    static func bytes(_ base64: String) -> [UInt8] {
        [UInt8](Data(base64Encoded: base64.filter { !$0.isWhitespace })!)
    }

    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A,
                               0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]

    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00]
        + [UInt8](repeating: 0x20, count: 20) + [0xFF, 0xD9]

    /// Word's parts, as a minimal DOCX has them.
    static let wordParts = [
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>"),
        ("_rels/.rels", "<Relationships/>"),
        ("word/document.xml", "<w:document><w:body><w:p><w:r><w:t>论文</w:t></w:r></w:p></w:body></w:document>"),
    ]

    /// A ZIP archive written by ZIPFoundation with the given entries (deflated).
    static func zip(_ entries: [(String, String)]) throws -> [UInt8] {
        let archive = try Archive(accessMode: .create)
        for (name, content) in entries {
            let data = Data(content.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return [UInt8](try #require(archive.data))
    }

    static func docx() throws -> [UInt8] { try zip(wordParts) }
}

/// A folder of its own for each test, removed at the end.
final class Scratch {
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.path + "/inspection-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// Writes `bytes` to `name` in the folder and returns its path.
    func write(_ bytes: [UInt8], as name: String = UUID().uuidString) throws -> String {
        let path = folder + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// An executable shell script standing in for a tool (a pdfinfo that hangs, floods or crashes).
    func tool(_ script: String) throws -> String {
        let path = try write(Array("#!/bin/sh\n\(script)\n".utf8), as: "tool-" + UUID().uuidString)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    /// `source` encrypted by qpdf (AES-256) with the given user and owner passwords; an empty user
    /// password opens without asking, as "permissions-only" files do.
    func encrypted(_ source: [UInt8], user: String, owner: String = "owner") throws -> [UInt8] {
        try #require(ChildProcess.locate("qpdf") != nil, "qpdf is needed: apt-get install qpdf")
        let input = try write(source), output = folder + "/encrypted-" + UUID().uuidString + ".pdf"
        let result = try ChildProcess.run("qpdf", ["--encrypt", user, owner, "256", "--", input, output],
                                          timeout: .seconds(30), maxOutput: 64 * 1024)
        try #require(result.status == 0, "qpdf: \(String(decoding: result.stderr, as: UTF8.self))")
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: output)))
    }
}
