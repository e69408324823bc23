import Testing
@testable import Domain

@Suite("PasswordPolicy")
struct PasswordPolicyTests {
    func check(_ p: String, username: String? = nil, idNumber: String? = nil) -> [String] {
        PasswordPolicy.check(p, username: username, idNumber: idNumber)
    }

    /// A password of exactly `n` characters with all four classes and nothing common.
    func password(length n: Int) -> String {
        let head = "Tz9!"
        return head + String(String(repeating: "mqkw", count: 20).prefix(n - head.count))
    }

    @Test func messages() {
        #expect(PasswordPolicy.lengthMessage == "密码长度须为8–64个字符")
        #expect(PasswordPolicy.classesMessage == "密码须包含大写字母、小写字母、数字、符号中的至少三类")
        #expect(PasswordPolicy.commonMessage == "密码过于常见，请换一个")
        #expect(PasswordPolicy.usernameMessage == "密码不能包含用户名")
        #expect(PasswordPolicy.idNumberMessage == "密码不能包含身份证号码、其中的出生日期或后六位")
    }

    @Test(arguments: [(7, false), (8, true), (9, true), (63, true), (64, true), (65, false)])
    func lengthBoundaries(length: Int, ok: Bool) {
        let p = password(length: length)
        #expect(p.count == length)
        #expect(check(p) == (ok ? [] : [PasswordPolicy.lengthMessage]))
    }

    @Test func lengthCountsCharactersNotBytes() {
        // 8 characters, 17 UTF-8 bytes: the length rule is about what the user typed.
        #expect(check("长治Tz9评审x") == [])
        #expect(check("长治Tz评审x") == [PasswordPolicy.lengthMessage])
    }

    @Test(arguments: ["Tz9kmqrw", "Tz!kmqrw", "tz9!mqrw", "TZ9!MQRW", "Tz9!mqrw", "长治tz9kmqrw"])
    func threeOrFourClassesPass(p: String) {
        #expect(check(p) == [])
    }

    @Test(arguments: ["tzkmqrwx", "TZKMQRWX", "84736251", "!@#$%^&*", "tzkmqrw9", "TZKMQRW!",
                      "84736!@#", "tzkmqrwX", "长治评审工程系列"])
    func fewerThanThreeClassesFail(p: String) {
        #expect(check(p) == [PasswordPolicy.classesMessage])
    }

    @Test func classCount() {
        #expect(PasswordPolicy.classCount("") == 0)
        #expect(PasswordPolicy.classCount("aA1!") == 4)
        #expect(PasswordPolicy.classCount("a b") == 2, "a space is a symbol")
        #expect(PasswordPolicy.classCount("ａＢ１") == 1, "full-width letters are not ASCII letters")
    }

    @Test(arguments: ["Password123!", "Passw0rd!", "Admin@123", "Qwer1234!", "1qaz@WSX", "Aa123456",
                      "P@ssw0rd", "123456Aa!", "Abc@1234", "PASSWORD123!", "password123!",
                      "pASSw0RD!", "1QAZ@wsx", "aA123456"])
    func commonPasswordsAreRefusedInAnyCase(p: String) {
        #expect(check(p) == [PasswordPolicy.commonMessage])
    }

    @Test func everyListedPasswordIsRefused() {
        #expect(CommonPasswords.all.count >= 200)
        #expect(CommonPasswords.all.count == CommonPasswords.list.count, "an entry is repeated in another case")
        for p in CommonPasswords.list {
            #expect(check(p).contains(PasswordPolicy.commonMessage), "\(p)")
        }
    }

    @Test func shortCommonPasswordReportsEveryProblem() {
        #expect(check("123456") == [PasswordPolicy.lengthMessage, PasswordPolicy.classesMessage,
                                    PasswordPolicy.commonMessage])
        #expect(check("") == [PasswordPolicy.lengthMessage, PasswordPolicy.classesMessage])
        #expect(check("password") == [PasswordPolicy.classesMessage, PasswordPolicy.commonMessage])
    }

    @Test func passwordContainingUsernameIsRefused() {
        #expect(check("Zhangwei#2022x", username: "zhangwei") == [PasswordPolicy.usernameMessage])
        #expect(check("x9!ZHANGWEIq", username: "ZhangWei") == [PasswordPolicy.usernameMessage])
        #expect(check("x9!zhangweiQ", username: " zhangwei ") == [PasswordPolicy.usernameMessage])
        #expect(check("Tz9!mqrw", username: "lisi") == [])
        #expect(check("Tz9!mqrw", username: nil) == [])
    }

    @Test func veryShortUsernamesAreNotCheckedForContainment() {
        #expect(check("Tz9!mqrw", username: "mq") == [])
        #expect(check("Tz9!mqrw", username: "") == [])
        #expect(check("Tz9!mqrw", username: "mqr") == [PasswordPolicy.usernameMessage])
    }

    @Test func passwordContainingIDNumberOrItsPartsIsRefused() {
        let id = IdentityFixtures.residentID("14040319900307123")
        let lastSix = String(id.suffix(6))
        #expect(check("Ab!" + id, idNumber: id) == [PasswordPolicy.idNumberMessage])
        #expect(check("Tzk!" + lastSix, idNumber: id) == [PasswordPolicy.idNumberMessage])
        #expect(check("Tzk!19900307", idNumber: id) == [PasswordPolicy.idNumberMessage])
        #expect(check("Tz9!mqrw", idNumber: id) == [])
        #expect(check("Tz9!mqrw", idNumber: nil) == [])
    }

    @Test func idNumberContainmentIgnoresCaseOfX() {
        #expect(check("Qz!11010519491231002x", idNumber: "11010519491231002X")
            == [PasswordPolicy.idNumberMessage])
        #expect(check("Qzk!31002x", idNumber: "11010519491231002X") == [PasswordPolicy.idNumberMessage])
    }

    @Test func usernameAndIDProblemsAreBothReported() {
        let id = IdentityFixtures.residentID("14040319900307123")
        #expect(check("wangfang!19900307", username: "wangfang", idNumber: id)
            == [PasswordPolicy.usernameMessage, PasswordPolicy.idNumberMessage])
    }
}
