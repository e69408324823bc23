import Plot

/// 公示情况一览表 (五.4 第一类): the three publicities with their periods on the
/// official calendar, objections and results (十（一））.
struct PublicitySummaryPage {
    struct Row {
        var kind: String
        var period: String
        var days: String
        var objections: String
        var result: String
    }

    var applicant: PrintApplicant
    var back: String
    var minimumDays: Int
    var rows: [Row]
    /// Why this is a draft (publicities not yet over, objections open), or nil when final.
    var draft: String?

    func render() -> HTML {
        let title = draft == nil ? "公示情况一览表" : "公示情况一览表（草稿）"
        return PrintLayout.page(
            title: title, backLink: back,
            hint: draft == nil ? "A4纸打印，加盖单位公章，装入卷宗第一类" : "草稿仅供核对，不能盖章装订",
            .div(
                .class("sheet"),
                .unwrap(draft) { .p(.class("draft-marker"), .text($0)) },
                .h1(.class("form-heading"), .text(title)),
                .p(.text("申报人：\(applicant.name)　工作单位：\(applicant.unit)　申报：\(applicant.specialty)专业\(applicant.level)")),
                .table(
                    .class("form-table"),
                    .thead(.tr(.th(.text("公示内容")), .th(.text("公示期")), .th(.text("工作日")), .th(.text("异议及处理")), .th(.text("结果")))),
                    .tbody(.forEach(rows) { r in
                        .tr(.td(.text(r.kind)), .td(.text(r.period)), .td(.text(r.days)), .td(.text(r.objections)), .td(.text(r.result)))
                    })
                ),
                .p(.class("muted"), .text("公示期不少于\(minimumDays)个工作日，按国务院办公厅公布的节假日安排计算（十（一））。")),
                .p(.class("signature"), .text(draft == nil ? "单位（盖章）：\(applicant.unit)" : "草稿，不盖章"))
            )
        )
    }
}
