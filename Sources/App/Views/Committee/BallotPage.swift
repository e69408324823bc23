import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// A committee member's own ballot page (无记名投票): the applicants of the meeting's
/// committee, without those the member must step aside for (回避: they do not see them).
struct BallotPage {
    struct Row: Sendable {
        var applicationID: UUID
        var name: String
        var level: String
        var specialty: String
        var unit: String
        var voted: Bool
    }

    var chrome: PageChrome
    var csrf: String
    var errors: [String]
    var meetingID: UUID
    var present: Bool
    var votingStarted: Bool
    var closed: Bool
    var rows: [Row]

    static func load(_ req: Request, meeting: CommitteeMeeting, expert: Expert, errors: [String]) async throws -> BallotPage {
        let id = meeting.id!
        let snap = try await MeetingSnapshot.load(meeting, on: req.db, rules: try CommitteeRules(policy: req.policies(year: meeting.year).current))
        guard let me = snap.members.first(where: { $0.$expert.id == expert.id! }) else { throw PageError.forbidden("您不是本次会议的成员") }
        var rows: [Row] = []
        for a in snap.applicants {
            let facts = try await CommitteeData.meetingSeat(application: a, meetingID: id, on: req.db)
            // Recusal: a conflicted member does not see the applicant at all.
            guard AccessPolicy.decide(req.actor, .castBallot, .committeeSeat(facts)).isAllowed,
                  !snap.isRecused(expert.id!, from: a.id!) else { continue }
            rows.append(Row(applicationID: a.id!, name: a.applicant.realName, level: CommitteeUI.levelLabel(a.targetLevel),
                            specialty: a.specialty, unit: a.unit.name,
                            voted: snap.markers.contains { $0.applicationID == a.id! && $0.expertID == expert.id! }))
        }
        let title = "\(snap.committee?.name ?? "评委会")会议（\(meeting.heldOn)）表决"
        return BallotPage(chrome: PageChrome(req: req, title: title), csrf: try await req.csrfToken(), errors: errors,
                          meetingID: id, present: me.present, votingStarted: meeting.votingStarted, closed: meeting.isClosed,
                          rows: rows)
    }

    func render() -> HTML {
        let open = votingStarted && !closed && present
        return CommitteeUI.page(chrome, [
            CommitteeUI.errors(errors),
            .p(.text(!present ? "您尚未登记出席，不能投票。"
                     : !votingStarted ? "主持人尚未宣布开始表决。"
                     : "无记名投票：每位申报人一票，投出后不能更改；系统不记录您投了什么。")),
            CommitteeUI.table(["申报人", "级别", "专业", "工作单位", "表决"], rows.map { r in
                [.text(r.name), .text(r.level), .text(r.specialty), .text(r.unit),
                 r.voted || !open ? .text(r.voted ? "已投票" : "未投票")
                    : .form(.method(.post), .action(SiteURL.expert(.ballot(meeting: .value(meetingID), application: .value(r.applicationID))).path),
                            .class("inline ballot"), .csrfField(csrf),
                            .fieldset(.element(named: "legend", nodes: [.class("visually-hidden"), .text("对\(r.name)的表决")]),
                                      .forEach(MeetingBallots.choices) { c in
                                          .label(.input(.type(.radio), .name("choice"), .value(c.value),
                                                        .id("choice-\(r.applicationID.uuidString)-\(c.value)")), .text(c.label))
                                      }),
                            .button(.type(.submit), .class("button primary"), .text("投票")))]
            }, id: "ballot-list", empty: "暂无待表决的申报人。"),
        ])
    }
}
