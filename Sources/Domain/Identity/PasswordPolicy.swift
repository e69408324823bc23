/// The password rule for every account (applicants, unit officers, the committee
/// office, experts). Length and character variety follow the common Chinese
/// government-system baseline (GB/T 22239-2019 等级保护 asks for complexity and
/// periodic change); the list of common passwords and the refusal of the user's
/// own identifiers follow NIST SP 800-63B §5.1.1.2, because the guessed passwords
/// in practice are "Admin@123" and "身份证后六位", not short ones.
public enum PasswordPolicy: Sendable {
    public static let minimumLength = 8
    public static let maximumLength = 64
    /// How many of the four classes (upper, lower, digit, other) a password needs.
    public static let requiredClasses = 3
    /// Usernames shorter than this are not checked for containment: a 1–2 character
    /// username would forbid half the alphabet.
    static let minimumContainedLength = 3

    public static let lengthMessage = "密码长度须为8–64个字符"
    public static let classesMessage = "密码须包含大写字母、小写字母、数字、符号中的至少三类"
    public static let commonMessage = "密码过于常见，请换一个"
    public static let usernameMessage = "密码不能包含用户名"
    public static let idNumberMessage = "密码不能包含身份证号码、其中的出生日期或后六位"

    /// Every problem with `password`, in Chinese, in a stable order; empty means it
    /// is acceptable. All problems are reported at once so the form can list them
    /// together instead of making the user retry one rule at a time.
    public static func check(_ password: String, username: String?, idNumber: String?) -> [String] {
        var problems: [String] = []
        let count = password.count
        if count < minimumLength || count > maximumLength {
            problems.append(lengthMessage)
        }
        if classCount(password) < requiredClasses {
            problems.append(classesMessage)
        }
        let lowered = password.lowercased()
        if CommonPasswords.all.contains(lowered) {
            problems.append(commonMessage)
        }
        if let username {
            let name = IdentifierText.trimmed(username).lowercased()
            if name.count >= minimumContainedLength, lowered.contains(name) {
                problems.append(usernameMessage)
            }
        }
        if let idNumber, containsIDNumberParts(lowered, idNumber: idNumber) {
            problems.append(idNumberMessage)
        }
        return problems
    }

    /// Upper- and lower-case letters and digits are counted in ASCII only; anything
    /// else (punctuation, space, a Chinese character) counts as "other", which is
    /// what users expect a 符号 to be.
    static func classCount(_ password: String) -> Int {
        var upper = false, lower = false, digit = false, other = false
        for c in password {
            if let a = c.asciiValue {
                switch a {
                case 65...90: upper = true
                case 97...122: lower = true
                case 48...57: digit = true
                default: other = true
                }
            } else {
                other = true
            }
        }
        return [upper, lower, digit, other].filter { $0 }.count
    }

    /// The whole ID number, its 8-digit birth date and its last six characters:
    /// the last two are the classic default passwords of Chinese systems and are
    /// guessable by anyone who has seen the applicant's ID card.
    static func containsIDNumberParts(_ loweredPassword: String, idNumber: String) -> Bool {
        let id = Array(IdentifierText.trimmed(idNumber).lowercased())
        guard id.count >= 6 else { return false }
        var parts = [String(id), String(id.suffix(6))]
        if id.count == 18 { parts.append(String(id[6..<14])) }
        return parts.contains { loweredPassword.contains($0) }
    }
}
