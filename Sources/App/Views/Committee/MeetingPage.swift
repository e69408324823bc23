import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// One committee meeting (the committee office): attendance and the deliberation notes
/// until voting starts, then the secret ballot per applicant (with each one's recusals and
/// review score), paper ballots, and the close that decides by `CommitteeVote`.
struct MeetingPage {
    struct Member: Sendable {
        var id: UUID
        var expertID: UUID
        var name: String
        var role: CommitteeRole
        var present: Bool
    }

    struct Applicant: Sendable {
        var id: UUID
        var name: String
        var level: String
        var specialty: String
        var standing: String
        var reviewScore: String
        var voted: Int
        var voters: Int
        var recused: Int
        var tally: (agree: Int, disagree: Int, abstain: Int)
    }

    var chrome: PageChrome
    var csrf: String
    var errors: [String]
    var meetingID: UUID
    var committee: String
    var notes: String
    var closed: Bool
    var votingStarted: Bool
    var members: [Member]
    var applicants: [Applicant]
    var quorumLine: String
    var startProblems: [String]
    /// Members present, for the paper-ballot form.
    var presentChoices: [Choice]

    static func load(_ req: Request, _ meeting: CommitteeMeeting, errors: [String] = []) async throws -> MeetingPage {
        // The meeting's own year's bundle (issue 19).
        let rules = try CommitteeRules(policy: req.policies(year: meeting.year).current)
        let snap = try await MeetingSnapshot.load(meeting, on: req.db, rules: rules)
        let scores = try await ReviewScores.load(snap.applicants, req: req)
        let id = meeting.id!
        return MeetingPage(
            chrome: PageChrome(req: req, title: "\(snap.committee?.name ?? "评委会")会议（\(meeting.heldOn)）"),
            csrf: try await req.csrfToken(), errors: errors, meetingID: id,
            committee: snap.committee.map { "\($0.tierValue.label)：\($0.name)" } ?? "（未指定评委会）",
            notes: meeting.notes, closed: meeting.isClosed, votingStarted: meeting.votingStarted,
            members: snap.members.map { Member(id: $0.id!, expertID: $0.$expert.id, name: $0.expert.name, role: $0.roleValue, present: $0.present) },
            applicants: snap.applicants.map { a in
                let count = snap.count(a.id!)
                let score = scores[a.id!]
                return Applicant(id: a.id!, name: a.applicant.realName, level: CommitteeUI.levelLabel(a.targetLevel), specialty: a.specialty,
                                 standing: a.stateValue.label, reviewScore: score.map { "\($0)" } ?? "—", voted: snap.voted(a.id!),
                                 voters: count.voters, recused: count.recused, tally: snap.tally(a.id!))
            },
            quorumLine: "应到\(snap.members.count)人，实到\(snap.present.count)人；"
                + (snap.hasQuorum ? "已达法定人数（不少于\(rules.quorum)）" : "不足\(rules.quorum)，不得表决")
                + (snap.presiding.isEmpty ? "；主任委员、副主任委员均未出席" : "；主持人：" + snap.presiding.map { "\($0.expert.name)（\($0.roleValue.label)）" }.joined(separator: "、")),
            startProblems: snap.startProblems,
            presentChoices: snap.present.map { Choice(value: $0.$expert.id.uuidString, label: $0.expert.name) })
    }

