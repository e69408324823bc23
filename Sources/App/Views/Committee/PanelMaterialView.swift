import Domain
import Foundation
import Plot

/// The parts of the expert's panel page about one applicant's defense material (九):
/// the item they chose with its files, the questions assigned from the bank, and the
/// report of suspected false materials (十（二））. Rendered only for applicants the
/// expert passed the recusal check for.
enum PanelMaterialView {
    typealias Body = Node<HTML.BodyContext>

    static func material(_ m: DefenseMaterial?, panelID: UUID, applicationID: UUID) -> Body {
        guard let m else {
            return .div(.class("defense-material"), .h3(.text("答辩材料")), .p(.class("muted"), .text("申报人尚未选定答辩材料。")))
        }
        return .div(.class("defense-material"),
            .h3(.text("答辩材料（申报人选定，九）")),
            .dl(.dt(.text("类别")), .dd(.text(m.section.title)),
                .dt(.text("题目")), .dd(.text("《\(m.title)》")),
                .unwrap(m.venue) { .group(.dt(.text("发表（出版）")), .dd(.text($0))) },
                .unwrap(m.date) { .group(.dt(.text("时间")), .dd(.text($0))) }),
            m.files.isEmpty ? .p(.class("muted"), .text("该材料没有上传的文件。")) :
                .ul(.class("material-files"), .forEach(m.files) { f in
                    .li(.a(.href(SiteURL.expert(.materialFile(panel: .value(panelID), application: .value(applicationID), file: .value(f.id!))).path),
                           .text("\(f.label)（\(f.originalName)）")))
                }))
    }

    static func questions(bank: [DefenseQuestion], assigned: [QuestionAssignment], panel: DefensePanel,
                          applicationID: UUID, csrf: String) -> Body {
        let taken = Set(assigned.map { $0.$question.id })
        let open = bank.filter { !taken.contains($0.id!) }
        return .div(.class("defense-questions"),
            .h3(.text("答辩问题")),
            assigned.isEmpty ? .p(.class("muted"), .text("尚未选定问题。")) :
                .ol(.class("assigned-questions"), .forEach(assigned) { a in
                    .li(.text("【\(a.question.kindLabel)】\(a.question.text)（\(a.expert.name)选定）"))
                }),
            .if(!panel.isClosed && !open.isEmpty, questionForm(open, panelID: panel.id!, applicationID: applicationID, csrf: csrf)),
            .if(!panel.isClosed && bank.isEmpty, .p(.class("muted"), .text("本专业组题库暂无问题，请联系评委会办公室。"))))
    }

    /// The checkboxes in a fieldset with its legend, so they read as one group.
    static func questionForm(_ open: [DefenseQuestion], panelID: UUID, applicationID: UUID, csrf: String) -> Body {
        // Each box carries its question's id (not checkboxField's "1").
        let boxes: [Body] = open.map { q in
            let id = "f-q-\(applicationID.uuidString.prefix(8))-\(q.id!.uuidString.prefix(8))"
            return .div(.class("field checkbox"),
                        .input(.type(.checkbox), .name("questionIDs"), .id(id), .value(q.id!.uuidString)),
                        .label(.for(id), .text("【\(q.kindLabel)】\(q.text)")))
        }
        return .element(named: "form", nodes: [
            .attribute(named: "method", value: "post"),
            .attribute(named: "action", value: SiteURL.expert(.questions(panel: .value(panelID), application: .value(applicationID))).path),
            .attribute(named: "class", value: "stacked question-form"), .csrfField(csrf),
            .element(named: "fieldset", nodes: [.element(named: "legend", text: "阅读答辩材料后，从题库选定问题")] + boxes),
            .submitButton("选定问题", style: "secondary"),
        ])
    }

    static func flagForm(panelID: UUID, applicationID: UUID, csrf: String) -> Body {
        .details(.class("integrity-flag"),
            .summary(.text("举报疑似虚假材料")),
            .form(.method(.post), .action(SiteURL.expert(.flag(panel: .value(panelID), application: .value(applicationID))).path), .class("stacked"), .csrfField(csrf),
                  .textAreaField("evidence", label: "疑点与证据（如：检索不到该论文、与他人材料雷同）", value: "", required: true, rows: 3,
                                 maxLength: 1000, id: "evidence-\(applicationID.uuidString.prefix(8))"),
                  .submitButton("提交评委会办公室核查", style: "secondary")))
    }
}
