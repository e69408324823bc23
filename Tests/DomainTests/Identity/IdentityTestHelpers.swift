@testable import Domain

/// Independent re-implementations of the check algorithms, written from the
/// standards' formulas rather than copied tables, so a wrong weight in the
/// production code cannot make its own test pass.
enum IdentityFixtures {
    static let today = LocalDate(year: 2022, month: 8, day: 25)!

    /// GB 11643-1999 / ISO 7064 MOD 11-2: weight of position i (1-based) is
    /// 2^(18-i) mod 11; check value = (12 - sum mod 11) mod 11, 10 written X.
    static func residentID(_ first17: String) -> String {
        precondition(first17.count == 17)
        var sum = 0
        for (i, c) in first17.enumerated() {
            var w = 1
            for _ in 0..<(17 - i) { w = w * 2 % 11 }
            sum += Int(String(c))! * w
        }
        let check = (12 - sum % 11) % 11
        return first17 + (check == 10 ? "X" : String(check))
    }

    /// The same ID with a different (wrong) check character.
    static func wrongCheck(_ id: String) -> String {
        let right = id.last!
        let wrong: Character = right == "1" ? "2" : "1"
        return String(id.dropLast()) + String(wrong)
    }

    /// GB 32100-2015: weight of position i (1-based) is 3^(i-1) mod 31; check value
    /// = 31 - (sum mod 31), 31 written 0.
    static func creditCode(_ first17: String) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        precondition(first17.count == 17)
        var sum = 0, w = 1
        for c in first17 {
            sum += alphabet.firstIndex(of: c)! * w
            w = w * 3 % 31
        }
        let check = 31 - sum % 31
        return first17 + String(alphabet[check == 31 ? 0 : check])
    }
}
