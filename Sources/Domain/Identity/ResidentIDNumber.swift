/// 居民身份证号码 per GB 11643-1999 (公民身份号码): a 6-digit address code, an
/// 8-digit birth date, a 3-digit sequence code and one check character computed
/// with ISO 7064 MOD 11-2. Checked when an applicant registers so a typo is caught
/// at the form, not by the committee office weeks later.
///
/// `description` is the masked form on purpose: string interpolation into a log or
/// a page then cannot leak the full number by accident. Use `value` deliberately.
public struct ResidentIDNumber: Hashable, Sendable, CustomStringConvertible {
    /// The 18 characters, check character upper-cased (`X`).
    public let value: String
    public let birthDate: LocalDate
    public let sex: Sex

    /// Why a text is not a valid resident ID number; `message` is for the applicant.
    public enum Problem: Error, Hashable, Sendable, CaseIterable {
        case wrongLength
        case invalidCharacters
        case invalidRegion
        case impossibleBirthDate
        case futureBirthDate
        case wrongCheckDigit

        public var message: String {
            switch self {
            case .wrongLength: return "身份证号码应为18位"
            case .invalidCharacters: return "身份证号码前17位应为数字，最后一位应为数字或X"
            case .invalidRegion: return "身份证号码前两位不是有效的省级行政区划代码"
            case .impossibleBirthDate: return "身份证号码中的出生日期无效"
            case .futureBirthDate: return "身份证号码中的出生日期晚于今天"
            case .wrongCheckDigit: return "身份证号码校验位不正确，请核对"
            }
        }
    }

    /// First two digits of the address code: the provincial-level codes of GB/T 2260
    /// (中华人民共和国行政区划代码), plus 81/82/83 used in the residence permits of Hong
    /// Kong, Macao and Taiwan residents (港澳台居民居住证) and 91 used in the 2023
    /// foreigner's permanent residence ID card (外国人永久居留身份证), which share
    /// this 18-character format.
    static let provinceCodes: Set<Int> = Set(
        Array(11...15) + Array(21...23) + Array(31...37) + Array(41...46)
            + Array(50...54) + Array(61...65) + [71, 81, 82, 83, 91]
    )

    /// ISO 7064 MOD 11-2 weights for positions 1–17 (2^(18-i) mod 11).
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    /// Check character indexed by (weighted sum mod 11).
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// The earliest birth year accepted: anything earlier is a typo, not an applicant.
    static let earliestBirthYear = 1900

    /// Validates `text` (surrounding whitespace ignored, lower-case `x` accepted).
    /// `today` is a parameter, not the clock, so the check is pure and testable.
    /// The checks run from the coarsest to the finest so the message names the
    /// first thing the applicant should fix.
    public static func parse(_ text: String, today: LocalDate) -> Result<ResidentIDNumber, Problem> {
        let chars = Array(IdentifierText.trimmed(text))
        guard chars.count == 18 else { return .failure(.wrongLength) }

        var digits: [Int] = []
        digits.reserveCapacity(17)
        for c in chars[..<17] {
            guard let d = IdentifierText.asciiDigit(c) else { return .failure(.invalidCharacters) }
            digits.append(d)
        }
        let last: Character
        if let d = IdentifierText.asciiDigit(chars[17]) {
            last = Character(String(d))
        } else if chars[17] == "X" || chars[17] == "x" {
            last = "X"
        } else {
            return .failure(.invalidCharacters)
        }

        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + digits[$1] } }

        guard provinceCodes.contains(number(0..<2)) else { return .failure(.invalidRegion) }

        guard let birth = LocalDate(year: number(6..<10), month: number(10..<12), day: number(12..<14)),
              birth.year >= earliestBirthYear
        else { return .failure(.impossibleBirthDate) }
        guard birth <= today else { return .failure(.futureBirthDate) }

        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        guard checkCharacters[sum % 11] == last else { return .failure(.wrongCheckDigit) }

        let value = String(chars[..<17]) + String(last)
        return .success(ResidentIDNumber(value: value, birthDate: birth,
                                         sex: digits[16] % 2 == 1 ? .male : .female))
    }

    /// Throwing form of `parse(_:today:)`.
    public init(_ text: String, today: LocalDate) throws(Problem) {
        switch Self.parse(text, today: today) {
        case .success(let id): self = id
        case .failure(let problem): throw problem
        }
    }

    private init(value: String, birthDate: LocalDate, sex: Sex) {
        self.value = value
        self.birthDate = birthDate
        self.sex = sex
    }

    /// The 6-digit address code (地址码) of the place of first registration.
    public var addressCode: String { String(value.prefix(6)) }

    /// First 3 and last 4 characters shown: "140***********1234".
    public var masked: String { Masking.middle(value, keepFirst: 3, keepLast: 4) }

    public var description: String { masked }
}
