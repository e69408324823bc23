/// 中国大陆手机号码: 11 digits, 1 then 3–9 (the MIIT numbering plan gives mobile
/// networks the 13x–19x blocks; 10x–12x are not personal mobile numbers). Applicants
/// type them in many shapes ("138 1234 5678", "138-1234-5678", "+86 13812345678"),
/// so the separators and the country code are stripped before the check and the
/// stored `value` is always the bare 11 digits.
public struct MobileNumber: Hashable, Sendable, CustomStringConvertible {
    /// The bare 11 digits.
    public let value: String

    public enum Problem: Error, Hashable, Sendable, CaseIterable {
        case invalidCharacters
        case wrongLength
        case invalidPrefix

        public var message: String {
            switch self {
            case .invalidCharacters: return "手机号码只能包含数字"
            case .wrongLength: return "手机号码应为11位数字"
            case .invalidPrefix: return "手机号码应以13–19开头"
            }
        }
    }

    /// Validates `text`: spaces (including U+3000) and hyphens are ignored anywhere,
    /// and a leading +86, 0086 or 86 country code is dropped.
    public static func parse(_ text: String) -> Result<MobileNumber, Problem> {
        var chars = Array(text).filter { !$0.isWhitespace && !isHyphen($0) }
        var plus = false
        if chars.first == "+" { plus = true; chars.removeFirst() }

        var digits: [Int] = []
        digits.reserveCapacity(chars.count)
        for c in chars {
            guard let d = IdentifierText.asciiDigit(c) else { return .failure(.invalidCharacters) }
            digits.append(d)
        }
        // Drop the country code only when what follows it is exactly 11 digits, so a
        // 13-digit typo is reported as a wrong length rather than silently trimmed.
        if digits.count == 13, digits.starts(with: [8, 6]) {
            digits.removeFirst(2)
        } else if !plus, digits.count == 15, digits.starts(with: [0, 0, 8, 6]) {
            digits.removeFirst(4)
        } else if plus {
            // "+" must introduce the country code 86; a bare "+138..." is not a number.
            return .failure(digits.count == 11 ? .invalidCharacters : .wrongLength)
        }

        guard digits.count == 11 else { return .failure(.wrongLength) }
        guard digits[0] == 1, (3...9).contains(digits[1]) else { return .failure(.invalidPrefix) }
        return .success(MobileNumber(value: digits.map(String.init).joined()))
    }

    /// Throwing form of `parse(_:)`.
    public init(_ text: String) throws(Problem) {
        switch Self.parse(text) {
        case .success(let number): self = number
        case .failure(let problem): throw problem
        }
    }

    private init(value: String) { self.value = value }

    /// Hyphen-minus, the full-width hyphen and the dashes Chinese input methods produce.
    private static func isHyphen(_ c: Character) -> Bool {
        c == "-" || c == "－" || c == "‐" || c == "‑" || c == "–" || c == "—"
    }

    /// First 3 and last 4 digits shown: "138****5678".
    public var masked: String { Masking.middle(value, keepFirst: 3, keepLast: 4) }

    /// Masked, so interpolation into a log cannot leak the number; use `value` deliberately.
    public var description: String { masked }
}
