import Domain
import Plot

/// 专业技术工作报告 (工程师、助理工程师) / 专业技术工作总结 (技术员), written here
/// or uploaded into 第八类.
struct WorkReportPage {
    var chrome: PageChrome
    var frame: DeclarationFrame
    var url: DeclarationURL
    var csrf: String
    var title: String
    var guidance: [String]
    var text: String
    var error: String?
    var uploadedFiles: Int

    func render() -> HTML {
        Layout.page(
            chrome,
            frame.wrap(
                .section(
                    .class("panel"),
                    .h2(.text(title)),
                    .ul(.class("hint"), .forEach(guidance) { .li(.text($0)) }),
                    .p(.class("hint"), .text("也可将报告上传到“第八类：工作能力有关材料”（已上传\(uploadedFiles)份）。"),
                       .a(.href(url.upload(.category8)), .text("前往上传"))),
                    .form(
                        .method(.post), .action(url.report), .class("stacked"),
                        .csrfField(csrf),
                        .textAreaField("workReport", label: title, value: text, error: error,
                                       hint: "当前\(text.count)字；不少于\(Checklist.minimumReportCharacters)字，最多20000字。",
                                       rows: 18, maxLength: 20_000),
                        .if(frame.editable, .submitButton("保存"))
                    )
                )
            )
        )
    }
}
