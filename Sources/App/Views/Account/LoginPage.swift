import Plot

struct LoginPage {
    var chrome: PageChrome
    var csrf: String
    var username: String = ""
    var next: String = ""
    /// "连续5次输错密码，账号将锁定15分钟。" from the configuration.
    var lockoutHint: String
    var error: String?

    func render() -> HTML {
        Layout.page(
            chrome,
            .section(
                .class("panel narrow"),
                .h1(.text("登录")),
                .unwrap(error) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
                .form(
                    .method(.post), .action(SiteURL.login.path), .class("stacked"),
                    .csrfField(csrf),
                    .input(.type(.hidden), .name("next"), .value(next)),
                    .textField("username", label: "用户名", value: username, required: true,
                               autocomplete: "username", maxLength: 64),
                    .textField("password", label: "密码", type: "password", required: true,
                               autocomplete: "current-password", maxLength: 64),
                    .submitButton("登录")
                ),
                .p(.class("hint"), .text("\(lockoutHint)忘记密码请联系本单位经办人或系统管理员重置。")),
                .p(.text("还没有账号？"), .a(.href(SiteURL.register.path), .text("申报人注册")))
            )
        )
    }
}
