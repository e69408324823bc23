import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// A panel expert's scoring page: for each applicant they may see, the defense
/// material and questions, their own score form until the lead closes the panel,
/// then their score and the grade with the rule that made it; the lead's close.
struct ExpertPanelPage {
    struct Applicant {
        var slot: DefenseSlot
        var own: DefenseScoreRecord?
        var result: GradedApplicant?
        var material: DefenseMaterial?
        var assigned: [QuestionAssignment]
    }

    var chrome: PageChrome
    var csrf: String
    var panel: DefensePanel
    var isLead: Bool
    var applicants: [Applicant]
    var bank: [DefenseQuestion]
    var errors: [String: String]
    var typed: [String: String]
    var materialsWeight: String
    var onsiteWeight: String
    var gradeRatioText: String
    /// The limit of a declared conflict's reason (`ExpertPanelController.conflictReasonMaxLength`).
    var conflictReasonMaxLength: Int = 200

    /// The panel with its slots and scores, the applicants this expert may see (each passes
    /// `AccessPolicy`: recusal), their chosen defense material and questions, the expert's
    /// own scores, and the grades once the lead has closed the panel.
    static func load(_ req: Request, panel: DefensePanel, member: DefensePanelMember, expert: Expert,
                     errors: [String: String] = [:], typed: [String: String] = [:]) async throws -> ExpertPanelPage {
        let csrf = try await req.csrfToken()
        let snap = try await PanelSnapshot.load(panel, on: req.db)
        // The panel's own year's bundle (issue 19), never the year in use.
        let store = try req.policies(year: panel.year)
        let graded = snap.graded(rules: try DefenseRules(policy: store.current))
        let mine = Dictionary(snap.scores.filter { $0.$expert.id == expert.id! }.map { ($0.$application.id, $0) },
                              uniquingKeysWith: { a, _ in a })
        var applicants: [ExpertPanelPage.Applicant] = []
        for slot in snap.slots {
            let facts = try await CommitteeData.panelSeat(application: slot.application, panelID: panel.id!, on: req.db)
            guard AccessPolicy.decide(req.actor, .scoreDefense, .committeeSeat(facts)).isAllowed else { continue }
            // Material and questions only for applicants that passed the recusal check.
            let id = slot.application.id!
            applicants.append(.init(
                slot: slot, own: mine[id], result: graded.applicant(id.uuidString),
                material: try await DefenseMaterial.load(for: slot.application, on: req.db),
                assigned: try await QuestionBank.assigned(applicationID: id, on: req.db)))
        }
        return ExpertPanelPage(
            chrome: PageChrome(req: req, title: "\(panel.specialty)评审组"), csrf: csrf, panel: panel, isLead: member.isLead,
            applicants: applicants, bank: try await QuestionBank.questions(year: panel.year, specialty: panel.specialty, on: req.db),
            errors: errors, typed: typed, materialsWeight: DefenseWeightsText.materials(req, year: panel.year),
            onsiteWeight: DefenseWeightsText.onsite(req, year: panel.year), gradeRatioText: store.year.gradeRatioText,
            conflictReasonMaxLength: ExpertPanelController.conflictReasonMaxLength)
    }

    func render() -> HTML {
        var sections: [CommitteeUI.Body] = [
            CommitteeUI.errors(panel.isClosed ? Array(errors.values) : [errors["close"]].compactMap { $0 }),
            .p(.text("答辩地点：\(panel.room)。答辩成绩实行百分制：答辩材料学术水平评价占\(materialsWeight)、现场答辩评价占\(onsiteWeight)；每项0至100分，最多一位小数。组长结束评分前，您只能看到和修改自己的评分。")),
        ]
        for a in applicants {
            let slot = a.slot, own = a.own, result = a.result, material = a.material, assigned = a.assigned
            let app = slot.application
            let id = app.id!
            let key = id.uuidString
            let scoreAction = SiteURL.expert(.score(panel: .value(panel.id!), application: .value(id))).path
            sections.append(.section(.class("applicant"), .attribute(named: "id", value: "a-\(key)"),
                .h2(.text("\(app.applicant.realName)（\(app.specialty)）")),
                .p(.text("工作单位：\(app.unit.name)；答辩时间：\(slot.startsAt)")),
                PanelMaterialView.material(material, panelID: panel.id!, applicationID: id),
                PanelMaterialView.questions(bank: bank, assigned: assigned, panel: panel, applicationID: id, csrf: csrf),
                PanelMaterialView.flagForm(panelID: panel.id!, applicationID: id, csrf: csrf),
                .if(!panel.isClosed, .group(
                    CommitteeUI.errors([errors["\(key).materials"], errors["\(key).onsite"], errors["\(key).conflict"]].compactMap { $0 }),
                    // One form per applicant on this page: each field's id carries the
                    // application id, so labels, errors and ids never collide (axe duplicate-id).
                    .form(.method(.post), .action(scoreAction), .class("stacked score-form"), .csrfField(csrf),
                          .textField("materials", label: "\(app.applicant.realName)：答辩材料学术水平评价（0–100）",
                                     value: typed["\(key).materials"] ?? own.map { Tenths($0.materials).description },
                                     error: errors["\(key).materials"], required: true, maxLength: 6, id: "materials-\(key)"),
                          .textField("onsite", label: "\(app.applicant.realName)：现场答辩评价（0–100）",
                                     value: typed["\(key).onsite"] ?? own.map { Tenths($0.onsite).description },
                                     error: errors["\(key).onsite"], required: true, maxLength: 6, id: "onsite-\(key)"),
                          .submitButton(own == nil ? "保存评分" : "修改评分")),
                    .form(.method(.post), .action(SiteURL.expert(.conflicts).path), .class("stacked conflict-form"), .csrfField(csrf),
                          .input(.type(.hidden), .name("applicationID"), .value(key)),
                          .textField("reason", label: "申请回避的理由（可不填，不超过\(conflictReasonMaxLength)字）",
                                     value: typed["\(key).conflict"], error: errors["\(key).conflict"],
                                     maxLength: conflictReasonMaxLength, id: "conflict-\(key)"),
                          .submitButton("申请回避", style: "secondary"))
                )),
                .if(panel.isClosed, .group(
                    .p(.class("own-score"), .text("您的评分：" + (own.map { "材料\(Tenths($0.materials))，现场\(Tenths($0.onsite))" } ?? "未评分"))),
                    .unwrap(result) { r in .group(
                        .p(.class("result"), .text("答辩成绩 \(r.defenseScore)，第\(r.rank)名，等次：\(r.grade.label)\(r.eliminated ? "（淘汰）" : "")")),
                        .p(.class("hint"), .text(r.defenseScoreRule)), .p(.class("hint"), .text(r.gradeRule))
                    ) }
                ))
            ))
        }
        if applicants.isEmpty { sections.append(.p(.class("muted"), .text("暂无您可评审的申报人。"))) }
        if isLead && !panel.isClosed {
            sections.append(CommitteeUI.section("组长：结束评分", id: "close", [
                .p(.text("全体成员评分完毕后，由组长结束评分：系统按\(gradeRatioText)确定优、中、差等次，差的列为淘汰对象；此后评分不能修改，除非评委会办公室说明理由重新开启。")),
                CommitteeUI.form(SiteURL.expert(.closePanel(.value(panel.id!))).path, csrf: csrf, [
                    .checkboxField("confirm", label: "我确认本组评分已全部完成", checked: false),
                ], submit: "结束评分并确定等次", style: "danger"),
            ]))
        }
        return CommitteeUI.page(chrome, sections)
    }
}
