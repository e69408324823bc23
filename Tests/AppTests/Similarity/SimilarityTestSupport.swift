import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

/// Papers with known shared passages, as DOCX files the upload accepts and
/// DocumentReading reads (stored ZIP entries with their real CRC-32).
enum SimilarityFixtures {
    /// `count` CJK characters from a seeded generator: different seeds share no
    /// passage of 13 characters except by a vanishing chance.
    static func chinese(_ count: Int, seed: UInt64) -> String {
        var state = seed &* 6364136223846793005 &+ 1442695040888963407
        var out = String.UnicodeScalarView()
        for _ in 0..<count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            out.append(Unicode.Scalar(0x4E00 + UInt32((state >> 33) % 3000))!)
        }
        return String(out)
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }

    static func zip(_ entries: [(String, String)]) -> [UInt8] {
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func le32(_ v: UInt32) -> [UInt8] { le16(Int(v & 0xFFFF)) + le16(Int(v >> 16)) }
        var out: [UInt8] = [], central: [UInt8] = []
        for (name, content) in entries {
            let n = Array(name.utf8), data = Array(content.utf8), crc = crc32(data), size = UInt32(data.count)
            let offset = UInt32(out.count)
            out += [0x50, 0x4B, 0x03, 0x04] + le16(20) + le16(0x800) + le16(0) + le16(0) + le16(0x21)
            out += le32(crc) + le32(size) + le32(size) + le16(n.count) + le16(0) + n + data
            central += [0x50, 0x4B, 0x01, 0x02] + le16(20) + le16(20) + le16(0x800) + le16(0) + le16(0) + le16(0x21)
            central += le32(crc) + le32(size) + le32(size) + le16(n.count) + le16(0) + le16(0)
            central += le16(0) + le16(0) + le32(0) + le32(offset) + n
        }
        let start = UInt32(out.count)
        out += central
        out += [0x50, 0x4B, 0x05, 0x06] + le16(0) + le16(0) + le16(entries.count) + le16(entries.count)
        out += le32(UInt32(central.count)) + le32(start) + le16(0)
        return out
    }

    /// A Word document of `paragraphs` (text is XML-escaped).
    static func docx(_ paragraphs: [String]) -> [UInt8] {
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        let body = paragraphs.map { "<w:p><w:r><w:t>\(escape($0))</w:t></w:r></w:p>" }.joined()
        let document = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
            """
        let types = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
            """
        return zip([("[Content_Types].xml", types), ("word/document.xml", document)])
    }

    /// An applicant's draft with a 送审论文 uploaded through the page, then moved to
    /// `state` (accepted at intake by default).
    static func applicationWithPaper(_ app: Application, _ username: String, paragraphs: [String],
                                     state: ApplicationState = .accepted) async throws -> ApplicationRecord {
        let record = try await FilesFixtures.application(app, applicant: username)
        var b = Browser(app)
        try await b.openFiles(username, record)
        let response = try await b.upload(record, slot: .submittedPaper, label: "送审论文全文", filename: "\(username)论文.docx",
                                          bytes: docx(paragraphs))
        #expect(response.status == .seeOther)
        try await FilesFixtures.setState(record, state, app)
        return record
    }
}
