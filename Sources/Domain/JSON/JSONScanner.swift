/// A byte-level JSON reader that decodes straight into typed values without building
/// a tree. Foundation's `JSONDecoder` builds dictionaries and boxes every value; the
/// batch command must read well over a hundred thousand profiles a second, so the
/// profile decoder walks the bytes itself with this scanner.
///
/// The caller owns the memory the scanner points into and keeps it alive.
struct JSONScanner {
    enum Kind: Sendable {
        case object, array, string, number, boolean, null, invalid, end

        var name: String {
            switch self {
            case .object: return "object"
            case .array: return "array"
            case .string: return "string"
            case .number: return "number"
            case .boolean: return "boolean"
            case .null: return "null"
            case .invalid: return "invalid JSON"
            case .end: return "end of input"
            }
        }
    }

    /// A string literal as found in the input: `start..<start+count` excludes the quotes.
    struct Token {
        var start: Int
        var count: Int
        var escaped: Bool
    }

    let base: UnsafePointer<UInt8>
    let end: Int
    var pos: Int
    /// jsonl lines report only a column; whole documents report line and column.
    var reportsLines: Bool = true
    private var depth = 0
    static let maxDepth = 512

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        // An empty buffer may have a nil base; with `end == 0` it is never read.
        base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
        end = buffer.count
        pos = 0
    }

    // MARK: errors

    func location(_ at: Int) -> String {
        var line = 1, col = 1, i = 0
        while i < at && i < end {
            if base[i] == 0x0A { line += 1; col = 1 } else if base[i] & 0xC0 != 0x80 { col += 1 }
            i += 1
        }
        return reportsLines ? "line \(line), column \(col)" : "column \(col)"
    }

    func syntaxError(_ what: String, at p: Int? = nil) -> JSONInputError {
        JSONInputError(problem: "invalid JSON at \(location(p ?? pos)): \(what)")
    }

    /// "expected string, found number" for a value of the wrong type.
    mutating func typeError(expected: String) -> JSONInputError {
        let k = peekKind()
        switch k {
        case .invalid: return syntaxError("unexpected character")
        case .end: return syntaxError("unexpected end of input")
        case .boolean, .null:
            // `tru` is not a boolean of the wrong type but broken JSON.
            let start = pos
            let valid = (try? skipValue()) != nil
            pos = start
            if !valid { return syntaxError("unexpected character") }
        default: break
        }
        return JSONInputError(problem: "expected \(expected), found \(k.name)")
    }

    // MARK: structure

    @inline(__always)
    mutating func skipWhitespace() {
        while pos < end {
            let c = base[pos]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { pos += 1 } else { return }
        }
    }

    @inline(__always)
    mutating func peekKind() -> Kind {
        skipWhitespace()
        guard pos < end else { return .end }
        switch base[pos] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .boolean
        case UInt8(ascii: "n"): return .null
        default: return .invalid
        }
    }

    /// Consumes `null` if it is next; optional fields treat null as absent.
    @inline(__always)
    mutating func skipNull() throws(JSONInputError) -> Bool {
        guard peekKind() == .null else { return false }
        try literal("null")
        return true
    }

    private mutating func literal(_ word: StaticString) throws(JSONInputError) {
        let n = word.utf8CodeUnitCount
        guard pos + n <= end, memcmpEqual(base + pos, word.utf8Start, n) else {
            throw syntaxError("unexpected character")
        }
        pos += n
    }

    mutating func beginObject() throws(JSONInputError) {
        guard peekKind() == .object else { throw typeError(expected: "object") }
        depth += 1
        if depth > JSONScanner.maxDepth { throw syntaxError("nesting too deep") }
        pos += 1
    }

    /// The next key of the current object, positioned after its colon; nil at `}`.
    mutating func nextKey(first: inout Bool) throws(JSONInputError) -> Token? {
        skipWhitespace()
        guard pos < end else { throw syntaxError("unexpected end of input, expected '}'") }
        if base[pos] == UInt8(ascii: "}") { pos += 1; depth -= 1; return nil }
        if !first {
            guard base[pos] == UInt8(ascii: ",") else { throw syntaxError("expected ',' or '}'") }
            pos += 1
            skipWhitespace()
        }
        first = false
        guard pos < end, base[pos] == UInt8(ascii: "\"") else { throw syntaxError("expected object key") }
        let key = try stringToken()
        skipWhitespace()
        guard pos < end, base[pos] == UInt8(ascii: ":") else { throw syntaxError("expected ':' after object key") }
        pos += 1
        return key
    }

    mutating func beginArray() throws(JSONInputError) {
        guard peekKind() == .array else { throw typeError(expected: "array") }
        depth += 1
        if depth > JSONScanner.maxDepth { throw syntaxError("nesting too deep") }
        pos += 1
    }

    /// True when another element follows (positioned at it); false after `]`.
    mutating func nextElement(first: inout Bool) throws(JSONInputError) -> Bool {
        skipWhitespace()
        guard pos < end else { throw syntaxError("unexpected end of input, expected ']'") }
        if base[pos] == UInt8(ascii: "]") { pos += 1; depth -= 1; return false }
        if !first {
            guard base[pos] == UInt8(ascii: ",") else { throw syntaxError("expected ',' or ']'") }
            pos += 1
        }
        first = false
        return true
    }

    /// After `[`: whether an element follows (the array is not `[]`).
    @inline(__always)
    mutating func peekNonEmptyArray() -> Bool {
        skipWhitespace()
        return pos < end && base[pos] != UInt8(ascii: "]")
    }

    /// After the top-level value only white space may follow.
    mutating func expectEnd() throws(JSONInputError) {
        skipWhitespace()
        if pos < end { throw syntaxError("unexpected data after the JSON value") }
    }

    // MARK: strings

    /// Reads a string literal (the cursor is on its opening quote) and validates escapes.
    mutating func stringToken() throws(JSONInputError) -> Token {
        let open = pos
        pos += 1
        let start = pos
        var escaped = false
        while pos < end {
            // Eight bytes at a time while none is a quote, a backslash or a control
            // character (most of a profile's text is plain, much of it Chinese).
            while pos + 8 <= end {
                let w = UInt64(littleEndian: UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self))
                let special = JSONScanner.specialBytes(w)
                if special != 0 { pos += special.trailingZeroBitCount >> 3; break }
                pos += 8
            }
            guard pos < end else { break }
            let c = base[pos]
            if c == UInt8(ascii: "\"") {
                let t = Token(start: start, count: pos - start, escaped: escaped)
                pos += 1
                return t
            }
            if c == UInt8(ascii: "\\") {
                escaped = true
                guard pos + 1 < end else { break }
                switch base[pos + 1] {
                case UInt8(ascii: "u"):
                    guard pos + 5 < end, (2...5).allSatisfy({ hexValue(base[pos + $0]) != nil }) else {
                        throw syntaxError("invalid \\u escape")
                    }
                    pos += 6
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    pos += 2
                default:
                    throw syntaxError("invalid escape")
                }
                continue
            }
            if c < 0x20 { throw syntaxError("control character in string") }
            pos += 1
        }
        throw syntaxError("unterminated string", at: open)
    }

    /// A mask with the high bit set in each byte of `w` that is `"`, `\\` or below
    /// 0x20 (SWAR). Bits above the lowest may be false alarms from borrows; the lowest
    /// is exact, which is all the scanner uses.
    @inline(__always)
    static func specialBytes(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let quote = w ^ (ones &* 0x22), backslash = w ^ (ones &* 0x5C)
        let zeroQuote = (quote &- ones) & ~quote
        let zeroBackslash = (backslash &- ones) & ~backslash
        let control = (w &- ones &* 0x20) & ~w
        return (zeroQuote | zeroBackslash | control) & highs
    }

    mutating func readToken() throws(JSONInputError) -> Token {
        guard peekKind() == .string else { throw typeError(expected: "string") }
        return try stringToken()
    }

    mutating func readString() throws(JSONInputError) -> String {
        let t = try readToken()
        return string(t)
    }

    func string(_ t: Token) -> String {
        if !t.escaped { return String(decoding: UnsafeBufferPointer(start: base + t.start, count: t.count), as: UTF8.self) }
        return String(decoding: unescaped(t), as: UTF8.self)
    }

    /// The bytes of an escaped string literal (the slow path; plain ones are read in place).
    func unescaped(_ t: Token) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(t.count)
        var i = t.start
        let stop = t.start + t.count
        func hex4(_ at: Int) -> UInt32 {
            var v: UInt32 = 0
            for k in 0..<4 { v = v << 4 | UInt32(hexValue(base[at + k]) ?? 0) }
            return v
        }
        while i < stop {
            let c = base[i]
            guard c == UInt8(ascii: "\\") else { out.append(c); i += 1; continue }
            let e = base[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(i)
                i += 4
                if (0xD800..<0xDC00).contains(scalar), i + 6 <= stop,
                   base[i] == UInt8(ascii: "\\"), base[i + 1] == UInt8(ascii: "u") {
                    let low = hex4(i + 2)
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                }
                let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(u).utf8))
            default: out.append(e)
            }
        }
        return out
    }

    /// Whether a string literal equals `word` (escapes decoded).
    @inline(__always)
    func matches(_ t: Token, _ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        if !t.escaped { return t.count == n && memcmpEqual(base + t.start, word.utf8Start, n) }
        let bytes = unescaped(t)
        return bytes.count == n && bytes.withUnsafeBufferPointer { memcmpEqual($0.baseAddress!, word.utf8Start, n) }
    }

    // MARK: scalars

    mutating func readBool() throws(JSONInputError) -> Bool {
        guard peekKind() == .boolean else { throw typeError(expected: "boolean") }
        if base[pos] == UInt8(ascii: "t") { try literal("true"); return true }
        try literal("false")
        return false
    }

    /// Scans a number literal and returns its byte range; `integral` tells whether it
    /// has neither fraction nor exponent.
    mutating func numberToken() throws(JSONInputError) -> (start: Int, end: Int, integral: Bool) {
        guard peekKind() == .number else { throw typeError(expected: "number") }
        let start = pos
        var integral = true
        if base[pos] == UInt8(ascii: "-") { pos += 1 }
        func digits(_ s: inout JSONScanner) -> Int {
            let from = s.pos
            while s.pos < s.end, s.base[s.pos] >= 48, s.base[s.pos] <= 57 { s.pos += 1 }
            return s.pos - from
        }
        let intStart = pos
        let n = digits(&self)
        if n == 0 || (n > 1 && base[intStart] == 48) { throw syntaxError("invalid number", at: start) }
        if pos < end, base[pos] == UInt8(ascii: ".") {
            integral = false
            pos += 1
            if digits(&self) == 0 { throw syntaxError("invalid number", at: start) }
        }
        if pos < end, base[pos] | 0x20 == UInt8(ascii: "e") {
            integral = false
            pos += 1
            if pos < end, base[pos] == UInt8(ascii: "+") || base[pos] == UInt8(ascii: "-") { pos += 1 }
            if digits(&self) == 0 { throw syntaxError("invalid number", at: start) }
        }
        return (start, pos, integral)
    }

    mutating func readInt() throws(JSONInputError) -> Int {
        guard peekKind() == .number else { throw typeError(expected: "integer") }
        let t = try numberToken()
        let text = String(decoding: UnsafeBufferPointer(start: base + t.start, count: t.end - t.start), as: UTF8.self)
        guard t.integral else { throw JSONInputError(problem: "expected integer, found \(text)") }
        var i = t.start, negative = false
        if base[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        guard t.end - i <= 15 else { throw JSONInputError(problem: "integer out of range: \(text)") }
        var v = 0
        while i < t.end { v = v * 10 + Int(base[i] - 48); i += 1 }
        return negative ? -v : v
    }

    mutating func readDouble() throws(JSONInputError) -> Double {
        let t = try numberToken()
        let text = String(decoding: UnsafeBufferPointer(start: base + t.start, count: t.end - t.start), as: UTF8.self)
        guard let v = Double(text) else { throw syntaxError("invalid number", at: t.start) }
        return v
    }

    /// Skips any value, validating its syntax (unknown fields are ignored, not trusted).
    mutating func skipValue() throws(JSONInputError) {
        switch peekKind() {
        case .object:
            try beginObject()
            var first = true
            while try nextKey(first: &first) != nil { try skipValue() }
        case .array:
            try beginArray()
            var first = true
            while try nextElement(first: &first) { try skipValue() }
        case .string: _ = try stringToken()
        case .number: _ = try numberToken()
        case .boolean: _ = try readBool()
        case .null: try literal("null")
        case .end: throw syntaxError("unexpected end of input")
        case .invalid: throw syntaxError("unexpected character")
        }
    }
}

@inline(__always)
func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case 48...57: return c - 48
    case 65...70: return c - 55
    case 97...102: return c - 87
    default: return nil
    }
}

@inline(__always)
func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    var i = 0
    while i < n { if a[i] != b[i] { return false }; i += 1 }
    return true
}
