import Domain
import Plot
import Vapor

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

extension ApplicationOverviewPage {
    /// The declaration as it stands (`DeclarationSnapshot`), judged by its own year's bundle.
    static func load(_ req: Request, _ application: ApplicationRecord) async throws -> ApplicationOverviewPage {
        let snapshot = try await DeclarationSnapshot.load(application, on: req.db, engine: try req.policies(for: application).engine)
        let url = DeclarationURL(id: application.id!)
        let frame = DeclarationFrame.make(snapshot, activePath: url.overview, viewer: req.currentUser)
        // "去修改" only for the applicant who can change it; reviewers read (issue 8, item 7).
        let fixLink: (EligibilityRule) -> String? = frame.editable ? { url.target(FindingLinks.target(for: $0)) } : { _ in nil }
        return ApplicationOverviewPage(
            chrome: PageChrome(req: req, title: "申报概览"), url: url,
            frame: frame,
            selfCheck: .make(snapshot.answer, policy: try req.policies(for: application).current, link: fixLink),
            checklist: snapshot.checklist.map {
                .init(title: $0.title, required: $0.required, satisfied: $0.satisfied, detail: $0.detail, link: url.target($0.target))
            },
            // A returned declaration says so (the frame's note), not that it waits at the unit.
            submittedAt: application.stateValue.isEditable ? nil : application.submittedAt.map { BeijingTime.text($0) },
            commitmentSignedAt: application.commitmentSignedAt.map { BeijingTime.text($0) },
            printLinks: [("专业技术职务任职资格评审综合考评表", url.evaluationForm),
                         ("山西省专业技术职务任职资格评审表", url.reviewForm),
                         ("评审材料卷宗目录", url.dossierContents)])
    }
}
