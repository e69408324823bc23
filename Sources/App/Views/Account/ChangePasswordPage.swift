import Plot

struct ChangePasswordPage {
    var chrome: PageChrome
    var csrf: String
    var errors = FieldErrors()
    var mustChange = false

    func render() -> HTML {
        Layout.page(
            chrome,
            .section(
                .class("panel narrow"),
                .h1(.text("修改密码")),
                .if(mustChange, .p(.class("notice"), .text("您正在使用管理员发放的临时密码，请先设置自己的新密码。"))),
                .errorSummary(errors),
                .form(
                    .method(.post), .action(SiteURL.changePassword.path), .class("stacked"),
                    .csrfField(csrf),
                    .textField("current", label: "当前密码", error: errors["current"], type: "password",
                               required: true, autocomplete: "current-password"),
                    .textField("password", label: "新密码", error: errors["password"], type: "password",
                               required: true, hint: PasswordRules.hint, autocomplete: "new-password", maxLength: 64),
                    .textField("confirm", label: "再次输入新密码", error: errors["confirm"], type: "password",
                               required: true, autocomplete: "new-password", maxLength: 64),
                    .submitButton("保存新密码")
                )
            )
        )
    }
}

enum PasswordRules {
    static let hint = "8–64个字符，至少包含大写字母、小写字母、数字、符号中的三类；不能是常见密码，不能包含用户名。"
}
