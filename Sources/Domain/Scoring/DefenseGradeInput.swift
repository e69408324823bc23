/// The input of `title-review defense grade`: one defense panel's raw scores and,
/// optionally, quantitative scores (the scoring contract).
///
/// ```json
/// { "scores": [ { "applicant": "A01", "expert": "E1", "materials": 84, "onsite": 78.5 } ],
///   "quantitative": { "A01": 61.5 } }
/// ```
///
/// Numbers are read from their text, exactly. Errors name the place and the problem,
/// as the command-line contract wants: `scores[3].onsite: 101 is above 100`,
/// `scores[0].materials: 84.25 has more than one decimal`, `scores[2].expert: missing
/// required field`, `scores[4]: expert "E1" already scored applicant "A01" (scores[0])`,
/// `scores: no scores given`, `quantitative.A09: no defense scores for applicant "A09"`.
/// Unknown fields are skipped (their syntax is still checked); `null` is absent.
public struct DefenseGradeInput: Sendable, Hashable {
    public var entries: [DefenseScoreEntry]
    /// Quantitative scores by applicant.
    public var quantitative: [String: Tenths]

    public init(entries: [DefenseScoreEntry], quantitative: [String: Tenths] = [:]) {
        self.entries = entries; self.quantitative = quantitative
    }

    public static func decode(_ bytes: [UInt8]) throws(JSONInputError) -> DefenseGradeInput {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONInputError) -> DefenseGradeInput in
            var s = JSONScanner(buffer)
            let input = try decodeDocument(&s)
            try s.expectEnd()
            return input
        }
    }

    public static func decode(_ text: String) throws(JSONInputError) -> DefenseGradeInput { try decode(Array(text.utf8)) }

    static func decodeDocument(_ s: inout JSONScanner) throws(JSONInputError) -> DefenseGradeInput {
        try s.beginObject()
        var entries: [DefenseScoreEntry]?
        // In document order, last value of a repeated key wins.
        var quantitative: [(applicant: String, score: Tenths)] = []
        var first = true
        while let k = try s.nextKey(first: &first) {
            do {
                if s.matches(k, "scores") {
                    entries = try s.skipNull() ? nil : try decodeScores(&s)
                } else if s.matches(k, "quantitative") {
                    quantitative = try s.skipNull() ? [] : try decodeQuantitative(&s)
                } else {
                    try s.skipValue()
                }
            } catch { throw error.prefixed(.key(s.string(k))) }
        }
        guard let entries else { throw JSONInputError(path: [.field("scores")], problem: "missing required field") }
        guard !entries.isEmpty else { throw JSONInputError(path: [.field("scores")], problem: "no scores given") }

        let scored = Set(entries.map(\.applicant))
        var byApplicant: [String: Tenths] = [:]
        for q in quantitative {
            guard scored.contains(q.applicant) else {
                throw JSONInputError(path: [.field("quantitative"), .key(q.applicant)],
                                     problem: "no defense scores for applicant \"\(q.applicant)\"")
            }
            byApplicant[q.applicant] = q.score
        }
        return DefenseGradeInput(entries: entries, quantitative: byApplicant)
    }

    static func decodeScores(_ s: inout JSONScanner) throws(JSONInputError) -> [DefenseScoreEntry] {
        try s.beginArray()
        var entries: [DefenseScoreEntry] = []
        var seen: [String: [String: Int]] = [:]   // applicant -> expert -> index
        var first = true
        while try s.nextElement(first: &first) {
            let index = entries.count
            do throws(JSONInputError) {
                let e = try decodeEntry(&s)
                if let earlier = seen[e.applicant]?[e.expert] {
                    throw JSONInputError(problem: "expert \"\(e.expert)\" already scored applicant \"\(e.applicant)\" (scores[\(earlier)])")
                }
                seen[e.applicant, default: [:]][e.expert] = index
                entries.append(e)
            } catch { throw error.prefixed(.index(index)) }
        }
        return entries
    }

    static func decodeEntry(_ s: inout JSONScanner) throws(JSONInputError) -> DefenseScoreEntry {
        try s.beginObject()
        var applicant: String?, expert: String?, materials: Tenths?, onsite: Tenths?
        var first = true
        while let k = try s.nextKey(first: &first) {
            do {
                if s.matches(k, "applicant") { applicant = try s.skipNull() ? nil : try readName(&s) }
                else if s.matches(k, "expert") { expert = try s.skipNull() ? nil : try readName(&s) }
                else if s.matches(k, "materials") { materials = try s.skipNull() ? nil : try readScore(&s) }
                else if s.matches(k, "onsite") { onsite = try s.skipNull() ? nil : try readScore(&s) }
                else { try s.skipValue() }
            } catch { throw error.prefixed(.key(s.string(k))) }
        }
        func missing(_ field: StaticString) -> JSONInputError {
            JSONInputError(path: [.field(field)], problem: "missing required field")
        }
        guard let applicant else { throw missing("applicant") }
        guard let expert else { throw missing("expert") }
        guard let materials else { throw missing("materials") }
        guard let onsite else { throw missing("onsite") }
        return DefenseScoreEntry(applicant: applicant, expert: expert, materials: materials, onsite: onsite)
    }

    static func decodeQuantitative(_ s: inout JSONScanner) throws(JSONInputError) -> [(applicant: String, score: Tenths)] {
        try s.beginObject()
        var items: [(applicant: String, score: Tenths)] = []
        var first = true
        while let k = try s.nextKey(first: &first) {
            let applicant = s.string(k)
            do {
                if try s.skipNull() { continue }
                let score = try readScore(&s)
                if let i = items.firstIndex(where: { $0.applicant == applicant }) { items[i].score = score } else { items.append((applicant, score)) }
            } catch { throw error.prefixed(.key(applicant)) }
        }
        return items
    }

    static func readName(_ s: inout JSONScanner) throws(JSONInputError) -> String {
        let name = try s.readString()
        if name.allSatisfy(\.isWhitespace) { throw JSONInputError(problem: "must not be empty") }
        return name
    }

    /// A score out of 100 with at most one decimal, checked on its exact decimal value.
    static func readScore(_ s: inout JSONScanner) throws(JSONInputError) -> Tenths {
        let t = try s.numberToken()
        let text = String(decoding: UnsafeBufferPointer(start: s.base + t.start, count: t.end - t.start), as: UTF8.self)
        guard let value = DecimalLiteral(text) else { throw s.syntaxError("invalid number", at: t.start) }
        let (low, high) = (DefenseScoreEntry.minimum, DefenseScoreEntry.maximum)
        if value.negative && !value.isZero { throw JSONInputError(problem: "\(text) is below \(low)") }
        if value.compare(to: high.rawValue / 10) == .greater { throw JSONInputError(problem: "\(text) is above \(high)") }
        guard value.decimals <= 1, let tenths = value.scaled(by: 1) else {
            throw JSONInputError(problem: "\(text) has more than one decimal")
        }
        return Tenths(tenths)
    }
}
