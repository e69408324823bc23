import Domain
import Plot

/// 申报概览: where the declaration stands, the live self-check, the checklist
/// of what is still needed, and the way to the commitment and submission.
struct ApplicationOverviewPage {
    struct ChecklistRow {
        var title: String
        var required: Bool
        var satisfied: Bool
        var detail: String?
        var link: String
    }

    var chrome: PageChrome
    var url: DeclarationURL
    var frame: DeclarationFrame
    var selfCheck: SelfCheckModel
    var checklist: [ChecklistRow]
    var submittedAt: String?
    var commitmentSignedAt: String?
    var printLinks: [(String, String)]

    func render() -> HTML {
        let missing = checklist.filter { $0.required && !$0.satisfied }
        return Layout.page(
            chrome,
            frame.wrap(
                .div(
                    .class("two-col"),
                    .section(
                        .class("panel"), .id("checklist"),
                        .h2(.text("材料完整性")),
                        .p(.class(missing.isEmpty ? "verdict verdict-eligible" : "verdict verdict-ineligible"),
                           .text(missing.isEmpty ? "必备内容已齐全" : "还有\(missing.count)项必备内容未完成")),
                        .ul(.class("checklist"), .forEach(checklist) { row in
                            .li(
                                .class(row.satisfied ? "done" : (row.required ? "todo" : "optional")),
                                .span(.class("badge \(row.satisfied ? "ok" : (row.required ? "bad" : ""))"),
                                      .text(row.satisfied ? "已完成" : (row.required ? "必备" : "可选"))),
                                .text(" "), .a(.href(row.link), .text(row.title)),
                                .unwrap(row.detail) { .span(.class("muted"), .text("：\($0)")) }
                            )
                        })
                    ),
                    .selfCheck(selfCheck, title: "条件自测（依据已保存的内容）")
                ),
                .section(
                    .class("panel"),
                    .h2(.text("承诺与提交")),
                    .p(.text(commitmentSignedAt.map { "申报人承诺已于\($0)签署。" } ?? "尚未签署申报人承诺。")),
                    .unwrap(submittedAt) { .p(.text("已于\($0)提交单位。")) },
                    .p(.a(.class("button primary"), .href(url.commitment), .text(frame.isApplicant ? "前往承诺与提交" : "查看申报人承诺")),
                       .text(" "), .a(.class("button secondary"), .href(url.progress), .text("办理进度")))
                ),
                .section(
                    .class("panel"),
                    .h2(.text("打印")),
                    .ul(.class("link-list"), .forEach(printLinks) { .li(.a(.href($0.1), .text($0.0))) })
                )
            )
        )
    }
}
