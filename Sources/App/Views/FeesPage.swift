import Foundation
import Plot

/// 评审费 (八): what each accepted application owes and has paid, with totals.
struct FeesPage {
    struct Row {
        var id: UUID
        var applicant: String
        var level: String
        var reportingBody: String
        var amount: Int
        var paid: String?
    }

    struct Total {
        var name: String
        var count: Int
        var due: Int
        var paid: Int
    }

    var chrome: PageChrome
    var csrf: String
    var today: String
    var standard: String
    var rows: [Row]
    var totals: [Total]
    var bodies: [Total]
    var error: String?
    var years: YearPicker

    func render() -> HTML {
        Layout.page(
            chrome,
            .h1(.text("评审费")),
            years.node,
            .p(.class("hint"), .text("按长治市物价局、财政局核定的收费标准收取：\(standard)（八）。收审受理的申报列入。")),
            .unwrap(error) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
            .p(.a(.class("button secondary"), .href(SiteURL.fees(.export).path(query: ["format": "xlsx", "year": String(years.selected)])), .text("下载 Excel（.xlsx）")), .text(" "),
               .a(.class("button secondary"), .href(SiteURL.fees(.export).path(query: ["format": "csv", "year": String(years.selected)])), .text("下载 CSV"))),
            .section(.class("panel"), .id("totals"), .h2(.text("合计")), totalsTable(totals, first: "级别"),
                     .h3(.text("按报送单位")), totalsTable(bodies, first: "报送单位")),
            .section(
                .class("panel"), .id("payments"),
                .h2(.text("明细")),
                .if(rows.isEmpty, .p(.class("muted"), .text("尚无收审受理的申报。"))),
                .if(!rows.isEmpty, .div(.class("table-wrap"), .table(
                    .class("data"),
                    .thead(.tr(.th(.text("姓名")), .th(.text("申报级别")), .th(.text("报送单位")), .th(.text("应缴（元）")), .th(.text("缴费")))),
                    .tbody(.forEach(rows) { r in
                        .tr(.td(.text(r.applicant)), .td(.text(r.level)), .td(.text(r.reportingBody)), .td(.text("\(r.amount)")),
                            .td(.unwrap(r.paid, { .text($0) }, else: .form(
                                .method(.post), .action(SiteURL.fees(.pay(.value(r.id))).path), .class("inline-form"), .csrfField(csrf),
                                .textField("receipt", label: "\(r.applicant)的收据号", value: "", required: true, maxLength: 40),
                                .textField("paidOn", label: "缴费日期", value: today, type: "date", required: true),
                                .button(.type(.submit), .class("button secondary"), .text("登记缴费"))
                            ))))
                    })
                )))
            )
        )
    }

    private func totalsTable(_ items: [Total], first: String) -> Node<HTML.BodyContext> {
        .div(.class("table-wrap"), .table(
            .class("data"),
            .thead(.tr(.th(.text(first)), .th(.text("人数")), .th(.text("应缴（元）")), .th(.text("已缴（元）")))),
            .tbody(
                .forEach(items) { t in .tr(.td(.text(t.name)), .td(.text("\(t.count)")), .td(.text("\(t.due)")), .td(.text("\(t.paid)"))) },
                .tr(.class("total"), .td(.text("合计")), .td(.text("\(items.map(\.count).reduce(0, +))")),
                    .td(.text("\(items.map(\.due).reduce(0, +))")), .td(.text("\(items.map(\.paid).reduce(0, +))")))
            )
        ))
    }
}
