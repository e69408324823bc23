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
                .p(.a(.class("button"), .href(chrome.user == nil ? SiteURL.home.path : SiteURL.workbench.path), .text("返回首页")),
                   .if(chrome.user == nil, .a(.class("button secondary"), .href(SiteURL.login.path), .text("登录"))))
            )
        )
    }
}
