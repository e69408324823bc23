import Domain
import Fluent
import Vapor

/// Builds the panels page's model (`PanelsPage`). The number defending before
/// each panel comes from one query over all the year's panels, not one per panel.
struct PanelsPageBuilder {
    let req: Request

    func page(errors: [String]) async throws -> PanelsPage {
        let year = req.policies.current.applicationDate.year
        let panels = try await DefensePanel.query(on: req.db).filter(\.$year == year).sort(\.$createdAt).all()
        let panelIDs = panels.compactMap(\.id)
        let slots = panelIDs.isEmpty ? [] : try await DefenseSlot.query(on: req.db).filter(\.$panel.$id ~~ panelIDs).all()
        let defending = Dictionary(grouping: slots, by: { $0.$panel.id }).mapValues(\.count)
        let waiting = try await PanelsController.waiting(req.db, year: year, copyRule: CopyRatioRule(req.policies.year))
        return PanelsPage(
            chrome: PageChrome(req: req, title: "评审组与答辩安排"), csrf: try await req.csrfToken(), errors: errors,
            panels: panels.map { p in
                PanelsPage.Panel(id: p.id!, specialty: p.specialty, room: p.room, defending: defending[p.id!] ?? 0,
                                 isClosed: p.isClosed)
            },
            waiting: waiting.map { .init(applicant: $0.applicant.realName, specialty: $0.specialty, unit: $0.unit.name) },
            groups: Array(Set(waiting.map(\.specialty))).sorted(),
            panelSize: try CommitteeData.integer(req, "defensePanelSize"))
    }
}
