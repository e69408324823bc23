/// 统一社会信用代码 per GB 32100-2015 (法人和其他组织统一社会信用代码编码规则): the
/// 18-character code of the applicant's employer (用人单位). Layout: 1 registration
/// management department code, 1 organization category code, 6-digit administrative
/// division code, 9-character organization code (GB 11714), 1 check character.
///
/// Only the alphabet and the check character are enforced. The tables of department
/// and category codes have been extended since 2015 (e.g. 农业农村 N for rural
/// collective economic organizations) and a stale table would refuse real employers;
/// the check character already catches almost every typo.
public struct UnifiedSocialCreditCode: Hashable, Sendable, CustomStringConvertible {
    /// The 18 characters, upper-cased.
    public let value: String

    public enum Problem: Error, Hashable, Sendable, CaseIterable {
        case wrongLength
        case invalidCharacters
        case wrongCheckCharacter

        public var message: String {
            switch self {
            case .wrongLength: return "统一社会信用代码应为18位"
            case .invalidCharacters: return "统一社会信用代码只能包含数字和大写字母（不使用I、O、Z、S、V）"
            case .wrongCheckCharacter: return "统一社会信用代码校验位不正确，请核对"
            }
        }
    }

    /// The 31 code characters in value order (0–30): digits, then letters without
    /// I, O, Z, S, V, which are left out because they are read as 1, 0, 2, 5, U.
    static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let values: [Character: Int] = Dictionary(
        uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })
    /// Weights for positions 1–17: 3^(i-1) mod 31.
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// The check character for the first 17 characters (each must be in `alphabet`):
    /// 31 − (weighted sum mod 31), where 31 is written 0.
    static func checkCharacter(for first17: some Collection<Character>) -> Character? {
        var sum = 0
        for (c, w) in zip(first17, weights) {
            guard let v = values[c] else { return nil }
            sum += v * w
        }
        return alphabet[(31 - sum % 31) % 31]
    }

    /// Validates `text` (surrounding whitespace ignored, lower case accepted and
    /// normalized to upper case).
    public static func parse(_ text: String) -> Result<UnifiedSocialCreditCode, Problem> {
        let chars = Array(IdentifierText.trimmed(text).uppercased())
        guard chars.count == 18 else { return .failure(.wrongLength) }
        guard chars.allSatisfy({ values[$0] != nil }) else { return .failure(.invalidCharacters) }
        guard checkCharacter(for: chars[..<17]) == chars[17] else {
            return .failure(.wrongCheckCharacter)
        }
        return .success(UnifiedSocialCreditCode(value: String(chars)))
    }

    /// Throwing form of `parse(_:)`.
    public init(_ text: String) throws(Problem) {
        switch Self.parse(text) {
        case .success(let code): self = code
        case .failure(let problem): throw problem
        }
    }

    private init(value: String) { self.value = value }

    /// Position 1, 登记管理部门代码 (e.g. 1 机构编制, 5 民政, 9 工商/市场监管, Y 其他).
    public var registrationDepartment: Character { value.first! }
    /// Position 2, 机构类别代码 (e.g. 1 企业 under department 9, 2 事业单位 under 1).
    public var organizationCategory: Character { Array(value)[1] }
    /// Positions 3–8, the GB/T 2260 administrative division code of the registering office.
    public var divisionCode: String { String(Array(value)[2..<8]) }
    /// Positions 9–17, the GB 11714 organization code (组织机构代码) including its own check.
    public var organizationCode: String { String(Array(value)[8..<17]) }

    public var description: String { value }
}
