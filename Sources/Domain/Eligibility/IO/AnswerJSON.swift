/// Writes an `EligibilityAnswer` as the contract's JSON:
/// `{"policy":…,"targetLevel":…,"track":…,"verdict":…,"route":…,"findings":[{"rule":…,"clause":…,
/// "outcome":…,"message":…,"interpretations":[…]}],"earliestEligible":…}`.
/// `track` and each finding's `interpretations` extend the contract; `earliestEligible`
/// appears only when every failure is a duration.
public enum AnswerJSON {
    public static func encode(_ a: EligibilityAnswer) -> [UInt8] {
        var o = TextBuffer(capacity: 2048)
        encode(a, into: &o)
        return o.bytes
    }

    public static func encodeString(_ a: EligibilityAnswer) -> String { String(decoding: encode(a), as: UTF8.self) }

    @inline(__always)
    private static func name<E: JSONEnum>(_ e: E, _ o: inout TextBuffer) {
        o.append(byte: UInt8(ascii: "\"")); o.append(E.jsonNames[Int(e.rawValue)]); o.append(byte: UInt8(ascii: "\""))
    }

    private static let interpretationNames: [StaticString] = [
        "\"I1-reference-dates\"", "\"I2-tenure-start\"", "\"I3-year-counting\"", "\"I4-recent-assessment\"",
        "\"I5-assessment-count\"", "\"I6-education\"", "\"I7-engineer-routes\"", "\"I8-papers-materials\"",
        "\"I9-achievements\"", "\"I10-assistant-engineer-routes\"", "\"I11-technician\"", "\"I12-transfer\"",
        "\"I13-exclusions\"",
    ]

    static func encode(_ a: EligibilityAnswer, into o: inout TextBuffer) {
        o.append("{\"policy\":"); o.appendJSONString(a.policy)
        o.append(",\"targetLevel\":"); name(a.targetLevel, &o)
        o.append(",\"track\":"); name(a.track, &o)
        o.append(",\"verdict\":"); name(a.verdict, &o)
        o.append(",\"route\":"); name(a.route, &o)
        o.append(",\"findings\":[")
        let names = interpretationNames
        for (i, f) in a.findings.enumerated() {
            o.append(i == 0 ? "{\"rule\":" : ",{\"rule\":"); name(f.rule, &o)
            o.append(",\"clause\":\""); f.clauseID.write(to: &o); o.append(byte: UInt8(ascii: "\""))
            o.append(",\"outcome\":"); name(f.outcome, &o)
            o.append(",\"message\":\"")
            let start = o.count
            f.detail.render(into: &o)
            escapeIfNeeded(&o, from: start)
            o.append("\",\"interpretations\":[")
            var bits = f.interpretationSet.rawValue, k = 0, first = true
            while bits != 0 {
                if bits & 1 != 0 {
                    if !first { o.append(byte: UInt8(ascii: ",")) }
                    o.append(names[k]); first = false
                }
                bits >>= 1; k += 1
            }
            o.append("]}")
        }
        o.append(byte: UInt8(ascii: "]"))
        if let d = a.earliestEligible {
            o.append(",\"earliestEligible\":\""); o.appendISO(d); o.append(byte: UInt8(ascii: "\""))
        }
        o.append(byte: UInt8(ascii: "}"))
    }

    /// Messages are built from fixed text and numbers, so they never need escaping;
    /// this check keeps the output valid JSON should a message ever carry a quote.
    @inline(__always)
    private static func escapeIfNeeded(_ o: inout TextBuffer, from start: Int) {
        var clean = true
        for i in start..<o.count {
            let c = o[i]
            if c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") { clean = false; break }
        }
        if clean { return }
        let raw = o.withBytes { Array($0[start...]) }
        o.truncate(to: start)
        raw.withUnsafeBufferPointer { o.appendJSONString(utf8: $0) }
        // appendJSONString adds quotes; the caller wrote its own, so drop them again.
        let body = o.withBytes { Array($0[(start + 1)..<($0.count - 1)]) }
        o.truncate(to: start)
        body.withUnsafeBufferPointer { o.append(contentsOf: $0) }
    }
}
