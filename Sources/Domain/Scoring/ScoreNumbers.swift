/// A score with at most one decimal, held as a whole number of tenths (78.5 is 785).
///
/// The experts' raw scores are given to one decimal (九: 答辩成绩实行百分制), so
/// integers of tenths hold them exactly and every sum and product stays exact;
/// binary floating point could move a half-up rounding (80.125 is not a `Double`).
public struct Tenths: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: Int

    public init(_ rawValue: Int) { self.rawValue = rawValue }

    /// `78.5`, `84`: the shortest decimal form.
    public var description: String { DecimalText.format(rawValue, decimals: 1) }
    /// The same value in hundredths (78.5 is 7850).
    public var hundredths: Hundredths { Hundredths(rawValue * 10) }

    public static func < (a: Tenths, b: Tenths) -> Bool { a.rawValue < b.rawValue }
}

/// A derived score rounded to two decimals, held as a whole number of hundredths
/// (80.7 is 8070, 67.26 is 6726). Defense and review scores are of this kind.
public struct Hundredths: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: Int

    public init(_ rawValue: Int) { self.rawValue = rawValue }

    /// `80.7`, `67.26`, `80`: the shortest decimal form, as the scoring contract prints numbers.
    public var description: String { DecimalText.format(rawValue, decimals: 2) }

    public static func < (a: Hundredths, b: Hundredths) -> Bool { a.rawValue < b.rawValue }
}

/// Exact integer helpers for the scoring rules.
enum ExactArithmetic {
    /// `numerator / denominator` rounded half up (the contract's rounding: 0.125 -> 0.13),
    /// for a non-negative numerator and a positive denominator.
    static func roundedHalfUp(_ numerator: Int, over denominator: Int) -> Int {
        precondition(numerator >= 0 && denominator > 0, "half-up rounding of a negative quotient")
        return (2 * numerator + denominator) / (2 * denominator)
    }

    /// 10^exponent for small exponents.
    static func powerOfTen(_ exponent: Int) -> Int {
        var p = 1
        for _ in 0..<exponent { p *= 10 }
        return p
    }
}

/// Decimal text of integers with a fixed number of decimals, trailing zeros dropped.
enum DecimalText {
    /// `format(8070, decimals: 2)` is `80.7`; `format(8000, decimals: 2)` is `80`;
    /// `format(6726, decimals: 2)` is `67.26`.
    static func format(_ units: Int, decimals: Int) -> String {
        let scale = UInt(ExactArithmetic.powerOfTen(decimals))
        let magnitude = units.magnitude
        var text = units < 0 ? "-" : ""
        text += String(magnitude / scale)
        var fraction = magnitude % scale, width = decimals
        while width > 0 && fraction % 10 == 0 { fraction /= 10; width -= 1 }
        if width > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: width - digits.count) + digits
        }
        return text
    }
}
