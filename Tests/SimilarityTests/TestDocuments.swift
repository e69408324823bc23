import Foundation
import ZIPFoundation

/// Small documents written by the tests themselves: text PDFs (by hand, as bytes),
/// image-only and blank PDFs, DOCX archives (with ZIPFoundation), text files.
enum TestDocuments {
    /// A fresh temporary folder.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("similarity-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ bytes: [UInt8], to url: URL) throws { try Data(bytes).write(to: url) }

    /// Whether a Debian tool is on the usual paths.
    static func toolExists(_ name: String) -> Bool {
        ["/usr/bin/", "/bin/", "/usr/local/bin/"].contains { FileManager.default.isExecutableFile(atPath: $0 + name) }
    }

    // MARK: PDF

    /// A one-page PDF showing `lines` (Basic Multilingual Plane text): a Type0 font with
    /// Identity-H encoding whose character ids are the Unicode code points, and a
    /// ToUnicode map saying so, which is what pdftotext reads. Nothing is embedded.
    static func textPDF(lines: [String]) -> [UInt8] {
        var content = "BT /F1 12 Tf 14 TL 40 800 Td\n"
        for line in lines {
            let hex = line.utf16.map { String(format: "%04X", $0) }.joined()
            content += "<\(hex)> Tj T*\n"
        }
        content += "ET\n"
        var cmap = """
            /CIDInit /ProcSet findresource begin
            12 dict begin
            begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def
            /CMapType 2 def
            1 begincodespacerange
            <0000> <FFFF>
            endcodespacerange

            """
        let highBytes = (0..<256).filter { !(0xD8...0xDF).contains($0) }
        for chunk in stride(from: 0, to: highBytes.count, by: 100) {
            let part = highBytes[chunk..<min(chunk + 100, highBytes.count)]
            cmap += "\(part.count) beginbfrange\n"
            for h in part { cmap += String(format: "<%02X00> <%02XFF> <%02X00>\n", h, h, h) }
            cmap += "endbfrange\n"
        }
        cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
        return pdf(objects: [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            stream(content),
            "<< /Type /Font /Subtype /Type0 /BaseFont /TestSong /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestSong /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 1000 >>",
            stream(cmap),
            "<< /Type /FontDescriptor /FontName /TestSong /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
        ])
    }

    /// A one-page PDF that only paints a small grey picture: what a scan looks like.
    static func imageOnlyPDF() -> [UInt8] {
        let pixels = String(repeating: "\u{7F}", count: 16)
        return pdf(objects: [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
            stream("q 400 0 0 400 100 300 cm /Im1 Do Q\n"),
            "<< /Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 16 >>\nstream\n\(pixels)\nendstream",
        ])
    }

    /// A one-page PDF with nothing on the page.
    static func blankPDF() -> [UInt8] {
        pdf(objects: [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents 4 0 R >>",
            stream(""),
        ])
    }

    static func stream(_ content: String) -> String {
        "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream"
    }

    /// Objects 1...n with a cross-reference table at the right byte offsets.
    static func pdf(objects: [String]) -> [UInt8] {
        var out = Array("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        for (i, object) in objects.enumerated() {
            offsets.append(out.count)
            out += Array("\(i + 1) 0 obj\n\(object)\nendobj\n".utf8)
        }
        let xref = out.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += String(format: "%010d 00000 n \n", offset) }
        table += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return out + Array(table.utf8)
    }

    /// Encrypts `input` with qpdf (AES-256) into `output`: with a user password, or with
    /// only an owner password and text copying forbidden. False when qpdf is missing or fails.
    static func encryptWithQPDF(_ input: URL, _ output: URL, userPassword: String, forbidCopying: Bool) -> Bool {
        guard toolExists("qpdf") else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/qpdf")
        var arguments = ["--encrypt", userPassword, "owner-secret", "256"]
        if forbidCopying { arguments.append("--extract=n") }
        process.arguments = arguments + ["--", input.path, output.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    // MARK: DOCX

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
        """

    /// A DOCX archive whose word/document.xml has `body` inside <w:body>.
    static func docx(body: String, at url: URL) throws {
        let document = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>\(body)</w:body></w:document>
            """
        try zip(["[Content_Types].xml": contentTypes, "word/document.xml": document], at: url)
    }

    /// A ZIP archive of text parts.
    static func zip(_ parts: [String: String], at url: URL) throws {
        let archive = try Archive(url: url, accessMode: .create)
        for (path, text) in parts.sorted(by: { $0.key < $1.key }) {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
    }

    /// Paragraphs of runs as WordprocessingML.
    static func paragraphs(_ lines: [String]) -> String {
        lines.map { "<w:p><w:r><w:t xml:space=\"preserve\">\(escape($0))</w:t></w:r></w:p>" }.joined()
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
