/// An enumeration spelled in the contract's JSON by snake_case names
/// (`assistant_engineer`, `secondary_vocational`). Cases are numbered 0..<n in
/// declaration order and `jsonNames` lists their names in the same order, so
/// decoding is a byte comparison against a fixed table, with no string built.
public protocol JSONEnum: RawRepresentable, Sendable, Hashable, CaseIterable where RawValue == UInt8 {
    static var jsonNames: [StaticString] { get }
}

extension JSONEnum {
    /// The contract's name for this value, e.g. `assistant_engineer`.
    public var jsonName: String { Self.jsonNames[Int(rawValue)].description }

    /// The value for a contract name, or nil.
    public init?(jsonName: String) {
        guard let i = Self.jsonNames.firstIndex(where: { $0.description == jsonName }) else { return nil }
        self.init(rawValue: UInt8(i))
    }

    /// `unknown value "phd" (expected one of: doctorate, master, ...)`.
    static func unknownValue(_ text: String, allowed: [StaticString]? = nil) -> JSONInputError {
        var quoted = TextBuffer()
        quoted.appendJSONString(text)
        let names = (allowed ?? jsonNames).map(\.description).joined(separator: ", ")
        return JSONInputError(problem: "unknown value \(quoted.string) (expected one of: \(names))")
    }
}

extension JSONScanner {
    /// Reads a string and maps it to an enumeration case.
    @inline(__always)
    mutating func readEnum<E: JSONEnum>(_: E.Type) throws(JSONInputError) -> E {
        let t = try readToken()
        let names = E.jsonNames
        for i in 0..<names.count where matches(t, names[i]) { return E(rawValue: UInt8(i))! }
        throw E.unknownValue(string(t))
    }

    /// Reads a `YYYY-MM-DD` date.
    @inline(__always)
    mutating func readDate() throws(JSONInputError) -> LocalDate {
        guard peekKind() == .string else { throw typeError(expected: "date string YYYY-MM-DD") }
        let t = try stringToken()
        if !t.escaped, t.count == 10, let d = parseDate(at: t.start) { return d }
        var quoted = TextBuffer()
        quoted.appendJSONString(string(t))
        throw JSONInputError(problem: "malformed date \(quoted.string) (expected YYYY-MM-DD)")
    }

    /// An optional date: absent and null both give nil.
    @inline(__always)
    mutating func readOptionalDate() throws(JSONInputError) -> LocalDate? {
        if try skipNull() { return nil }
        return try readDate()
    }

    @inline(__always)
    private func parseDate(at s: Int) -> LocalDate? {
        guard base[s + 4] == UInt8(ascii: "-"), base[s + 7] == UInt8(ascii: "-") else { return nil }
        func number(_ from: Int, _ width: Int) -> Int? {
            var n = 0
            for i in from..<from + width {
                let c = base[i]
                guard c >= 48, c <= 57 else { return nil }
                n = n * 10 + Int(c - 48)
            }
            return n
        }
        guard let y = number(s, 4), let m = number(s + 5, 2), let d = number(s + 8, 2) else { return nil }
        return LocalDate(year: y, month: m, day: d)
    }
}
