import Foundation
import Testing
@testable import Domain

@Suite("Inflate (zlib, DEFLATE)")
struct InflateTests {
    typealias F = InflateSamples
    static let limit = 1 << 20

    @Test func storedFixedAndDynamicBlocksFromZlib() throws {
        #expect(try Inflate.zlib(F.bytes(F.stored), limit: Self.limit) == Array("stored, not compressed".utf8))
        #expect(try Inflate.zlib(F.bytes(F.fixed), limit: Self.limit) == Array("Hello, Hello, Hello! /Type /Page".utf8))
        for (name, fixture) in [("level9", F.level9), ("level1", F.level1), ("fixedCodes", F.fixedCodes),
                                ("flushed", F.flushed), ("raw", F.raw)] {
            let output = try Inflate.zlib(F.bytes(fixture), limit: Self.limit)
            #expect(output == F.text, "\(name)")
        }
        #expect(try Inflate.raw(F.bytes(F.raw), limit: Self.limit) == F.text)
        #expect(try Inflate.zlib(F.bytes(F.rle), limit: Self.limit) == F.runs)
    }

    @Test func storedBlocksBuiltByHand() throws {
        // Two stored blocks (65535 is the most one holds) and an empty final one.
        let data = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        var raw: [UInt8] = []
        for (range, final) in [(0..<65_535, false), (65_535..<70_000, false), (70_000..<70_000, true)] {
            raw += [final ? 1 : 0] + F.le16(range.count) + F.le16(~range.count & 0xFFFF) + data[range]
        }
        #expect(try Inflate.raw(raw, limit: Self.limit) == data)
        #expect(try Inflate.zlib([0x78, 0x01] + raw + F.adler32(data), limit: Self.limit) == data)
    }

    @Test func overlappingBackReferencesRepeat() throws {
        var w = BitWriter()
        w.bits(1, 1); w.bits(1, 2)           // final, fixed codes
        w.fixed(0x61); w.fixed(0x62)         // "ab"
        w.fixed(258); w.code(1, 5)           // length 4, distance 2: "abab"
        w.fixed(257); w.code(0, 5)           // length 3, distance 1: "bbb"
        w.fixed(256)
        #expect(try Inflate.raw(w.bytes, limit: 100) == Array("abababbbb".utf8))
    }

    @Test func corruptDataGivesClearErrors() {
        #expect(throws: Inflate.Failure.invalidBlockType) { try Inflate.raw([0x07], limit: 100) }
        #expect(throws: Inflate.Failure.truncated) { try Inflate.raw([], limit: 100) }
        #expect(throws: Inflate.Failure.storedLengthMismatch) { try Inflate.raw([1, 5, 0, 0xFA, 0xFE] + Array("hello".utf8), limit: 100) }
        #expect(throws: Inflate.Failure.truncated) { try Inflate.raw([1, 5, 0, 0xFA, 0xFF] + Array("hell".utf8), limit: 100) }

        var far = BitWriter()
        far.bits(1, 1); far.bits(1, 2); far.fixed(0x61); far.fixed(257); far.code(1, 5) // distance 2 after 1 byte
        #expect(throws: Inflate.Failure.distanceTooFar) { try Inflate.raw(far.bytes, limit: 100) }

        var literal286 = BitWriter()
        literal286.bits(1, 1); literal286.bits(1, 2); literal286.fixed(286)
        #expect(throws: Inflate.Failure.invalidSymbol) { try Inflate.raw(literal286.bytes, limit: 100) }
        var distance30 = BitWriter()
        distance30.bits(1, 1); distance30.bits(1, 2); distance30.fixed(0x61); distance30.fixed(257); distance30.code(30, 5)
        #expect(throws: Inflate.Failure.invalidSymbol) { try Inflate.raw(distance30.bytes, limit: 100) }

        // Four code-length codes of one bit each: over-subscribed.
        var oversubscribed = BitWriter()
        oversubscribed.bits(1, 1); oversubscribed.bits(2, 2); oversubscribed.bits(0, 14)
        for _ in 0..<4 { oversubscribed.bits(1, 3) }
        #expect(throws: Inflate.Failure.invalidCodeLengths) { try Inflate.raw(oversubscribed.bytes, limit: 100) }
        // "Repeat the previous length" (16) with nothing before it.
        var repeatFirst = BitWriter()
        repeatFirst.bits(1, 1); repeatFirst.bits(2, 2); repeatFirst.bits(0, 14)
        repeatFirst.bits(1, 3); repeatFirst.bits(1, 3); repeatFirst.bits(0, 6) // 16 and 17: one bit each
        repeatFirst.code(0, 1); repeatFirst.bits(0, 8)
        #expect(throws: Inflate.Failure.invalidCodeLengths) { try Inflate.raw(repeatFirst.bytes, limit: 100) }

        // Cut anywhere, a stream fails rather than returning part of its text.
        let whole = F.bytes(F.level9)
        for cut in stride(from: 0, to: whole.count - 4, by: 7) {
            #expect(throws: Inflate.Failure.self) { try Inflate.zlib(Array(whole[..<cut]), limit: Self.limit) }
        }
        #expect(throws: Inflate.Failure.presetDictionary) { try Inflate.zlib([0x78, 0xBB, 0, 0, 0, 1], limit: 100) }
    }

