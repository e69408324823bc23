import Domain
import Fluent
import Vapor

/// The review score (评审成绩, 九) of the applications a committee deliberates on: for an
/// engineer from the grading of their closed panel (defense × 30% + quantitative × 70%,
/// the same `DefenseGrading` as the rankings and `title-review defense grade`), for an
/// assistant engineer or technician their quantitative score (scoring.md rule 6).
enum ReviewScores {
    static func load(_ applications: [ApplicationRecord], req: Request) async throws -> [UUID: Hundredths] {
        var out: [UUID: Hundredths] = [:]
        let juniors = applications.filter { !CommitteeTier.defends($0.level) }.compactMap(\.id)
        for (id, q) in try await CommitteeData.quantitative(for: juniors, on: req.db) {
            out[id] = DefenseWeights.juniorReviewScore(quantitative: q)
        }
        let engineers = applications.filter { CommitteeTier.defends($0.level) }.compactMap(\.id)
        guard !engineers.isEmpty else { return out }
        let slots = try await DefenseSlot.query(on: req.db).filter(\.$application.$id ~~ engineers).all()
        let panelIDs = Set(slots.map { $0.$panel.id })
        guard !panelIDs.isEmpty else { return out }
        // Oldest first, so an engineer re-defended before a new panel after a 复查 takes the
        // newest panel's score (the old panel and its scores stay as they were).
        for panel in try await DefensePanel.query(on: req.db).filter(\.$id ~~ Array(panelIDs)).sort(\.$createdAt).all() where panel.isClosed {
            // Each panel graded by its own year's bundle (issue 19), never the year in use.
            let graded = try await PanelSnapshot.load(panel, on: req.db).graded(rules: try CommitteeData.rules(req, year: panel.year))
            for g in graded.applicants {
                guard let id = UUID(uuidString: g.applicant), engineers.contains(id), let score = g.reviewScore else { continue }
                out[id] = score
            }
        }
        return out
    }
}
