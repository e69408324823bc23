import Domain
import Fluent
import Vapor

/// Builds the rows of 评审成绩排名 (the page, its CSV and the committee's export read the
/// same rows): within each committee and level, by the review score, highest first
/// (scoring contract: engineers' review score = defense × 30% + quantitative × 70%, the
/// grade given by their closed panel; juniors have no defense, their review score is the
/// quantitative score, rule 6). Equal scores share a rank (1, 2, 2, 4). Anyone cancelled
/// for false materials (十（二））is left out; an applicant without a review score yet is
/// listed after the ranked ones, unranked.
struct RankingsBuilder {
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

    let req: Request

    /// One candidate before ranking: the score it is ranked by, and its row.
    private struct Entry {
        var level: TargetLevel
        var score: Hundredths?
        var row: Row
    }

    func rows() async throws -> [Row] {
        let rules = try CommitteeData.rules(req)
        let year = req.policies.current.applicationDate.year
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
        let juniors = try await QuantitativeController.applications(req).filter { $0.level != .engineer }
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
