import Testing
@testable import Domain

@Suite("UnifiedSocialCreditCode (GB 32100-2015)")
struct UnifiedSocialCreditCodeTests {
    func problem(_ text: String) -> UnifiedSocialCreditCode.Problem? {
        if case .failure(let p) = UnifiedSocialCreditCode.parse(text) { return p }
        return nil
    }

    @Test func commonlyCitedExampleIsValid() throws {
        #expect(IdentityFixtures.creditCode("91350100M000100Y4") == "91350100M000100Y43")
        let code = try UnifiedSocialCreditCode.parse("91350100M000100Y43").get()
        #expect(code.value == "91350100M000100Y43")
        #expect(code.registrationDepartment == "9")
        #expect(code.organizationCategory == "1")
        #expect(code.divisionCode == "350100")
        #expect(code.organizationCode == "M000100Y4")
        #expect("\(code)" == "91350100M000100Y43")
    }

    @Test(arguments: ["91140400MA0K12345", "12140400012345678", "52140400MJ1234567",
                      "Y1140400000000001", "93140403MA0L00000", "91140400MA0K12002"])
    func computedCodesAreValid(first17: String) throws {
        let text = IdentityFixtures.creditCode(first17)
        #expect(problem(text) == nil)
        #expect(try UnifiedSocialCreditCode(text).value == text)
    }

    @Test func checkValue31IsWrittenZero() throws {
        // Weighted sum ≡ 0 (mod 31) gives 31 − 0 = 31, which the standard writes 0.
        #expect(IdentityFixtures.creditCode("91140400MA0K12002") == "91140400MA0K120020")
        #expect(problem("91140400MA0K120020") == nil)
        #expect(problem("91140400MA0K12002Y") == .wrongCheckCharacter)
    }

    @Test func lowerCaseIsNormalizedAndWhitespaceTrimmed() throws {
        let code = try UnifiedSocialCreditCode("  91350100m000100y43 ")
        #expect(code.value == "91350100M000100Y43")
    }

    @Test(arguments: [
        (UnifiedSocialCreditCode.Problem.wrongLength, "统一社会信用代码应为18位"),
        (.invalidCharacters, "统一社会信用代码只能包含数字和大写字母（不使用I、O、Z、S、V）"),
        (.wrongCheckCharacter, "统一社会信用代码校验位不正确，请核对"),
    ])
    func messages(problem: UnifiedSocialCreditCode.Problem, message: String) {
        #expect(problem.message == message)
    }

    @Test(arguments: ["", "91350100M000100Y4", "91350100M000100Y431", "350100M000100Y4",
                      "140403199003071231X"])
    func wrongLength(text: String) {
        #expect(problem(text) == .wrongLength)
    }

    @Test(arguments: ["I", "O", "Z", "S", "V", "i", "o", "-", " ", "中"])
    func excludedCharacters(bad: String) {
        // Replace position 9 of a valid code; the check would not save it anyway.
        var chars = Array("91350100M000100Y43")
        chars[8] = Character(bad)
        #expect(problem(String(chars)) == .invalidCharacters)
    }

    @Test func wrongCheckCharacter() {
        #expect(problem("91350100M000100Y44") == .wrongCheckCharacter)
        #expect(problem("91350100M000100Y4A") == .wrongCheckCharacter)
        // Two adjacent characters swapped.
        #expect(problem("91351000M000100Y43") == .wrongCheckCharacter)
    }

    @Test func throwingInitThrowsTheProblem() {
        #expect(throws: UnifiedSocialCreditCode.Problem.wrongCheckCharacter) {
            try UnifiedSocialCreditCode("91350100M000100Y44")
        }
    }

    @Test func everyCheckValueOccurs() {
        // These 31 codes happen to cover all 31 check values, so the helper and the
        // production code are compared on each of them.
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        var seen = Set<Character>()
        for c in alphabet {
            let text = IdentityFixtures.creditCode("9114040" + String(repeating: c, count: 10))
            seen.insert(text.last!)
            #expect(problem(text) == nil, "\(text)")
        }
        #expect(seen.count == 31)
    }
}
