import Domain
import Fluent
import Foundation

/// Validation of the fields an account is made of, shared by self-registration
/// and the administrator's and departments' account forms.
enum AccountFields {
    struct Validated {
        var username: String
        var idNumber: String?
        var mobile: String?
    }

    static let usernamePattern = #"^[a-z][a-z0-9_-]{3,31}$"#
    /// The longest real name an account may carry (searches by name are cut to it too).
    static let realNameMax = 30

    static func validate(realName: String, username rawUsername: String, password: String?, confirm: String?,
                         idNumber: String, idNumberRequired: Bool, mobile: String, mobileRequired: Bool,
                         today: LocalDate, errors: inout FieldErrors) -> Validated {
        let username = rawUsername.lowercased()
        if realName.isEmpty {
            errors.add("realName", "请填写真实姓名")
        } else if realName.count > realNameMax || realName.contains(where: { $0.isNumber || "<>\"'&".contains($0) }) {
            errors.add("realName", "姓名不能超过\(realNameMax)个字符，且不能包含数字或特殊符号")
        }
        if username.range(of: usernamePattern, options: .regularExpression) == nil {
            errors.add("username", "用户名须为4–32位字母、数字、下划线或连字符，并以字母开头")
        }
        var idValue: String?
        if idNumber.isEmpty {
            if idNumberRequired { errors.add("idNumber", "请填写居民身份证号码") }
        } else {
            switch ResidentIDNumber.parse(idNumber, today: today) {
            case .success(let id): idValue = id.value
            case .failure(let problem): errors.add("idNumber", problem.message)
            }
        }
        var mobileValue: String?
        if mobile.isEmpty {
            if mobileRequired { errors.add("mobile", "请填写手机号码") }
        } else {
            switch MobileNumber.parse(mobile) {
            case .success(let m): mobileValue = m.value
            case .failure(let problem): errors.add("mobile", problem.message)
            }
        }
        if let password {
            let problems = PasswordPolicy.check(password, username: username, idNumber: idValue)
            if let first = problems.first {
                errors.add("password", problems.count == 1 ? first : problems.joined(separator: "；"))
            } else if password != confirm {
                errors.add("confirm", "两次输入的密码不一致")
            }
        }
        return Validated(username: username, idNumber: idValue, mobile: mobileValue)
    }

    static func checkUnique(username: String, idNumber: String?, excluding: UUID? = nil,
                            on db: any Database, errors: inout FieldErrors) async throws {
        if errors["username"] == nil {
            var q = UserAccount.query(on: db).filter(\.$username == username)
            if let excluding { q = q.filter(\.$id != excluding) }
            if try await q.count() > 0 { errors.add("username", "该用户名已被使用，请换一个") }
        }
        if let idNumber, errors["idNumber"] == nil {
            var q = UserAccount.query(on: db).filter(\.$idNumber == idNumber)
            if let excluding { q = q.filter(\.$id != excluding) }
            if try await q.count() > 0 { errors.add("idNumber", "该身份证号码已注册，如忘记密码请联系单位经办人或管理员") }
        }
    }
}
