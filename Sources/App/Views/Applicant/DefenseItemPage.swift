import Domain
import Vapor
import Foundation
import Fluent
import Plot

/// 答辩材料 (九): the engineer chooses the one paper, book or practical material
/// the defense will be about ("答辩评价需由本人确定其中一项材料作为答辩内容").
/// The panel sets its questions from it; the 送审论文 linked to an entry is marked.
struct DefenseItemPage {
    struct Entry {
        var id: String
        var section: String
        var title: String
        /// The 送审论文 upload is linked to this entry (七.1).
        var submittedPaper: Bool
    }

    var chrome: PageChrome
    var frame: DeclarationFrame
    var url: DeclarationURL
    var csrf: String
    var choices: [Entry]
    var chosen: String?
    var error: String?

    func render() -> HTML {
        Layout.page(
            chrome,
            frame.wrap(
                .section(
                    .class("panel"), .id("defense-item"),
                    .h2(.text("答辩材料")),
                    .p(.class("hint"), .text("学术论文、作为主要成员完成的工程项目方案、行业标准、技术推广总结、专利、科研项目研究报告等皆可作为答辩的内容；答辩评价需由本人确定其中一项材料作为答辩内容（九）。送审论文全文请在“卷宗材料”上传时对应到其论文条目（七.1）。")),
                    .unwrap(error) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
                    .if(choices.isEmpty, .p(.class("muted"), .text("尚未填写论文、论著或实用技术材料，请先在申报表中填写。"))),
                    .if(!choices.isEmpty && !frame.editable, .p(.id("defense-choice"), .text("选定的答辩内容："
                        + (choices.first { $0.id == chosen }.map { "\($0.section)：《\($0.title)》" } ?? "尚未选定")))),
                    .if(!choices.isEmpty && frame.editable, .form(
                        .method(.post), .action(url.defense), .class("stacked"),
                        .csrfField(csrf),
                        .selectField("itemID", label: "选定一项作为答辩内容",
                                     choices: choices.map { choice in
                                         Choice(value: choice.id, label: "\(choice.section)：《\(choice.title)》"
                                                         + (choice.submittedPaper ? "（送审论文）" : ""))
                                     },
                                     selected: chosen, required: true),
                        .submitButton("保存选择")
                    ))
                )
            )
        )
    }
}

extension DefenseItemPage {
    /// The applicant's own papers, books and practical materials (九), each marked when its
    /// paper was sent for the duplication check.
    static func load(_ req: Request, _ application: ApplicationRecord, error: String? = nil) async throws -> DefenseItemPage {
        let snapshot = try await DeclarationSnapshot.load(application, on: req.db, engine: try req.policies(for: application).engine)
        let url = DeclarationURL(id: application.id!)
        let submitted = Dictionary(snapshot.files.filter { $0.slot == DossierSlot.submittedPaper.rawValue }
            .compactMap { file in file.$item.id.map { ($0, file.label) } }, uniquingKeysWith: { a, _ in a })
        let choices = Checklist.defenseSections.flatMap { section in
            snapshot.items(in: section).map { item in
                Entry(id: item.id!.uuidString, section: section.title,
                      title: item.values["title"] ?? "", submittedPaper: submitted[item.id!] != nil)
            }
        }
        return DefenseItemPage(chrome: PageChrome(req: req, title: "答辩材料"), frame: .make(snapshot, activePath: url.defense, viewer: req.currentUser),
                               url: url, csrf: try await req.csrfToken(), choices: choices,
                               chosen: application.defenseItemID?.uuidString, error: error)
    }
}
