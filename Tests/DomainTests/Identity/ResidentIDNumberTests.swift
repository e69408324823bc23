import Testing
@testable import Domain

@Suite("ResidentIDNumber (GB 11643-1999)")
struct ResidentIDNumberTests {
    let today = IdentityFixtures.today

    func problem(_ text: String, today: LocalDate = IdentityFixtures.today) -> ResidentIDNumber.Problem? {
        if case .failure(let p) = ResidentIDNumber.parse(text, today: today) { return p }
        return nil
    }

    @Test func standardSampleIsValid() throws {
        #expect(IdentityFixtures.residentID("11010519491231002") == "11010519491231002X")
        let id = try ResidentIDNumber.parse("11010519491231002X", today: today).get()
        #expect(id.value == "11010519491231002X")
        #expect(id.birthDate == LocalDate(year: 1949, month: 12, day: 31))
        #expect(id.sex == .female)
        #expect(id.sex.label == "女")
        #expect(id.addressCode == "110105")
    }

    @Test func lowerCaseXIsNormalizedAndWhitespaceTrimmed() throws {
        let id = try ResidentIDNumber(" 11010519491231002x\u{3000}", today: today)
        #expect(id.value == "11010519491231002X")
    }

    @Test func changzhiApplicantIsMale() throws {
        let text = IdentityFixtures.residentID("14040319900307123")
        let id = try ResidentIDNumber(text, today: today)
        #expect(id.value == text)
        #expect(id.birthDate == LocalDate(year: 1990, month: 3, day: 7))
        #expect(id.sex == .male)
        #expect(id.sex.label == "男")
    }

    @Test func masking() throws {
        let id = try ResidentIDNumber(IdentityFixtures.residentID("14040319900307123"), today: today)
        #expect(id.masked == "140***********" + id.value.suffix(4))
        #expect(id.masked.count == 18)
        #expect("\(id)" == id.masked, "interpolation must not leak the full number")
        #expect(Masking.middle("140403199003071234") == "140***********1234")
    }

    @Test(arguments: [
        (ResidentIDNumber.Problem.wrongLength, "身份证号码应为18位"),
        (.invalidCharacters, "身份证号码前17位应为数字，最后一位应为数字或X"),
        (.invalidRegion, "身份证号码前两位不是有效的省级行政区划代码"),
        (.impossibleBirthDate, "身份证号码中的出生日期无效"),
        (.futureBirthDate, "身份证号码中的出生日期晚于今天"),
        (.wrongCheckDigit, "身份证号码校验位不正确，请核对"),
    ])
    func messages(problem: ResidentIDNumber.Problem, message: String) {
        #expect(problem.message == message)
    }

    @Test func everyProblemHasAMessage() {
        #expect(ResidentIDNumber.Problem.allCases.count == 6)
        #expect(Set(ResidentIDNumber.Problem.allCases.map(\.message)).count == 6)
    }

    @Test(arguments: ["", "1101051949123100", "11010519491231002", "11010519491231002X1",
                      "110105491231002" /* first-generation 15-digit number */])
    func wrongLength(text: String) {
        #expect(problem(text) == .wrongLength)
    }

    @Test(arguments: ["1101051949123100XX", "11010519491231002Y", "1101A519491231002X",
                      "110105 19491231002", "１1010519491231002X" /* full-width 1 */,
                      "11010519491231002-"])
    func invalidCharacters(text: String) {
        #expect(problem(text) == .invalidCharacters)
    }

    @Test(arguments: ["00", "10", "16", "20", "24", "30", "38", "40", "47", "49", "55", "60",
                      "66", "70", "72", "80", "84", "90", "92", "99"])
    func invalidRegion(province: String) {
        let text = IdentityFixtures.residentID(province + "010519900101001")
        #expect(problem(text) == .invalidRegion)
    }

    @Test(arguments: [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44,
                      45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91])
    func validRegion(province: Int) {
        let text = IdentityFixtures.residentID("\(province)010519900101001")
        #expect(problem(text) == nil)
    }

    @Test(arguments: ["19900230", "19901301", "19900001", "19900100", "19000229" /* 1900 not leap */,
                      "18991231" /* before 1900 */, "00000000", "20210229"])
    func impossibleBirthDate(date: String) {
        let text = IdentityFixtures.residentID("140403" + date + "123")
        #expect(problem(text) == .impossibleBirthDate)
    }

    @Test func leapDayAndEarliestYearAreAccepted() throws {
        let leap = try ResidentIDNumber(IdentityFixtures.residentID("14040320000229002"), today: today)
        #expect(leap.birthDate == LocalDate(year: 2000, month: 2, day: 29))
        #expect(leap.sex == .female)
        let old = try ResidentIDNumber(IdentityFixtures.residentID("14040319000101001"), today: today)
        #expect(old.birthDate.year == 1900)
    }

    @Test func futureBirthDate() {
        #expect(problem(IdentityFixtures.residentID("14040320220826001")) == .futureBirthDate)
        #expect(problem(IdentityFixtures.residentID("14040320300101001")) == .futureBirthDate)
        // Born today is not in the future.
        #expect(problem(IdentityFixtures.residentID("14040320220825001")) == nil)
        // The same number becomes valid once `today` has passed the birth date.
        let later = LocalDate(year: 2022, month: 8, day: 26)!
        #expect(problem(IdentityFixtures.residentID("14040320220826001"), today: later) == nil)
    }

    @Test func wrongCheckDigit() {
        #expect(problem("110105194912310021") == .wrongCheckDigit)
        #expect(problem("110105194912310020") == .wrongCheckDigit)
        let good = IdentityFixtures.residentID("14040319900307123")
        #expect(problem(IdentityFixtures.wrongCheck(good)) == .wrongCheckDigit)
        // A swapped pair of digits is a typical typo the checksum catches.
        #expect(problem("11010519491213002X") == .wrongCheckDigit)
    }

    @Test func throwingInitThrowsTheProblem() {
        #expect(throws: ResidentIDNumber.Problem.wrongCheckDigit) {
            try ResidentIDNumber("110105194912310021", today: today)
        }
    }

    @Test(arguments: 0...9)
    func sexFollowsTheSeventeenthDigit(digit: Int) throws {
        let id = try ResidentIDNumber(IdentityFixtures.residentID("1404031990030712\(digit)"), today: today)
        #expect(id.sex == (digit % 2 == 1 ? .male : .female))
    }
}
