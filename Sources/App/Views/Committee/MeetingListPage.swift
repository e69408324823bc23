import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// 评委会会议 (the committee office): the year's meetings, each of one committee, and the
/// form that calls a meeting of a formed committee on a day of the review year.
struct MeetingListPage {
    struct Meeting: Sendable {
        var id: UUID
        var heldOn: String
        var committee: String
        var state: String
    }

    var chrome: PageChrome
    var csrf: String
    var errors: [String]
    var year: Int
    var meetings: [Meeting]
    /// The formed committees that may meet (their membership complete).
    var committees: [Choice]
    var rules: CommitteeRules
    var typed: [String: String]
    /// The review year shown (`?year=`, the year in use by default).
    var years: YearPicker

    static func load(_ req: Request, errors: [String] = [], typed: [String: String] = [:]) async throws -> MeetingListPage {
        let years = YearPicker.make(req, url: .committee(.meetings))
        let year = years.selected
        let rules = try CommitteeRules(policy: req.policies(year: year).current)
        let meetings = try await CommitteeMeeting.query(on: req.db).filter(\.$year == year).with(\.$committee).sort(\.$heldOn).all()
        let committees = try await ReviewCommitteeRecord.query(on: req.db).filter(\.$year == year).sort(\.$tier).all()
        return MeetingListPage(
            chrome: PageChrome(req: req, title: "评委会会议"), csrf: try await req.csrfToken(), errors: errors, year: year,
            meetings: meetings.map { m in
                Meeting(id: m.id!, heldOn: m.heldOn, committee: m.committee?.name ?? "（未指定评委会）",
                        state: m.isClosed ? "已表决" : m.votingStarted ? "表决中" : "筹备中")
            },
            committees: committees.map { Choice(value: $0.id!.uuidString, label: "\($0.tierValue.label)：\($0.name)") },
            rules: rules, typed: typed, years: years)
    }

    func render() -> HTML {
        CommitteeUI.page(chrome, [
            CommitteeUI.officeMenu(), years.node, CommitteeUI.errors(errors),
            CommitteeUI.table(["会议日期", "评委会", "状态"], meetings.map { m in
                [.a(.href(SiteURL.committee(.meeting(.value(m.id), nil)).path), .text(m.heldOn)), .text(m.committee), .text(m.state)]
            }, id: "meetings", empty: "\(year)年度尚未召开评委会会议。"),
            CommitteeUI.section("召开会议", id: "new-meeting", [
                .p(.text("会议由一个评委会召开，成员即该评委会的全体成员：中级评委会表决答辩完毕的工程师，初级评委会表决已量化赋分并提交评议的助理工程师、技术员。"
                         + "出席人数不少于成员的\(rules.quorum)、主任委员或副主任委员主持方可开始表决；开始表决后出席登记不再更改；"
                         + "同意票达到出席且未回避成员的\(rules.passShare)为通过（《职称评审管理暂行规定》）。会议日期须在\(year)年度内。")),
                .if(committees.isEmpty, .p(.class("muted"), .text("请先在“评委会组成”中组建评委会。"),
                                          .a(.href(SiteURL.committee(.committees).path), .text("评委会组成")))),
                CommitteeUI.form(CommitteeUI.action(.committee(.meetings), years), csrf: csrf, [
                    .selectField("committeeID", label: "评委会", choices: committees, selected: typed["committeeID"], required: true),
                    .textField("heldOn", label: "会议日期", value: typed["heldOn"], type: "date", required: true),
                ], submit: "创建会议"),
            ]),
        ])
    }
}
