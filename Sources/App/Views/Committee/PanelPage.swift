import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// 某专业评审组 (the committee office): the members with the swap form, the schedule with
/// each applicant's scores (numbers and grades once the lead has closed the panel, with the
/// rule that gave them and the input to check them with `title-review defense grade`), the
/// form that schedules a waiting engineer or reopens a closed panel, and the panel's notes.
struct PanelPage {
    struct Member: Sendable {
        var name: String
        var account: String
        var duty: String
        var status: String
    }

    struct Slot: Sendable {
        var applicant: String
        var unit: String
        var startsAt: String
        var scored: String
        var defenseScore: String
        var grade: String
        var basis: String
    }

    struct Note: Sendable {
        var at: String
        var text: String
        var actor: String
    }

    var chrome: PageChrome
    var csrf: String
    var errors: [String]
    var panelID: UUID
    var year: Int
    var room: String
    var seed: String
    var isClosed: Bool
    var excluded: String
    var members: [Member]
    /// The members still on the panel, who may be swapped.
    var activeMembers: [Choice]
    var slots: [Slot]
    /// The 3:6:1 quota's explanation and the grading command's input, once closed.
    var quota: String
    var commandInput: String
    /// Accepted engineers of the specialty the copy-ratio rule does not admit yet (七.1).
    var notAdmitted: Int
    var waiting: [Choice]
    var typedStartsAt: String?
    var notes: [Note]

    static func load(_ req: Request, _ panel: DefensePanel, errors: [String] = [], typedStartsAt: String? = nil) async throws -> PanelPage {
        let snap = try await PanelSnapshot.load(panel, on: req.db)
        // The panel's own year's bundle (issue 19): its weights, quota and copy-ratio rule.
        let rules = try CommitteeData.rules(req, year: panel.year)
        let waiting = try await PanelsController.waiting(req.db, year: panel.year, copyRule: CopyRatioRule(try req.policies(year: panel.year).year))
            .filter { $0.specialty == panel.specialty }
        let notAdmitted = try await PanelsController.waiting(req.db, year: panel.year).filter { $0.specialty == panel.specialty }.count - waiting.count
        let notes = try await CommitteeNote.query(on: req.db).filter(\.$subjectID == panel.id!).sort(\.$at).all()
        let graded = snap.graded(rules: rules)
        return PanelPage(
            chrome: PageChrome(req: req, title: "\(panel.specialty)评审组"), csrf: try await req.csrfToken(), errors: errors,
            panelID: panel.id!, year: panel.year, room: panel.room, seed: "\(panel.seed)", isClosed: panel.isClosed,
            excluded: panel.excluded,
            members: snap.members.map { m in
                Member(name: m.expert.name, account: m.expert.user?.username ?? "—", duty: m.isLead ? "组长" : "成员",
                       status: m.active ? "在组" : "已替换：\(m.removedReason ?? "")")
            },
            activeMembers: snap.activeMembers.map { Choice(value: $0.id!.uuidString, label: $0.expert.name) },
            slots: snap.slots.map { slot in
                let a = graded.applicant(slot.$application.id.uuidString)
                let n = snap.scores.filter { $0.$application.id == slot.$application.id }.count
                let recused = snap.recusedScores.filter { $0.$application.id == slot.$application.id }.count
                return Slot(applicant: slot.application.applicant.realName, unit: slot.application.unit.name, startsAt: slot.startsAt,
                            scored: "\(n)位专家已评分" + (recused > 0 ? "（另有\(recused)位回避专家的评分已保存但不计入）" : ""),
                            defenseScore: panel.isClosed ? (a.map { "\($0.defenseScore)" } ?? "—") : "结束评分后显示",
                            grade: panel.isClosed ? (a.map { "\($0.grade.label)（第\($0.rank)名）" } ?? "—") : "—",
                            basis: panel.isClosed ? (a.map { $0.defenseScoreRule + "。" + $0.gradeRule } ?? "") : "")
            },
            quota: graded.quota.explanation, commandInput: try snap.commandInput, notAdmitted: notAdmitted,
            waiting: waiting.map { Choice(value: $0.id!.uuidString, label: $0.applicant.realName) }, typedStartsAt: typedStartsAt,
            notes: notes.map { Note(at: BeijingTime.text($0.at), text: $0.text, actor: $0.actorName) })
    }

    func render() -> HTML {
        CommitteeUI.page(chrome, [
            CommitteeUI.officeMenu(), CommitteeUI.errors(errors),
            .p(.text("\(year)年度评审；答辩地点：\(room)；随机种子：\(seed)；状态：\(isClosed ? "组长已结束评分" : "评分中")")),
            CommitteeUI.section("评审组成员", id: "members", [
                CommitteeUI.table(["专家", "登录账号", "职务", "状态"], members.map { m in
                    [.text(m.name), .text(m.account), .text(m.duty), .text(m.status)]
                }, id: "member-list"),
                .p(.strong(.text("回避（未参加抽取）：")), .text(excluded.isEmpty ? "无" : excluded)),
                .if(!isClosed, CommitteeUI.form(SiteURL.committee(.panel(.value(panelID), .swap)).path, csrf: csrf, id: "swap", [
                    .selectField("memberID", label: "替换成员", choices: activeMembers, selected: nil, required: true),
                    .textField("reason", label: "替换理由", required: true, maxLength: PanelsController.reasonMaxLength),
                ], submit: "按同一随机顺序替换", style: "secondary")),
            ]),
            CommitteeUI.section("答辩安排与成绩", id: "schedule", [
                CommitteeUI.table(["申报人", "工作单位", "答辩时间", "评分", "答辩成绩", "等次", "依据"], slots.map { s in
                    [.text(s.applicant), .text(s.unit), .text(s.startsAt), .text(s.scored), .text(s.defenseScore), .text(s.grade), .text(s.basis)]
                }, id: "slots", empty: "尚未安排答辩。"),
                .if(isClosed, .p(.text("优、中、差名额：" + quota))),
                .if(isClosed, .details(.summary(.text("用 title-review defense grade 复核的输入")),
                                       .pre(.code(.text(commandInput))))),
                .if(notAdmitted > 0, .p(.class("hint"), .id("not-admitted"),
                    .text("本专业另有\(notAdmitted)名已受理的工程师尚未取得答辩资格（七.1：须有不超过限值的抄袭率），不能安排答辩；见"),
                    .a(.href(SiteURL.committee(.similarity).path), .text("论文查重")), .text("。"))),
                .if(!isClosed && !waiting.isEmpty, CommitteeUI.form(SiteURL.committee(.panel(.value(panelID), .schedule)).path, csrf: csrf, id: "assign", [
                    .selectField("applicationID", label: "申报人", choices: waiting, selected: nil, required: true),
                    .textField("startsAt", label: "答辩时间（YYYY-MM-DD HH:MM，\(year)年内）", value: typedStartsAt,
                               required: true, maxLength: 16),
                ], submit: "安排答辩")),
                .if(isClosed, CommitteeUI.form(SiteURL.committee(.panel(.value(panelID), .reopen)).path, csrf: csrf, id: "reopen", [
                    .textField("reason", label: "重新开启的理由", required: true, maxLength: 200),
                ], submit: "重新开启评审组", style: "danger")),
            ]),
            CommitteeUI.section("记录", id: "notes", [
                CommitteeUI.table(["时间", "事项", "经办人"], notes.map { [.text($0.at), .text($0.text), .text($0.actor)] }),
            ]),
        ])
    }
}
