import Domain
import Fluent
import Vapor

/// The queries behind a panel expert's scoring page (`ExpertPanelPage`): the panel
/// with its slots and scores, the applicants this expert may see (each passes
/// `AccessPolicy`: recusal), their chosen defense material and questions, the
/// expert's own scores, and the grades once the lead has closed the panel.
enum ExpertPanelPageBuilder {
    static func build(_ req: Request, panel: DefensePanel, member: DefensePanelMember, expert: Expert,
                      errors: [String: String], typed: [String: String]) async throws -> ExpertPanelPage {
        let csrf = try await req.csrfToken()
        let snap = try await PanelSnapshot.load(panel, on: req.db)
        let graded = snap.graded(rules: try CommitteeData.rules(req))
        let mine = Dictionary(snap.scores.filter { $0.$expert.id == expert.id! }.map { ($0.$application.id, $0) },
                              uniquingKeysWith: { a, _ in a })
        var applicants: [ExpertPanelPage.Applicant] = []
        for slot in snap.slots {
            let facts = try await CommitteeData.panelSeat(application: slot.application, panelID: panel.id!, on: req.db)
            guard AccessPolicy.decide(req.actor, .scoreDefense, .committeeSeat(facts)).isAllowed else { continue }
            // Material and questions only for applicants that passed the recusal check.
            let id = slot.application.id!
            applicants.append(.init(
                slot: slot, own: mine[id], result: graded.applicant(id.uuidString),
                material: try await DefenseMaterial.load(for: slot.application, on: req.db),
                assigned: try await QuestionBank.assigned(applicationID: id, on: req.db)))
        }
        return ExpertPanelPage(
            chrome: PageChrome(req: req, title: "\(panel.specialty)评审组"), csrf: csrf, panel: panel, isLead: member.isLead,
            applicants: applicants, bank: try await QuestionBank.questions(year: panel.year, specialty: panel.specialty, on: req.db),
            errors: errors, typed: typed, materialsWeight: DefenseWeightsText.materials(req),
            onsiteWeight: DefenseWeightsText.onsite(req), gradeRatioText: req.policies.year.gradeRatioText,
            conflictReasonMaxLength: ExpertPanelController.conflictReasonMaxLength)
    }
}
