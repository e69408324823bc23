import Plot

struct ErrorPage {
    var title: String
    var message: String
    var chrome: PageChrome

    func render() -> HTML {
        Layout.page(
            chrome,
            .section(
                .class("panel error-page"),
                .h1(.text(title)),
                .p(.text(message)),
                .p(.a(.class("button"), .href(chrome.user == nil ? "/" : "/home"), .text("返回首页")),
                   .if(chrome.user == nil, .a(.class("button secondary"), .href("/login"), .text("登录"))))
            )
        )
    }
}
