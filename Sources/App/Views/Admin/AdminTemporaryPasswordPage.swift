import Plot

/// The one time a temporary password is shown: after an account is created
/// without a password or after a reset. It is not stored in clear anywhere, so
/// leaving this page loses it (a new reset issues another).
struct AdminTemporaryPasswordPage {
    var chrome: PageChrome
    var heading: String
    var username: String
    var realName: String
    var password: String
    /// Where "返回" leads: the administrator's or the department's list.
    var backPath: String
    /// True after a reset: the account's signed-in sessions were ended.
    var sessionsEnded = false

    func render() -> HTML {
        Layout.page(
            chrome,
            .section(
                .class("panel narrow"),
                .h1(.text(heading)),
                .dl(
                    .class("facts"),
                    .dt(.text("用户名")), .dd(.text(username)),
                    .dt(.text("姓名")), .dd(.text(realName)),
                    .dt(.text("临时密码")), .dd(.code(.class("temp-password"), .text(password)))
                ),
                .div(
                    .class("notice warning"), .attribute(named: "role", value: "alert"),
                    .p(.text("临时密码只显示这一次，离开本页后无法再次查看。请当面或通过可靠渠道告知本人，不要通过群聊转发。")),
                    .p(.text("对方使用临时密码登录后须立即设置自己的新密码。")),
                    .if(sessionsEnded, .p(.text("该账号原有的登录会话已全部结束，原密码已失效。")))
                ),
                .p(.a(.class("button primary"), .href(backPath), .text("返回列表")))
            )
        )
    }
}
