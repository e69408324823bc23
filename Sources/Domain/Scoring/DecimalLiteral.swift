/// A decimal number read exactly from its text (a JSON number literal such as
/// `78.5`, `8.45e1`, `-0`, or a parameter's shortest form `0.4`): the significant
/// digits and a power of ten, so nothing is lost to binary floating point.
///
/// The scores' checks ("at most one decimal", "from 0 to 100") are made on this
/// exact value: `84.25` has two decimals even though some `Double` near it
/// might print with one, and `100.0000000000000001` is above 100.
struct DecimalLiteral: Sendable, Equatable {
    var negative: Bool
    /// Significant digits (values 0–9), without leading or trailing zeros; empty for zero.
    var digits: [UInt8]
    /// The value is `digits × 10^exponent`.
    var exponent: Int

    /// Parses a number in JSON's grammar (a leading `+` on the exponent allowed).
    init?(_ text: String) {
        var bytes = Array(text.utf8)[...]
        negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        var all: [UInt8] = []
        var fractionCount = 0, seenDigit = false
        while let c = bytes.first, c >= 48, c <= 57 { all.append(c - 48); bytes = bytes.dropFirst(); seenDigit = true }
        guard seenDigit else { return nil }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            var any = false
            while let c = bytes.first, c >= 48, c <= 57 { all.append(c - 48); fractionCount += 1; bytes = bytes.dropFirst(); any = true }
            guard any else { return nil }
        }
        var exp = 0
        if let c = bytes.first, c | 0x20 == UInt8(ascii: "e") {
            bytes = bytes.dropFirst()
            var expNegative = false
            if bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() } else if bytes.first == UInt8(ascii: "-") { expNegative = true; bytes = bytes.dropFirst() }
            var any = false
            while let c = bytes.first, c >= 48, c <= 57 {
                // Clamped: an exponent beyond a billion says "huge" or "tiny" just as well.
                exp = min(exp * 10 + Int(c - 48), 1_000_000_000)
                bytes = bytes.dropFirst(); any = true
            }
            guard any else { return nil }
            if expNegative { exp = -exp }
        }
        guard bytes.isEmpty else { return nil }
        // Normalize: no leading zeros, no trailing zeros (they move into the exponent).
        var start = 0
        while start < all.count && all[start] == 0 { start += 1 }
        var end = all.count
        var trailing = 0
        while end > start && all[end - 1] == 0 { end -= 1; trailing += 1 }
        digits = Array(all[start..<end])
        exponent = digits.isEmpty ? 0 : exp - fractionCount + trailing
    }

    /// The shortest text of a `Double` parameter (`0.4`, `1e-05`) read exactly: the
    /// decimal the bundle's author wrote, not the binary fraction nearest to it.
    init?(_ value: Double) {
        guard value.isFinite else { return nil }
        self.init(value.description)
    }

    var isZero: Bool { digits.isEmpty }

    /// Digits after the decimal point (`84.25` has 2, `84.50` has 1, `80` has 0).
    var decimals: Int { digits.isEmpty ? 0 : max(0, -exponent) }

    /// The value compared with a non-negative integer, exactly and without overflow.
    func compare(to limit: Int) -> Comparison {
        precondition(limit >= 0)
        if isZero { return limit == 0 ? .equal : .less }
        if negative { return .less }
        let limitDigits = String(limit).count
        let integerDigits = digits.count + exponent
        if integerDigits > limitDigits { return .greater }
        if integerDigits < limitDigits { return limit == 0 ? .greater : .less }
        var whole = 0
        for i in 0..<integerDigits { whole = whole * 10 + Int(i < digits.count ? digits[i] : 0) }
        if whole != limit { return whole < limit ? .less : .greater }
        return digits.count > integerDigits ? .greater : .equal
    }

    enum Comparison { case less, equal, greater }

    /// The value × 10^scale as an integer, when that is whole and fits (at most 18 digits).
    func scaled(by scale: Int) -> Int? {
        if isZero { return 0 }
        let shift = exponent + scale
        guard shift >= 0, digits.count + shift <= 18 else { return nil }
        var v = 0
        for d in digits { v = v * 10 + Int(d) }
        for _ in 0..<shift { v *= 10 }
        return negative ? -v : v
    }
}
