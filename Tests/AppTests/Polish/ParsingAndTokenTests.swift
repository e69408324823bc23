import Foundation
import NIOCore
import Testing
@testable import App

/// Issue 8, item 11: the multipart file-name parsing and the one token comparison.
@Suite struct MultipartFilenameTests {
    typealias S = MultipartStream

    @Test func plainQuotedAndUnquotedNames() {
        #expect(S.dispositionParameters(#"form-data; name="file"; filename="毕业证书.pdf""#) == ["name": "file", "filename": "毕业证书.pdf"])
        #expect(S.dispositionParameters("form-data; name=label")["name"] == "label")
        #expect(S.dispositionParameters(#"form-data; name="file"; filename="""#)["filename"] == "")
        #expect(S.dispositionParameters(#"form-data; name="label""#)["filename"] == nil)
    }

    @Test func quotedValuesMayHoldSemicolonsAndEscapedQuotes() {
        let p = S.dispositionParameters(#"form-data; name="file"; filename="a;b \"c\".pdf""#)
        #expect(p["filename"] == #"a;b "c".pdf"#)
        #expect(p["name"] == "file")
    }

    @Test func theExtendedUTF8NameWinsWhicheverComesFirst() {
        let after = S.dispositionParameters(#"form-data; name="file"; filename="fallback.pdf"; filename*=UTF-8''%E8%AE%BA%E6%96%87.pdf"#)
        #expect(after["filename"] == "论文.pdf")
        let before = S.dispositionParameters(#"form-data; filename*=utf-8''%E8%AE%BA%E6%96%87.pdf; name="file"; filename="fallback.pdf""#)
        #expect(before["filename"] == "论文.pdf")
        // An extended value in another charset is not understood: the plain one stays.
        let latin = S.dispositionParameters(#"form-data; name="file"; filename="x.pdf"; filename*=ISO-8859-1''%E9.pdf"#)
        #expect(latin["filename"] == "x.pdf")
    }

    @Test func keysAreCaseInsensitiveAndTheFirstPlainValueCounts() {
        let p = S.dispositionParameters(#"form-data; NAME="file"; FileName="one.pdf"; filename="two.pdf""#)
        #expect(p["name"] == "file")
        #expect(p["filename"] == "one.pdf")
    }

    @Test func aStreamedBodyYieldsThePartsWithTheirNames() throws {
        let boundary = "XyZ123"
        let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n"
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"证书 (1).pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n"
            + "--\(boundary)--\r\n"
        let stream = MultipartStream(boundary: boundary)
        var starts: [(String, String?)] = []
        // Fed in small chunks, as a socket delivers it.
        let bytes = Array(body.utf8)
        for start in stride(from: 0, to: bytes.count, by: 7) {
            let chunk = ByteBuffer(bytes: bytes[start..<min(start + 7, bytes.count)])
            for event in try stream.feed(chunk) {
                if case .partStart(let name, let filename) = event { starts.append((name, filename)) }
            }
        }
        #expect(starts.map(\.0) == ["csrf", "file"])
        #expect(starts[0].1 == nil)
        #expect(starts[1].1 == "证书 (1).pdf")
    }
}

@Suite struct TokenComparisonTests {
    @Test func equalOnlyForTheSameToken() {
        let token = "k3J9-abcdefghijklmnopqrstuvwxyz012345678_"
        #expect(TokenComparison.equal(token, token))
        #expect(!TokenComparison.equal(token, String(token.dropLast()) + "9"))
        #expect(!TokenComparison.equal(token, "X" + token.dropFirst()))
        #expect(!TokenComparison.equal(token, token + "a"))
        #expect(!TokenComparison.equal(token, ""))
        #expect(TokenComparison.equal("", ""))
        // Bytes, not characters: a look-alike does not pass.
        #expect(!TokenComparison.equal("cafe\u{301}", "café"))
    }

    /// The CSRF check and the session lookup use this one function (source check,
    /// so a second hand-written comparison cannot creep back in).
    @Test func csrfAndSessionsUseTheOneComparison() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        for file in ["Sources/App/Middleware/CSRFMiddleware.swift", "Sources/App/Middleware/SessionMiddleware.swift"] {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            #expect(text.contains("TokenComparison.equal("), "\(file)")
            #expect(!text.contains("diff |="), "\(file) has its own comparison")
        }
    }
}
