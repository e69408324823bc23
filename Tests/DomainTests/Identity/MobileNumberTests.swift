import Testing
@testable import Domain

@Suite("MobileNumber")
struct MobileNumberTests {
    func problem(_ text: String) -> MobileNumber.Problem? {
        if case .failure(let p) = MobileNumber.parse(text) { return p }
        return nil
    }

    @Test(arguments: ["13812345678", "138 1234 5678", "138-1234-5678", " 13812345678 ",
                      "+86 138 1234 5678", "+8613812345678", "86-138-1234-5678", "8613812345678",
                      "0086 13812345678", "138\u{3000}1234\u{3000}5678", "138－1234－5678"])
    func acceptedShapes(text: String) throws {
        let number = try MobileNumber.parse(text).get()
        #expect(number.value == "13812345678")
        #expect(number.masked == "138****5678")
        #expect("\(number)" == "138****5678")
    }

    @Test(arguments: 3...9)
    func secondDigitThreeToNine(second: Int) {
        #expect(problem("1\(second)012345678") == nil)
    }

    @Test(arguments: [
        (MobileNumber.Problem.invalidCharacters, "手机号码只能包含数字"),
        (.wrongLength, "手机号码应为11位数字"),
        (.invalidPrefix, "手机号码应以13–19开头"),
    ])
    func messages(problem: MobileNumber.Problem, message: String) {
        #expect(problem.message == message)
    }

    @Test(arguments: ["10012345678", "11012345678", "12812345678", "23812345678", "03812345678",
                      "8612812345678"])
    func invalidPrefix(text: String) {
        #expect(problem(text) == .invalidPrefix)
    }

    @Test(arguments: ["", "1381234567", "138123456789", "+86 1381234567", "861381234567",
                      "+0086 13812345678", "871381234567 8"])
    func wrongLength(text: String) {
        #expect(problem(text) == .wrongLength)
    }

    @Test(arguments: ["1381234567a", "+13812345678", "(138)12345678", "138.1234.5678", "１3812345678",
                      "138+12345678"])
    func invalidCharacters(text: String) {
        #expect(problem(text) == .invalidCharacters)
    }

    @Test func throwingInitThrowsTheProblem() {
        #expect(throws: MobileNumber.Problem.invalidPrefix) { try MobileNumber("12812345678") }
    }
}
