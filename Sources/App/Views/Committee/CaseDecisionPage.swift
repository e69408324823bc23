import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// 复查/投诉 decision (the committee office): the case, the applicant's result as it stands,
/// and the decision with its outcome; a re-review names what is re-done. Once decided the
/// page shows the decision, which cannot be changed.
struct CaseDecisionPage {
    struct Decided: Sendable {
        var outcome: String
        var redo: String?
        var reason: String
        var decidedOn: String
        var actor: String
    }

    var chrome: PageChrome
    var csrf: String
    var errors: [String]
    var caseID: UUID
    var applicant: String
    var level: String
    var standing: String
    var kind: String
    var received: String
    var content: String
    var redoOptions: [ReexaminationRedo]
    var decided: Decided?
    var typed: [String: String]

    static let reasonLimit = 500

    static func load(_ req: Request, caseID: UUID, errors: [String] = [], typed: [String: String] = [:]) async throws -> CaseDecisionPage {
        guard let c = try await ResultCase.query(on: req.db).filter(\.$id == caseID).with(\.$application, { $0.with(\.$applicant) }).first() else {
            throw PageError.notFound
        }
        let a = c.application
        let decision = try await CaseDecision.query(on: req.db).filter(\.$resultCase.$id == caseID).first()
        return CaseDecisionPage(
            chrome: PageChrome(req: req, title: "复查、投诉处理决定"), csrf: try await req.csrfToken(), errors: errors, caseID: caseID,
            applicant: a.applicant.realName, level: CommitteeUI.levelLabel(a.targetLevel), standing: a.stateValue.label,
            kind: c.kindLabel, received: c.received, content: c.content, redoOptions: ReexaminationRedo.options(for: a.level),
            decided: decision.map { Decided(outcome: $0.outcomeValue.label, redo: $0.redoValue?.label, reason: $0.reason,
                                            decidedOn: $0.decidedOn, actor: $0.actorName) },
            typed: typed)
    }

    func render() -> HTML {
        CommitteeUI.page(chrome, [
            CommitteeUI.officeMenu(), CommitteeUI.errors(errors),
            CommitteeUI.table(["申报人", "级别", "当前状态", "类别", "收到日期", "内容"],
                              [[.text(applicant), .text(level), .text(standing), .text(kind), .text(received), .text(content)]], id: "case"),
            .unwrap(decided, { d in
                CommitteeUI.section("处理决定", id: "decision", [
                    .p(.text("\(d.decidedOn)，\(d.actor)：\(d.outcome)" + (d.redo.map { "（\($0)）" } ?? "") + "。理由：\(d.reason)")),
                    .p(.class("muted"), .text("决定已记录，不能更改。")),
                ])
            }, else: CommitteeUI.section("作出决定", id: "decide", [
                .p(.text("维持原结果或不予受理的，评审结果不变；决定重新评审的，须写明重新进行的环节，申报随之退回该环节（工程师重新答辩的须另行安排答辩组，原评审组及其评分保持不变）。")),
                CommitteeUI.form(SiteURL.committee(.caseDecision(.value(caseID))).path, csrf: csrf, id: "decision-form", [
                    .selectField("outcome", label: "处理结果", choices: ReexaminationOutcome.allCases.map { Choice(value: $0.rawValue, label: $0.label) },
                                 selected: typed["outcome"], required: true),
                    .selectField("redo", label: "重新评审的环节（仅“重新评审”时填写）", choices: redoOptions.map { Choice(value: $0.rawValue, label: $0.label) },
                                 selected: typed["redo"], prompt: "不适用"),
                    .textAreaField("reason", label: "理由", value: typed["reason"] ?? "", rows: 3, maxLength: Self.reasonLimit),
                ], submit: "记录决定"),
            ])),
        ])
    }
}
