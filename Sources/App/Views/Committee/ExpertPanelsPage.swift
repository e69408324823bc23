import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// 我的评审 (a panel expert): the panels they sit on and the committee meetings they are
/// a member of; an account not linked to the pool is told so.
struct ExpertPanelsPage {
    struct Panel: Sendable {
        var id: UUID
        var specialty: String
        var room: String
        var isLead: Bool
        var isClosed: Bool
    }

    struct Meeting: Sendable {
        var id: UUID
        var heldOn: String
        var present: Bool
        var isClosed: Bool
    }

    var chrome: PageChrome
    var linked: Bool
    var panels: [Panel]
    var meetings: [Meeting]
    /// The review year shown: the expert's own seats of that year only.
    var years: YearPicker

    static func load(_ req: Request, expert: Expert?) async throws -> ExpertPanelsPage {
        let years = YearPicker.make(req, url: .expert(.panels))
        var page = ExpertPanelsPage(chrome: PageChrome(req: req, title: "我的评审"), linked: expert != nil, panels: [], meetings: [],
                                    years: years)
        guard let expert else { return page }
        // The picker narrows the expert's own seats to a year; it never shows another expert's.
        // Each list is one joined query, filtered to the year in the database (issue 18): the
        // same two statements whether or not the expert has a seat, in the order drawn or called.
        let seats = try await DefensePanelMember.query(on: req.db)
            .join(DefensePanel.self, on: \DefensePanelMember.$panel.$id == \DefensePanel.$id)
            .filter(\.$expert.$id == expert.id!).filter(\.$active == true).filter(DefensePanel.self, \.$year == years.selected)
            .sort(DefensePanel.self, \.$createdAt).all()
        page.panels = try seats.map { seat in
            let panel = try seat.joined(DefensePanel.self)
            return Panel(id: panel.id!, specialty: panel.specialty, room: panel.room, isLead: seat.isLead, isClosed: panel.isClosed)
        }
        let meetings = try await MeetingMember.query(on: req.db)
            .join(CommitteeMeeting.self, on: \MeetingMember.$meeting.$id == \CommitteeMeeting.$id)
            .filter(\.$expert.$id == expert.id!).filter(CommitteeMeeting.self, \.$year == years.selected)
            .sort(CommitteeMeeting.self, \.$createdAt).all()
        page.meetings = try meetings.map { member in
            let meeting = try member.joined(CommitteeMeeting.self)
            return Meeting(id: meeting.id!, heldOn: meeting.heldOn, present: member.present, isClosed: meeting.isClosed)
        }
        return page
    }

    func render() -> HTML {
        CommitteeUI.page(chrome, [
            years.node,
            .if(!linked, .p(.class("muted"), .text("您的账号尚未关联专家库，请联系评委会办公室。"))),
            CommitteeUI.section("评审组", id: "my-panels", [CommitteeUI.table(["评审组", "答辩地点", "职务", "状态"], panels.map { p in
                [.a(.href(SiteURL.expert(.panel(.value(p.id))).path), .text("\(p.specialty)评审组")), .text(p.room),
                 .text(p.isLead ? "组长" : "成员"), .text(p.isClosed ? "已结束评分" : "评分中")]
            }, empty: "\(years.selected)年度暂无分配给您的评审组。")]),
            CommitteeUI.section("评委会会议", id: "my-meetings", [CommitteeUI.table(["会议", "出席", "状态"], meetings.map { m in
                [.a(.href(SiteURL.expert(.meeting(.value(m.id))).path), .text("评委会会议（\(m.heldOn)）")),
                 .text(m.present ? "出席" : "未登记出席"), .text(m.isClosed ? "已表决" : "表决中")]
            }, empty: "\(years.selected)年度暂无会议。")]),
        ])
    }
}
