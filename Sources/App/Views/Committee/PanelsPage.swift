import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// 评审组与答辩安排 (the committee office): the year's panels with how many
/// defend before each, the engineers still waiting for a panel, and drawing a new
/// panel.
struct PanelsPage {
    struct Panel: Sendable {
        var id: UUID
        var specialty: String
        var room: String
        var defending: Int
        var isClosed: Bool
    }

    struct Waiting: Sendable {
        var applicant: String
        var specialty: String
        var unit: String
    }

    var chrome: PageChrome
    var csrf: String
    var errors: [String]
    var panels: [Panel]
    var waiting: [Waiting]
    /// The specialties with engineers waiting, for the draw.
    var groups: [String]
    /// Experts per panel (the year's `defensePanelSize`).
    var panelSize: Int
    /// The review year shown (`?year=`, the year in use by default).
    var years: YearPicker

    /// Two statements whatever the number of panels and people (issue 18): the panels with the
    /// number defending before each counted in the database, and the engineers waiting with
    /// what the copy-ratio rule reads, never whole declarations.
    static func load(_ req: Request, errors: [String] = []) async throws -> PanelsPage {
        let years = YearPicker.make(req, url: .committee(.panels))
        let year = years.selected, store = try req.policies(year: year)
        let panels = try await DefensePanel.listRows(year: year, on: req.db)
        let waiting = try await ApplicationRecord.waitingRows(year: year, rule: CopyRatioRule(store.year), on: req.db)
        return PanelsPage(
            chrome: PageChrome(req: req, title: "评审组与答辩安排"), csrf: try await req.csrfToken(), errors: errors,
            panels: panels.map { p in
                PanelsPage.Panel(id: p.id, specialty: p.specialty, room: p.room, defending: p.defending, isClosed: p.isClosed)
            },
            waiting: waiting.map { .init(applicant: $0.name, specialty: $0.specialty, unit: $0.unit) },
            groups: Array(Set(waiting.map(\.specialty))).sorted(),
            panelSize: try CommitteeData.integer(req, "defensePanelSize", year: year), years: years)
    }

    func render() -> HTML {
        CommitteeUI.page(chrome, [
            CommitteeUI.officeMenu(), years.node, CommitteeUI.errors(errors),
            CommitteeUI.table(["评审组", "答辩地点", "答辩人数", "状态"], panels.map { p in
                [.a(.href(SiteURL.committee(.panel(.value(p.id), nil)).path), .text("\(p.specialty)评审组")), .text(p.room),
                 .text("\(p.defending)人"), .text(p.isClosed ? "已结束评分" : "评分中")]
            }, id: "panels", empty: "\(years.selected)年度尚未抽取评审组。"),
            CommitteeUI.section("待安排答辩的工程师（已受理）", id: "waiting", [
                CommitteeUI.table(["申报人", "申报专业", "工作单位"], waiting.map {
                    [.text($0.applicant), .text($0.specialty), .text($0.unit)]
                }, empty: "暂无待安排答辩的申报。")]),
            CommitteeUI.section("抽取评审组", id: "draw", [
                .p(.text("按专业从专家库中随机抽取\(panelSize)名在任专家（人数见年度政策参数 defensePanelSize）；与本组申报人同一工作单位、本人或申报人申请回避、办公室指定回避的专家不参加抽取，原因记录在案。第一位为组长。")),
                CommitteeUI.form(CommitteeUI.action(.committee(.panels), years), csrf: csrf, [
                    .selectField("specialty", label: "专业组", choices: groups.map { Choice(value: $0, label: $0) },
                                 selected: nil, required: true),
                    .textField("room", label: "答辩地点", required: true, maxLength: 60),
                    .textField("seed", label: "随机种子（可不填，由系统生成并记录）", maxLength: 20),
                ], submit: "抽取"),
            ]),
        ])
    }
}
