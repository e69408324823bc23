/// The contract's report of a paper's duplication check (shared/contracts/cli.md,
/// "Paper duplication check"): characters, copyRatio = covered / characters,
/// exceedsThreshold = copyRatio > threshold (exactly the threshold does not exceed:
/// notice 七.1 says below 25 % defends, above 25 % loses the defense), the threshold,
/// and the sources most-covering first with their own share and matched passages.
public struct CoverageReport: Sendable, Equatable {
    public struct Source: Sendable, Equatable {
        public let document: String
        /// This source's own covered characters / the paper's characters.
        public let ratio: Double
        public let matches: [PassageMatch]
    }

    public let characters: Int
    public let copyRatio: Double
    public let exceedsThreshold: Bool
    public let threshold: Double
    public let sources: [Source]

    public init(_ coverage: Coverage, threshold: Double) {
        characters = coverage.characters
        copyRatio = coverage.copyRatio
        exceedsThreshold = coverage.copyRatio > threshold
        self.threshold = threshold
        let total = Double(coverage.characters)
        sources = coverage.sources.map {
            Source(document: $0.name, ratio: total == 0 ? 0 : Double($0.covered) / total, matches: $0.matches)
        }
    }

    /// The report as the contract's JSON object (keys in the contract's order, one line).
    public var json: String {
        var bytes: [UInt8] = []
        writeJSON { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The same JSON, handed to `sink` in pieces of about 64 KB: a report listing millions
    /// of matches (`--min-passage 1` against many documents) is written without being held
    /// whole, at about 60 bytes a match.
    public func writeJSON(_ sink: (UnsafeBufferPointer<UInt8>) -> Void) {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16 + 256)
        func flushIfFull() {
            guard buffer.count >= 1 << 16 else { return }
            buffer.withUnsafeBufferPointer(sink)
            buffer.removeAll(keepingCapacity: true)
        }
        func text(_ s: String) { buffer.append(contentsOf: s.utf8) }
        func integer(_ value: Int) {
            guard value > 0 else {
                if value == 0 { buffer.append(UInt8(ascii: "0")) } else { text(String(value)) }
                return
            }
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                         UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var v = value, count = 0
            withUnsafeMutableBytes(of: &digits) { d in
                while v > 0 { d[count] = UInt8(ascii: "0") + UInt8(v % 10); v /= 10; count += 1 }
                while count > 0 { count -= 1; buffer.append(d[count]) }
            }
        }
        text("{\"characters\":"); integer(characters)
        text(",\"copyRatio\":\(Self.number(copyRatio)),\"exceedsThreshold\":\(exceedsThreshold)")
        text(",\"threshold\":\(Self.number(threshold)),\"sources\":[")
        for (i, source) in sources.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            text("{\"document\":\(Self.quoted(source.document)),\"ratio\":\(Self.number(source.ratio)),\"matches\":[")
            for (j, m) in source.matches.enumerated() {
                if j > 0 { buffer.append(UInt8(ascii: ",")) }
                text("{\"start\":"); integer(m.start)
                text(",\"end\":"); integer(m.end)
                text(",\"sourceStart\":"); integer(m.sourceStart)
                text(",\"sourceEnd\":"); integer(m.sourceEnd)
                buffer.append(UInt8(ascii: "}"))
                flushIfFull()
            }
            text("]}")
        }
        text("]}")
        buffer.withUnsafeBufferPointer(sink)
    }

    /// Shortest round-trip decimal form; integral values as `1.0`-style stay valid JSON.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        return "\(x)"
    }

    /// A JSON string literal.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
