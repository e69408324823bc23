import Domain
import Fluent
import Vapor

/// Builds the rows of 评审成绩排名 (the page, its CSV and the committee's export
/// read the same rows): engineers ranked within their closed defense panel by the
/// review score (答辩×30% + 量化×70%), assistant engineers and technicians within
/// their specialty and level by the quantitative score.
struct RankingsBuilder {
    struct Row: Sendable {
        var group: String
        var rank: Int
        var name: String
        var unit: String
        var level: String
        var defense: String
        var grade: String
        var quantitative: String
        var review: String
    }

    let req: Request

    /// Per specialty group: engineers graded by their panel, juniors by quantitative score.
    func rows() async throws -> [Row] {
        let rules = try CommitteeData.rules(req)
        var out: [Row] = []
        let panels = try await DefensePanel.query(on: req.db).filter(\.$year == req.policies.current.applicationDate.year)
            .sort(\.$specialty).all()
        for p in panels {
            let snap = try await PanelSnapshot.load(p, on: req.db)
            guard p.isClosed else { continue }
            let graded = snap.graded(rules: rules)
            for g in graded.applicants {
                guard let slot = snap.slots.first(where: { $0.$application.id.uuidString == g.applicant }) else { continue }
                out.append(Row(group: "\(p.specialty)（工程师）", rank: g.rank, name: slot.application.applicant.realName,
                               unit: slot.application.unit.name, level: "工程师", defense: g.defenseScore.description,
                               grade: g.grade.label, quantitative: g.quantitative?.description ?? "",
                               review: g.reviewScore?.description ?? ""))
            }
        }
        let juniors = try await QuantitativeController.applications(req).filter { $0.level != .engineer }
        let q = try await CommitteeData.quantitative(for: juniors.map { $0.id! }, on: req.db)
        for (group, apps) in Dictionary(grouping: juniors, by: { "\($0.specialty)（\(CommitteeUI.levelLabel($0.targetLevel))）" }).sorted(by: { $0.key < $1.key }) {
            let scored = apps.compactMap { a in q[a.id!].map { (a, DefenseWeights.juniorReviewScore(quantitative: $0)) } }
                .sorted { $0.1 > $1.1 }
            let ranks = DefenseGrading.ranks(scored.map(\.1))
            for (i, (a, s)) in scored.enumerated() {
                out.append(Row(group: group, rank: ranks[i], name: a.applicant.realName, unit: a.unit.name,
                               level: CommitteeUI.levelLabel(a.targetLevel), defense: "", grade: "",
                               quantitative: q[a.id!]!.description, review: s.description))
            }
        }
        return out
    }
}
