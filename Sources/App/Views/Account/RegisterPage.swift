import Domain
import Plot
import Vapor

/// 申报人注册: real name, ID number, mobile, employer, username and password.
struct RegisterPage {
    struct Values {
        var realName = ""
        var idNumber = ""
        var mobile = ""
        var unitID = ""
        var username = ""
        /// A same-site path to continue to (the quick check's answers, carried over).
        var next = ""
    }

    var chrome: PageChrome
    var csrf: String
    var units: [Choice]
    var values = Values()
    var errors = FieldErrors()

    func render() -> HTML {
        Layout.page(
            chrome,
            .section(
                .class("panel narrow"),
                .h1(.text("申报人注册")),
                .p(.class("lead"), .text("请使用本人真实信息注册。身份证号用于核验身份和计算年龄，仅本人和评委会办公室可见完整号码。")),
                .errorSummary(errors),
                .form(
                    .method(.post), .action(SiteURL.register.path), .class("stacked"), .novalidate(),
                    .csrfField(csrf),
                    .if(!values.next.isEmpty, .input(.type(.hidden), .name("next"), .value(values.next))),
                    .textField("realName", label: "真实姓名", value: values.realName, error: errors["realName"],
                               required: true, autocomplete: "name", maxLength: 30),
                    .textField("idNumber", label: "居民身份证号码", value: values.idNumber, error: errors["idNumber"],
                               required: true, hint: "18位，末位可为X", autocomplete: "off", maxLength: 18),
                    .textField("mobile", label: "手机号码", value: values.mobile, error: errors["mobile"],
                               type: "tel", required: true, autocomplete: "tel", maxLength: 20),
                    .selectField("unitID", label: "工作单位", choices: units, selected: values.unitID,
                                 error: errors["unitID"], required: true),
                    .p(.class("hint"), .text("单位不在列表中？请联系单位经办人或所在县（区）工信局登记单位。")),
                    .textField("username", label: "用户名", value: values.username, error: errors["username"],
                               required: true, hint: "4–32位字母、数字、下划线或连字符，以字母开头",
                               autocomplete: "username", maxLength: 32),
                    .textField("password", label: "密码", error: errors["password"], type: "password",
                               required: true, hint: PasswordRules.hint, autocomplete: "new-password", maxLength: 64),
                    .textField("confirm", label: "再次输入密码", error: errors["confirm"], type: "password",
                               required: true, autocomplete: "new-password", maxLength: 64),
                    .submitButton("注册")
                ),
                .p(.text("已有账号？"), .a(.href(SiteURL.login.path), .text("登录")))
            )
        )
    }
}

extension RegisterPage {
    /// The active units to choose an employer from, each with its county or district.
    static func load(_ req: Request, values: Values, errors: FieldErrors) async throws -> RegisterPage {
        let choices = try await Organization.activeUnits(on: req.db).map { unit in
            Choice(value: unit.id!.uuidString,
                   label: unit.name + (AdministrativeDivision.code(unit.divisionCode).map { "（\($0.name)）" } ?? ""))
        }
        return RegisterPage(chrome: PageChrome(req: req, title: "申报人注册"), csrf: try await req.csrfToken(),
                            units: choices, values: values, errors: errors)
    }
}
