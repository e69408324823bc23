import Domain
import Plot

/// Building blocks of the committee stage's pages: each page is a title, a few
/// sections, tables and forms, rendered inside the common `Layout`.
enum CommitteeUI {
    typealias Body = Node<HTML.BodyContext>

    static func page(_ chrome: PageChrome, _ nodes: [Body]) -> HTML {
        Layout.page(chrome, .h1(.text(chrome.title)), .group(nodes))
    }

    /// A data table; `id` lets tests and e2e find it.
    static func table(_ headers: [String], _ rows: [[Body]], id: String? = nil, empty: String = "暂无记录。") -> Body {
        if rows.isEmpty { return .p(.class("muted"), .text(empty)) }
        return .div(.class("table-wrap"), .table(
            .class("data"), .attribute(named: "id", value: id),
            .thead(.tr(.forEach(headers) { .th(.text($0)) })),
            .tbody(.forEach(rows) { row in .tr(.forEach(row) { .td($0) }) })
        ))
    }

    /// A POST form with its CSRF token.
    static func form(_ action: String, csrf: String, id: String? = nil, _ fields: [Body], submit: String,
                     style: String = "primary") -> Body {
        let inner: Body = .div(.class("form-fields"), .group(fields))
        return .element(named: "form", nodes: [
            .attribute(named: "method", value: "post"), .attribute(named: "action", value: action),
            .attribute(named: "class", value: "stacked"), .attribute(named: "id", value: id),
            .csrfField(csrf), inner, .submitButton(submit, style: style),
        ])
    }

    /// A one-button form (e.g. 停用).
    static func button(_ action: String, csrf: String, _ title: String, style: String = "secondary",
                       hidden: [(String, String)] = []) -> Body {
        .form(.method(.post), .action(action), .class("inline"), .csrfField(csrf),
              .forEach(hidden) { .input(.type(.hidden), .name($0.0), .value($0.1)) },
              .button(.type(.submit), .class("button \(style)"), .text(title)))
    }

    static func errors(_ list: [String]) -> Body {
        .if(!list.isEmpty, .div(.class("error-summary"), .attribute(named: "role", value: "alert"),
                                .h2(.text("请修改以下问题后重新提交")), .ul(.forEach(list) { .li(.text($0)) })))
    }

    static func section(_ title: String, id: String? = nil, _ nodes: [Body]) -> Body {
        .section(.attribute(named: "id", value: id), .h2(.text(title)), .group(nodes))
    }

    static func link(_ text: String, _ href: String) -> Body { .a(.href(href), .text(text)) }
    static func text(_ s: String) -> Body { .text(s) }

    /// The office's committee menu, on top of its pages.
    static func officeMenu() -> Body {
        .nav(.class("subnav"), .ariaLabel("评委会工作"), .ul(
            .li(link("专家库", SiteURL.committee(.experts).path)), .li(link("评审组与答辩安排", SiteURL.committee(.panels).path)), .li(link("论文查重", SiteURL.committee(.similarity).path)),
            .li(link("量化赋分", SiteURL.committee(.quantitative).path)), .li(link("评审成绩排名", SiteURL.committee(.rankings).path)),
            .li(link("提交初级评委会评议", SiteURL.committee(.referrals).path)),
            .li(link("答辩题库", SiteURL.committee(.questions).path)), .li(link("评委会组成", SiteURL.committee(.committees).path)),
            .li(link("评委会会议", SiteURL.committee(.meetings).path)),
            .li(link("结果公示与证书", SiteURL.committee(.results).path)), .li(link("诚信核查", SiteURL.committee(.integrity).path)),
            .li(link("数据导出", SiteURL.committee(.exports).path))
        ))
    }

    static func levelLabel(_ code: String) -> String {
        BasicsForm.levels.first { $0.code == code }?.label ?? code
    }

    /// A form's action on a list that picks its year: the POST acts in the year shown.
    static func action(_ url: SiteURL, _ years: YearPicker) -> String {
        url.path(query: ["year": String(years.selected)])
    }
}
