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
        var out = "{\"characters\":\(characters),\"copyRatio\":\(Self.number(copyRatio))"
        out += ",\"exceedsThreshold\":\(exceedsThreshold),\"threshold\":\(Self.number(threshold)),\"sources\":["
        for (i, source) in sources.enumerated() {
            if i > 0 { out += "," }
            out += "{\"document\":\(Self.quoted(source.document)),\"ratio\":\(Self.number(source.ratio)),\"matches\":["
            for (j, m) in source.matches.enumerated() {
                if j > 0 { out += "," }
                out += "{\"start\":\(m.start),\"end\":\(m.end),\"sourceStart\":\(m.sourceStart),\"sourceEnd\":\(m.sourceEnd)}"
            }
            out += "]}"
        }
        return out + "]}"
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