    @Test func checksumIsVerifiedUnlessToldNot() throws {
        var bytes = F.bytes(F.level9)
        bytes[bytes.count - 1] ^= 0x01
        #expect(throws: Inflate.Failure.checksumMismatch) { try Inflate.zlib(bytes, limit: Self.limit) }
        #expect(try Inflate.zlib(bytes, limit: Self.limit, verifyChecksum: false) == F.text)
        let noTrailer = Array(F.bytes(F.level9).dropLast(4))
        #expect(throws: Inflate.Failure.truncated) { try Inflate.zlib(noTrailer, limit: Self.limit) }
        #expect(try Inflate.zlib(noTrailer, limit: Self.limit, verifyChecksum: false) == F.text)
        // Bytes after the stream (a PDF's end of line before `endstream`) are ignored.
        #expect(try Inflate.zlib(F.bytes(F.level9) + [0x0D, 0x0A], limit: Self.limit) == F.text)
    }

    @Test func outputIsCappedByTheLimit() throws {
        // 1 MB of zeros in 1 KB: the zip bomb in small.
        let bomb = F.bytes(F.zeros)
        #expect(bomb.count < 1100)
        #expect(throws: Inflate.Failure.outputLimit) { try Inflate.zlib(bomb, limit: 64 * 1024) }
        #expect(throws: Inflate.Failure.outputLimit) { try Inflate.zlib(bomb, limit: (1 << 20) - 1) }
        #expect(try Inflate.zlib(bomb, limit: 1 << 20) == [UInt8](repeating: 0, count: 1 << 20))
        #expect(try Inflate.zlib(F.bytes(F.level9), limit: F.text.count) == F.text)
        #expect(throws: Inflate.Failure.outputLimit) { try Inflate.zlib(F.bytes(F.level9), limit: F.text.count - 1) }
        #expect(throws: Inflate.Failure.outputLimit) { try Inflate.zlib(F.bytes(F.stored), limit: 0) }
    }

    @Test func damagedStreamsNeverCrashOrOverrun() {
        // Random damage: each result is an error or at most `limit` bytes.
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: seed >> 33)
        }
        let originals = [F.level9, F.level1, F.fixedCodes, F.flushed, F.raw].map(F.bytes)
        for round in 0..<3000 {
            var bytes = originals[round % originals.count]
            for _ in 0...(next() % 4) { bytes[next() % bytes.count] = UInt8(truncatingIfNeeded: next()) }
            if let output = try? Inflate.zlib(bytes, limit: 8192) { #expect(output.count <= 8192) }
        }
        for _ in 0..<500 {
            let noise = (0..<(next() % 300)).map { _ in UInt8(truncatingIfNeeded: next()) }
            if let output = try? Inflate.zlib(noise, limit: 8192) { #expect(output.count <= 8192) }
        }
    }
}

/// Writes a DEFLATE bit stream by hand: values first bit lowest, Huffman
/// codes first bit highest (RFC 1951 3.1.1).
struct BitWriter {
    var bytes: [UInt8] = []
    private var used = 8

    mutating func bits(_ value: Int, _ count: Int) {
        for k in 0..<count {
            if used == 8 { bytes.append(0); used = 0 }
            bytes[bytes.count - 1] |= UInt8(value >> k & 1) << used
            used += 1
        }
    }

    mutating func code(_ code: Int, _ length: Int) {
        for k in (0..<length).reversed() { bits(code >> k & 1, 1) }
    }

    /// A literal/length symbol in the fixed code (3.2.6).
    mutating func fixed(_ symbol: Int) {
        switch symbol {
        case 0...143: code(0x30 + symbol, 8)
        case 144...255: code(0x190 + symbol - 144, 9)
        case 256...279: code(symbol - 256, 7)
        default: code(0xC0 + symbol - 280, 8)
        }
    }
}

