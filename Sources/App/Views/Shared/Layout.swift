import Domain
import Plot
import Vapor

/// The frame of every page: header with the review's name and the signed-in
/// person, the role's menu, the content, the footer with the office's contact.
enum Layout {
    static let siteName = "长治市工程系列中、初级职称评审系统"
    /// The hashed URLs (`StaticAssets`), so browsers keep them for good.
    static let stylesheet = StaticAssets.url("/static/site.css")
    static let script = StaticAssets.url("/static/site.js")

    static func page(_ chrome: PageChrome, _ content: Node<HTML.BodyContext>...) -> HTML {
        HTML(
            .attribute(named: "lang", value: "zh-CN"),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: "\(chrome.title) - \(siteName)"),
                .link(.rel(.stylesheet), .href(stylesheet)),
                // Small progressive enhancements (confirmations, counters); every page works without it.
                .script(.src(script), .attribute(named: "defer", value: "defer"))
            ),
            .body(
                .attribute(named: "data-role", value: chrome.user?.role.rawValue ?? "anonymous"),
                .a(.class("skip-link"), .href("#main"), .text("跳到正文")),
                // A landmark of its own: every piece of the page sits in one (axe `region`).
                .unwrap(chrome.banner) { .aside(.class("demo-banner"), .ariaLabel("演示模式"), .text($0)) },
                header(chrome),
                navigation(chrome),
                .main(
                    .id("main"),
                    .unwrap(chrome.notice) { .div(.class("notice"), .attribute(named: "role", value: "status"), .text($0)) },
                    .group(content)
                ),
                .footer(
                    .class("site-footer"),
                    .p(.text("长治市工业和信息化局 · 长治市人力资源和社会保障局")),
                    .p(.text("评委会办公室（市工信局编制人事科）电话 0355-3036240"))
                )
            )
        )
    }

    private static func header(_ chrome: PageChrome) -> Node<HTML.BodyContext> {
        .header(
            .class("site-header"),
            .div(
                .class("brand"),
                .a(.href(chrome.user == nil ? SiteURL.home.path : SiteURL.workbench.path), .text(siteName)),
                .span(.class("review-name"), .text(chrome.reviewName))
            ),
            .unwrap(chrome.user) { user in
                .div(
                    .class("who"),
                    .span(.class("who-name"), .text(user.realName)),
                    .span(.class("who-role"), .text(user.role.label)),
                    .unwrap(user.organizationName) { .span(.class("who-org"), .text($0)) },
                    .form(
                        .class("signout"), .method(.post), .action(SiteURL.logout.path),
                        .input(.type(.hidden), .name("csrf"), .value(chrome.csrf ?? "")),
                        .button(.type(.submit), .class("link-button"), .text("退出"))
                    )
                )
            }
        )
    }

    private static func navigation(_ chrome: PageChrome) -> Node<HTML.BodyContext> {
        .nav(
            .class("site-nav"), .ariaLabel("主菜单"),
            .ul(.forEach(NavItem.items(for: chrome.user?.role)) { item in
                .li(.a(
                    .href(item.path),
                    .if(isActive(item.path, chrome.activePath), .attribute(named: "aria-current", value: "page")),
                    .text(item.title)
                ))
            })
        )
    }

    private static func isActive(_ path: String, _ active: String) -> Bool {
        path == active || (path != SiteURL.home.path && path != SiteURL.workbench.path && active.hasPrefix(path + "/"))
    }
}

extension HTML {
    /// The page as an HTTP response.
    func response(status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: render()))
    }
}
