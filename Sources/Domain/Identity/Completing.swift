/// Completing a number from its first 17 characters: for demonstration data
/// and tests, which need valid numbers without inventing check digits by hand.
extension ResidentIDNumber {
    /// The full number for 17 digits, with the GB 11643 check character appended.
    public static func completing(_ first17: String) -> String? {
        let digits = first17.compactMap(\.wholeNumberValue)
        guard first17.count == 17, digits.count == 17 else { return nil }
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return first17 + String(checkCharacters[sum % 11])
    }
}

extension UnifiedSocialCreditCode {
    /// The full code for 17 characters, with the GB 32100 check character appended.
    public static func completing(_ first17: String) -> String? {
        guard first17.count == 17, let check = checkCharacter(for: Array(first17)) else { return nil }
        return first17 + String(check)
    }
}
