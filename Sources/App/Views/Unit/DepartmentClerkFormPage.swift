import Plot
import Domain
import Fluent
import Vapor

/// 开设经办人账号 (competent department): a clerk for one of the department's units.
struct DepartmentClerkFormPage {
    struct Values: Sendable {
        var unitID = ""
        var realName = ""
        var username = ""
        var mobile = ""
        var idNumber = ""
    }

    var chrome: PageChrome
    var csrf: String
    /// Only the department's own active units.
    var units: [Choice]
    var values = Values()
    var errors = FieldErrors()

    func render() -> HTML {
        Layout.page(
            chrome,
            .section(
                .class("panel narrow"),
                .p(.a(.href(SiteURL.department(.clerks).path), .text("← 返回单位经办人"))),
                .h1(.text("开设经办人账号")),
                .errorSummary(errors),
                .form(
                    .method(.post), .action(SiteURL.department(.clerks).path), .class("stacked"), .novalidate(),
                    .csrfField(csrf),
                    .selectField("unitID", label: "所属单位", choices: units, selected: values.unitID,
                                 error: errors["unitID"], required: true),
                    .textField("realName", label: "经办人姓名", value: values.realName, error: errors["realName"],
                               required: true, autocomplete: "off", maxLength: 30),
                    .textField("mobile", label: "手机号码", value: values.mobile, error: errors["mobile"], type: "tel",
                               required: true, hint: "评委会办公室预约收审时联系", autocomplete: "off", maxLength: 20),
                    .textField("idNumber", label: "居民身份证号码", value: values.idNumber, error: errors["idNumber"],
                               hint: "可不填", autocomplete: "off", maxLength: 18),
                    .textField("username", label: "用户名", value: values.username, error: errors["username"],
                               required: true, hint: "4–32位字母、数字、下划线或连字符，以字母开头",
                               autocomplete: "off", maxLength: 32),
                    .textField("password", label: "初始密码", error: errors["password"], type: "password",
                               hint: "留空则由系统生成临时密码，创建后只显示一次。" + PasswordRules.hint,
                               autocomplete: "new-password", maxLength: 64),
                    .textField("confirm", label: "再次输入初始密码", error: errors["confirm"], type: "password",
                               autocomplete: "new-password", maxLength: 64),
                    .p(.class("hint"), .text("经办人首次登录后须修改密码。")),
                    .submitButton("开设账号")
                )
            )
        )
    }
}

extension DepartmentClerkFormPage {
    /// The form with the department's active units; `values`/`errors`: as typed when refused.
    static func load(_ req: Request, actor: AccessActor, values: Values, errors: FieldErrors) async throws -> DepartmentClerkFormPage {
        let units = try await Organization.unitsSupervised(by: actor, activeOnly: true, on: req.db)
        return DepartmentClerkFormPage(
            chrome: PageChrome(req: req, title: "开设经办人账号"), csrf: try await req.csrfToken(),
            units: units.map { Choice(value: $0.id!.uuidString, label: $0.name) }, values: values, errors: errors)
    }
}