/// zlib streams made with Python's zlib (`zlib.compress(text, level)`,
/// `compressobj` with Z_FIXED, Z_RLE, raw wbits -15, sync and full flushes).
enum InflateSamples {
    static let text = Array((0..<60).map {
        "\($0) 0 obj\n<< /Type /Page /Parent 2 0 R /Contents \($0 * 7 % 1000) 0 R >>\nendobj\n"
    }.joined().utf8)
    static let runs = Array(("%" + String(repeating: "-", count: 3000) + "\n" + String(repeating: "0", count: 500)).utf8)

    static func bytes(_ base64: String) -> [UInt8] {
        [UInt8](Data(base64Encoded: base64.filter { !$0.isWhitespace })!)
    }

    static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }

    /// Big-endian, as the zlib trailer has it.
    static func adler32(_ data: [UInt8]) -> [UInt8] {
        var a = 1, b = 0
        for byte in data { a = (a + Int(byte)) % 65521; b = (b + a) % 65521 }
        return [UInt8(b >> 8), UInt8(b & 0xFF), UInt8(a >> 8), UInt8(a & 0xFF)]
    }

    static let stored = "eAEBFgDp/3N0b3JlZCwgbm90IGNvbXByZXNzZWRgqAiE"
    static let fixed = "eNrzSM3JyddR8ECiFBX0QyoLUhX0AxLTUwGr2ApT"
    // level9: 374 bytes, first block type 2
    static let level9 = """
        eNqV1z1qAzEUReHeq5gdWO9vJIFxkw2EkA0kxARS2CFx493HTnmnOo1BmPOqDz1NW9pyef/aHQ7L/vX2fVr2z2+f/78/p/N18fvf
        L8v+6XK+3o+/99PjfDzuTuePR2Ys75I7yy2lD9a7SZ+wH9IX66OkX1mfLn2H/ZR+sL5W6Sfr11A+DfrZ+KMAVaBBgkMJGjQ41aBB
        hFMRGlRoTRkadGimEK3TCUrRoEVzxWhQo4Vy9EbvI/XoRidsrkR6J5aKdCjSViXpSSeoSacmu5p0anKoSacmh5p0anKqSYcmvanJ
        aHTHqckwOkFNBjTpvlnUdFOHmgy6q0NNBjTpqSYDmvRSk9HpBDUZ0KSvajKoya4mk5ocajKpyaEmk5qcajKhyWib52PSCWoy6QvS
        1GRCk+FqMjudoCYTmoxQkwlNRqrJavQtribL6AQ1WdBkrGqyqMmuJoua7JuPGmpyqMmiJqeaLGpyqsmCJrOpyYIm09TkH1ZaSCQ=
        """
    // level1: 461 bytes, first block type 2
    static let level1 = """
        eAGV1z1Ow0AQhuE+p/AN4pnZ9Y8UpeECCHEBEBESRYIgTW5PdihYf1Rvg2SRGY93H3+bjMM4XF4/dofDsH++fZ6G/ePLe/79Op2v
        g9///TTsHy7n6/3y+37Vro/H3en81sqMlc9S3tqDu1uR+mD13sbtx2/9wP19kfrK6qN9vr//xOrL73b8LX9bTzB/WeX+7XlAfW3z
        9vO3fqB+avvV11vzBBrM//xRgCrQIMFFCRo0uKrBRA3WYFWEBhXaqAwNOrRctc1GQolmStGgRXPFmC3BQlooR4ccrajHTBgyQ1GQ
        DkFaVZEORdqkJB3mok1q0qnJWU3m9pKVXDQcnZpc1GTmPZlhVZMOE9JHNRnQpGem9u9mwIx0U5MBTXoC2swATXoOvekATXqoyTx9
        wW56UZMBc9Krmgxo0quazMciTzGpyaAmZzWZsUdmWDQnCzW5qMn8LkRmWDUnCzQZo+ZkgSZjVJNJDDxF5GHfvxcFmow8YDYdoMnI
        UNt0gGd35Iu06QBNRm5e36HCnIws2HSAJqOqyXzdyW5OarJSk7OazK8DZIZZTVZ4dseiOZm/E8gMq+ZkLi3qoDlZockyak5m9IIZ
        Sv4U6EX9AFZaSCQ=
        """
    // raw: 370 bytes, first block type 2
    static let raw = """
        ldc9agMxFEXh3quYHVjvTyOBcZMNhJANJMQEUtghcePdx055pzrNwGM43Yee1Ja2XN6/dofDsn+9fZ+W/fPb5//353S+Ln7//bLs
        ny7n6338vU+P+Xjcnc4fj8xYvkruLLeUPljvJn3CfkhfrI+SvrM+XfoV9lP6wfrq0k/W91A+DfrZ+KMAVaBBgkMJGjQ41aBBhFMR
        GlRoTRkadGimEA1KNFOKBi2aK0aDGi2Uo0OOlurRoUfLzZFIz8RSkQ5FWleSDklaV5NOTa5q0qnJoSadmhxq0qnJqSYdmvSmJgOa
        dFOTAU26qcmAJt03i5pu6lCTQXd1qMmAJj3VZECTXmoyoEkvNRnQpHc1GdTkqiaTmhxqMqnJoSaTmpxqMqHJaJvrIzQZTU0mvUGa
        mkxoMlxNJjQZriYTmoxQkwlNRqrJgiaj1GRBk1FqsqDJ6GqyqMlVTRY1uW4eNdTkUJNFTU41WdTkVJMFTWZTkwVNpqnJPw==
        """
    // fixedCodes: 508 bytes, first block type 1
    static let fixedCodes = """
        eAEzUDBQyE/K4rKxUdAPqSxIVdAPSEwHk0WpeSUKRkDpIAV95/y8EiC3GMgD8e3suFLzUkDaDEnTbo6m3Yg07YYmaPqNSdNvZIim
        34RE/RZo+k1J029siqbfjDT9JkZo+s1J1G+Jpt+CNP2mZmj6LUnTb2aMnnwMSEw/GOmP1ASIngINSUyCFuhJ0JDENGiJngYNSUyE
        luiJ0JDEVGhogJ4MDUlMh4aG6AnR0JxUE9CToiGJadHQCD0xGpKYGg2N0ZOjkQGp5RF6ejQyJNUEjCKR1DLRFD1FGpGYIg3N0JOk
        kQmpJqCnSSNS06Q5epo0IjVNWqCnSSNS06QFepo0IjVNWqKnSSMS06SRAXqaNDYgtY5DT5PGhqSagJ4mjUlMk0ZGGBU1qTW1MXqa
        NCa1rjZGT5PGJKZJIxP0NGlMYpo0MkVPk8bmpJqAniaNSUyTRmboadKY1DRpjp4mTUhNkxboadKE1DRpgZ4mTUhNk5boadKExDRp
        bIDRfDQh1QT0NGlCagvSED1NmpCYJo2N0NOkiTmpJqCnSRMS06SxMXqaNCExTRqboKdJUwNS2+LoadLUkFQT0NOkKYlp0tgMPU2a
        kpomzdHTpCmpadIco1NDapq0QE+TpqSmSUv0NGlKapq0RE+TpiSmSRMD9DRpSmKaNDFET5MAVlpIJA==
        """
    // rle: 34 bytes, first block type 2
    static let rle = """
        eAHtwUEJAAAIBLC/PXwK1z+dNQS39QAAAOdVeGcBxWFtZg==
        """
    // flushed: 480 bytes, first block type 2
    static let flushed = """
        eNqU0kEKwjAUhOF9T/Fu0EySpgmUbryAiBdQLIKLVLSb3t7W5XQ1m8AQ/rf6nDmb769mGKy9ru/J2vPt+X8/U13Mb98Xa09zXbb5
        3da+x7GZ6mPPoOU95V7LEakPWu9BfRT7TH2n9aGjPml99NT3Yl+oz1rfJeqL1qfAfJzo5+BPBcgCIRLMTBCiwcIGISIsjBCiQjhm
        CNEhwBDRqxeYIkSL8IwRokYE5ugPHH8AAAD//5TVsRGAMADDwJWIHUjYfzEqGlFwWsDVn/X3R/SYYRc+l2g/8aTISJHjIslMu0CT
        sSYXTcaa3DQZa3LTZKzJmyYjTeagyR62cTTZYRdostJk8gm1LXVpsrbVpclKk5k0WWkyJ0122QWarDSZiyZrTS6anK/JBwAA//+V
        0jsOwjAQhOE+p9gbxK+JbSlKwwUQ4gIgIiSKBEGa3J6QCk3FNNZ6i6/Zv++tPa/P0drj5b6/r3FaLJizk7WHeVq279tCcftmGJpx
        us3XR5P8tvgO/b9CZiGIQk0sRE2IzrOQVKGwAFHwYKEThRBYyKpQWSiiEDsWqijsx/sV4EQB3CS8KnCTEJuMHTcJtcnMTUJtMnOT
        UJss3CTUJis3CbXJyk1CbDI5bhJik8lzkx9WWkgk
        """
    // zeros: 1 MB of zero bytes, level 9
    static let zeros = """
        eNrtwTEBAAAAwqD1T20IX6AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAD4DAPAAAQ==
        """
}
