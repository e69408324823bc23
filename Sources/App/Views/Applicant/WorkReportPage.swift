import Domain
import Vapor
import Foundation
import Fluent
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

    static let maximumCharacters = 20_000

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
                    .if(frame.editable, .form(
                        .method(.post), .action(url.report), .class("stacked"),
                        .csrfField(csrf),
                        .p(.class("hint counter"), .id("report-counter"), .attribute(named: "aria-live", value: "polite"),
                           .text("当前"), .span(.id("report-count"), .text("\(text.count)")),
                           .text("字；不少于\(Checklist.minimumReportCharacters)字，最多\(Self.maximumCharacters)字。")),
                        .textAreaField("workReport", label: title, value: text, error: error,
                                       rows: 18, maxLength: Self.maximumCharacters, counter: "report-count"),
                        .submitButton("保存")
                    )),
                    // Read-only for reviewers and after submission: the text, not an input without a button.
                    .if(!frame.editable, .div(
                        .class("read-only-text"), .id("report-text"),
                        .p(.class("muted"), .text("共\(text.count)字。")),
                        .if(text.isEmpty, .p(.class("muted"), .text("未在系统中填写。"))),
                        .forEach(text.split(separator: "\n", omittingEmptySubsequences: true)) { .p(.text(String($0))) }
                    ))
                )
            )
        )
    }
}

extension WorkReportPage {
    /// The report (a technician's 工作总结) with the notice's guidance for the level.
    static func load(_ req: Request, _ application: ApplicationRecord, text: String, error: String? = nil) async throws -> WorkReportPage {
        let snapshot = try await DeclarationSnapshot.load(application, on: req.db, engine: try req.policies(for: application).engine)
        let url = DeclarationURL(id: application.id!)
        let technician = application.level == .technician
        let guidance = technician
            ? ["总结应体现本人学历、学位、工作简历及专业技术工作情况等内容（三（三）3）。"]
            : ["（1）基本情况：学历、学位、现职称及聘任时间，工作简历等；",
               "（2）工作业绩综述：本人所获奖项、专利、完成的专业著作及荣誉等，特别说明社会效益；",
               "结合工作实际，主持参与的项目、标准、规划、可行性研究报告、专利、荣誉等作为支撑材料（三（一）6、三（二）5）。"]
        return WorkReportPage(
            chrome: PageChrome(req: req, title: technician ? "专业技术工作总结" : "专业技术工作报告"),
            frame: .make(snapshot, activePath: url.report, viewer: req.currentUser), url: url, csrf: try await req.csrfToken(),
            title: technician ? "专业技术工作总结" : "专业技术工作报告", guidance: guidance, text: text, error: error,
            uploadedFiles: snapshot.files.filter { $0.slot == DossierSlot.category8.rawValue }.count)
    }
}
