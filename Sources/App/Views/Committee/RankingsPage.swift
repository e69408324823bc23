import Domain
import Exports
import Fluent
import Plot
import Vapor

/// 评审成绩排名 (the committee office). The page, its CSV and the committee's export read
/// the same rows: within each committee and level, by the review score, highest first
/// (scoring contract: engineers' review score = defense × 30% + quantitative × 70%, the
/// grade given by their closed panel; juniors have no defense, their review score is the
/// quantitative score, rule 6). Equal scores share a rank (1, 2, 2, 4). Anyone cancelled
/// for false materials (十（二））is left out; an applicant without a review score yet is
/// listed after the ranked ones, unranked.
struct RankingsPage {
    struct Row: Sendable {
        var group: String
        /// nil until the applicant has a review score.
        var rank: Int?
        var name: String
        var unit: String
        var level: String
        var defense: String
        var grade: String
        var quantitative: String
        var review: String

        var rankText: String { rank.map(String.init) ?? "—" }
    }

    var chrome: PageChrome
    var rows: [Row]
    /// The review year ranked (`?year=`, the year in use by default), by its own bundle's weights.
    var years: YearPicker

    static func load(_ req: Request) async throws -> RankingsPage {
        let years = YearPicker.make(req, url: .committee(.rankings))
        return RankingsPage(chrome: PageChrome(req: req, title: "评审成绩排名"), rows: try await rows(req, year: years.selected), years: years)
    }

    func render() -> HTML {
        CommitteeUI.page(chrome, [
            CommitteeUI.officeMenu(), years.node,
            .p(.text("按评委会和级别分组，组内按评审成绩从高到低排名（成绩相同名次相同）。工程师：评审成绩 = 答辩成绩×30% + 量化赋分×70%（年度政策参数）；助理工程师、技术员不答辩，评审成绩即量化赋分。评审组结束评分后列入；尚无评审成绩的列在组末，不排名。"),
               .a(.href(CommitteeUI.action(.committee(.rankingsCSV), years)), .text("导出 CSV"))),
            CommitteeUI.table(["评委会与级别", "名次", "姓名", "工作单位", "答辩成绩", "等次", "量化赋分", "评审成绩"], rows.map { r in
                [.text(r.group), .text(r.rankText), .text(r.name), .text(r.unit), .text(r.defense), .text(r.grade),
                 .text(r.quantitative), .text(r.review)]
            }, id: "rankings", empty: "\(years.selected)年度暂无评审成绩。"),
        ])
    }

    /// The rows as a download (the page's CSV and the committee's export): numbers as numbers.
    static func exportTable(_ rows: [Row], title: String) -> ExportTable {
        ExportTable(title: title, headers: ["评委会与级别", "名次", "姓名", "工作单位", "级别", "答辩成绩", "等次", "量化赋分", "评审成绩"],
                    rows: rows.map { r in
                        [.text(r.group), r.rank.map { .number(String($0)) } ?? .text("—"), .text(r.name), .text(r.unit), .text(r.level),
                         r.defense.isEmpty ? .text("") : .number(r.defense), .text(r.grade),
                         r.quantitative.isEmpty ? .text("") : .number(r.quantitative),
                         r.review.isEmpty ? .text("") : .number(r.review)]
                    })
    }

    /// One candidate before ranking: the score it is ranked by, and its row.
    private struct Entry {
        var level: TargetLevel
        var score: Hundredths?
        var row: Row
    }

    /// `year`: the review year ranked (issue 19 item 2); nil, the year in use. Its own
    /// bundle's weights apply, so a year's review scores never move when the next opens.
    static func rows(_ req: Request, year asked: Int? = nil) async throws -> [Row] {
        let store = asked.flatMap { req.application.policyRegistry.store(year: $0) } ?? req.policies
        let rules = try DefenseRules(policy: store.current)
        let year = store.year.year
        var entries: [Entry] = []
        // Engineers: graded by their closed panel (grades are the panel's, 3:6:1 among its applicants).
        let panels = try await DefensePanel.query(on: req.db).filter(\.$year == year).sort(\.$specialty).all()
        for p in panels where p.isClosed {
            let snap = try await PanelSnapshot.load(p, on: req.db)
            let withdrawn = try await ResultRules.withdrawn(snap.slots.map { $0.$application.id }, on: req.db)
            for g in snap.graded(rules: rules).applicants {
                guard let slot = snap.slots.first(where: { $0.$application.id.uuidString == g.applicant }),
                      !withdrawn.contains(slot.$application.id) else { continue }
                let a = slot.application
                entries.append(Entry(level: .engineer, score: g.reviewScore, row: Row(
                    group: "", rank: nil, name: a.applicant.realName, unit: a.unit.name, level: CommitteeUI.levelLabel(a.targetLevel),
                    defense: g.defenseScore.description, grade: g.grade.label, quantitative: g.quantitative?.description ?? "",
                    review: g.reviewScore?.description ?? "")))
            }
        }
        // Juniors: no defense; review score = quantitative score.
        let juniors = try await ApplicationRecord.atCommitteeStage(year: year, on: req.db).filter { $0.level != .engineer }
        let withdrawn = try await ResultRules.withdrawn(juniors.map { $0.id! }, on: req.db)
        let q = try await CommitteeData.quantitative(for: juniors.map { $0.id! }, on: req.db)
        for a in juniors where !withdrawn.contains(a.id!) {
            let score = q[a.id!].map { DefenseWeights.juniorReviewScore(quantitative: $0) }
            entries.append(Entry(level: a.level, score: score, row: Row(
                group: "", rank: nil, name: a.applicant.realName, unit: a.unit.name, level: CommitteeUI.levelLabel(a.targetLevel),
                defense: "", grade: "", quantitative: q[a.id!]?.description ?? "", review: score?.description ?? "")))
        }
        var out: [Row] = []
        for level in [TargetLevel.engineer, .assistantEngineer, .technician] {
            let group = Self.groupName(level)
            let members = entries.filter { $0.level == level }
            // Stable: equal scores keep the panels' / specialties' order.
            let scored = members.filter { $0.score != nil }.enumerated()
                .sorted { ($0.element.score!, -$0.offset) > ($1.element.score!, -$1.offset) }.map(\.element)
            let ranks = DefenseGrading.ranks(scored.map { $0.score! })
            for (i, e) in scored.enumerated() {
                var row = e.row
                row.group = group
                row.rank = ranks[i]
                out.append(row)
            }
            for e in members where e.score == nil {
                var row = e.row
                row.group = group
                out.append(row)
            }
        }
        return out
    }

    /// The committee that decides the level and the level: 中级评委会（工程师）,
    /// 初级评委会（助理工程师）, 初级评委会（技术员） (四（三）).
    static func groupName(_ level: TargetLevel) -> String {
        "\(CommitteeTier.of(level).label)（\(CommitteeUI.levelLabel(level.jsonName))）"
    }
}