    func render() -> HTML {
        let open = !closed
        return CommitteeUI.page(chrome, [
            CommitteeUI.officeMenu(), CommitteeUI.errors(errors),
            .p(.text("评委会：\(committee)")),
            .p(.id("quorum"), .text(quorumLine)),
            .p(.a(.href(SiteURL.committee(.meeting(.value(meetingID), .minutes)).path), .text("会议纪要（可打印）"))),
            CommitteeUI.section("出席登记与评议记录", id: "attendance", [
                .if(votingStarted, .p(.class("muted"), .text("已开始表决，出席登记已确定，不能更改。"))),
                .form(.method(.post), .action(SiteURL.committee(.meeting(.value(meetingID), .attendance)).path), .class("stacked"), .csrfField(csrf),
                      .forEach(members) { m in
                          votingStarted ? .p(.text("\(m.name)（\(m.role.label)）：\(m.present ? "出席" : "缺席")"))
                              : .checkboxField("present_\(m.id.uuidString)", label: "\(m.name)（\(m.role.label)）", checked: m.present)
                      },
                      .textAreaField("notes", label: "综合评议记录", value: notes, rows: 4, maxLength: MeetingsController.notesLimit),
                      .if(open, .submitButton(votingStarted ? "保存评议记录" : "保存出席与评议记录"))),
            ]),
            .if(open && !votingStarted, CommitteeUI.section("开始表决", id: "start-vote", [
                .if(!startProblems.isEmpty, .p(.class("field-error"), .text("尚不能开始表决：" + startProblems.joined(separator: "；")))),
                CommitteeUI.form(SiteURL.committee(.meeting(.value(meetingID), .start)).path, csrf: csrf, id: "start-form", [
                    .checkboxField("confirm", label: "出席已登记完毕，主持人宣布开始表决（此后出席登记不再更改）", checked: false),
                ], submit: "开始表决"),
            ])),
            CommitteeUI.section("表决（无记名）", id: "ballots", [
                .p(.text("每位出席且无须回避的成员对每位申报人投一票：同意、反对或弃权（弃权按不同意计）。回避的成员不参加该申报人的表决，也不计入基数。系统只记录“已投票”与票数，不记录谁投了什么。")),
                CommitteeUI.table(["申报人", "级别", "专业", "状态", "评审成绩", "回避", "已投票", "同意", "反对", "弃权"], applicants.map { a in
                    [.text(a.name), .text(a.level), .text(a.specialty), .text(a.standing), .text(a.reviewScore), .text("\(a.recused)人"),
                     .text("\(a.voted)/\(a.voters)"),
                     .text(closed ? "\(a.tally.agree)" : "表决结束后公布"), .text(closed ? "\(a.tally.disagree)" : "—"),
                     .text(closed ? "\(a.tally.abstain)" : "—")]
                }, id: "ballot-list", empty: "暂无待表决的申报人。"),
                .if(open && votingStarted, CommitteeUI.form(SiteURL.committee(.meeting(.value(meetingID), .ballots)).path, csrf: csrf, id: "paper-ballot", [
                    .selectField("expertID", label: "投票成员（纸质选票）", choices: presentChoices, selected: nil, required: true),
                    .selectField("applicationID", label: "申报人", choices: applicants.map { Choice(value: $0.id.uuidString, label: $0.name) },
                                 selected: nil, required: true),
                    .selectField("choice", label: "票决", choices: MeetingBallots.choices, selected: nil, required: true),
                ], submit: "录入纸质选票", style: "secondary")),
                .if(open && votingStarted, CommitteeUI.form(SiteURL.committee(.meeting(.value(meetingID), .close)).path, csrf: csrf, id: "close-vote", [
                    .checkboxField("confirm", label: "表决已结束，按票数确定评审结果", checked: false),
                ], submit: "结束表决并确定结果", style: "danger")),
            ]),
        ])
    }
}

/// 会议纪要: printable, from the records (present and recused numbers fixed at the close).
struct MeetingMinutesPage {
    struct Row: Sendable {
        var name: String
        var unit: String
        var level: String
        var specialty: String
        var agree: Int
        var disagree: Int
        var abstain: Int
        var recused: Int
        var result: String
    }

    var title: String
    var committee: String
    var heldOn: String
    var chair: String
    var presiding: String
    var attendance: String
    var absent: String
    var notes: String
    var rows: [Row]

    static func load(_ req: Request, _ meeting: CommitteeMeeting) async throws -> MeetingMinutesPage {
        let policy = try req.policies(year: meeting.year).current
        let snap = try await MeetingSnapshot.load(meeting, on: req.db, rules: try CommitteeRules(policy: policy))
        let name = snap.committee?.name ?? "\(policy.title)评审委员会"
        return MeetingMinutesPage(
            title: "\(name)会议纪要", committee: name,
            heldOn: LocalDate(iso: meeting.heldOn)?.chinese ?? meeting.heldOn,
            chair: snap.chair?.expert.name ?? "—",
            presiding: snap.presiding.map { "\($0.expert.name)（\($0.roleValue.label)）" }.joined(separator: "、").nonEmpty ?? "—",
            attendance: "应到\(snap.members.count)人，实到\(snap.present.count)人：" + snap.present.map(\.expert.name).joined(separator: "、"),
            absent: snap.members.filter { !$0.present }.map(\.expert.name).joined(separator: "、").nonEmpty ?? "无",
            notes: meeting.notes.isEmpty ? "—" : meeting.notes,
            rows: snap.applicants.map { a in
                let t = snap.tally(a.id!)
                let c = snap.count(a.id!)
                return Row(name: a.applicant.realName, unit: a.unit.name, level: CommitteeUI.levelLabel(a.targetLevel), specialty: a.specialty,
                           agree: t.agree, disagree: t.disagree, abstain: t.abstain, recused: c.recused,
                           result: meeting.isClosed ? snap.decision(a.id!).explanation : "表决尚未结束")
            })
    }

    func render() -> HTML {
        HTML(.attribute(named: "lang", value: "zh-CN"),
             .head(.meta(.charset(.utf8)), .element(named: "title", text: title), .link(.rel(.stylesheet), .href(PrintLayout.stylesheet))),
             .body(.main(
                .h1(.text(title)),
                .p(.text("会议日期：\(heldOn)")),
                .p(.text("主任委员：\(chair)；主持：\(presiding)")),
                .p(.text(attendance)),
                .p(.text("缺席：\(absent)")),
                .h2(.text("综合评议记录")), .p(.text(notes)),
                .h2(.text("无记名投票结果")),
                CommitteeUI.table(["申报人", "工作单位", "级别", "专业", "同意", "反对", "弃权", "回避", "结果"], rows.map { r in
                    [.text(r.name), .text(r.unit), .text(r.level), .text(r.specialty), .text("\(r.agree)"), .text("\(r.disagree)"),
                     .text("\(r.abstain)"), .text("\(r.recused)"), .text(r.result)]
                }, id: "minutes"),
                .p(.text("记录人：________    主任委员签字：________"))
             )))
    }
}
