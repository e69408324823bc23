import Domain
import Fluent
import Vapor

/// 收到的申报: the declarations that reached the actor's desk — their unit's
/// submitted ones for a unit clerk, every submitted one for the committee
/// office. Lists are a classic side path for leaks, so each row is checked
/// with the same rule as opening it. One review year at a time (`?year=`, the year
/// in use by default): a year's declarations stay listed after the next year opens.
struct ReceivedApplicationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.receivedApplications, use: list).requires(.listApplications).cachesPage()
    }

    @Sendable func list(req: Request) async throws -> Response {
        let actor = req.actor!
        let picker = YearPicker.make(req, url: .receivedApplications)
        var query = ApplicationRecord.query(on: req.db).filter(\.$state != ApplicationState.draft.rawValue)
            .filter(\.$year == picker.selected)
            .with(\.$applicant).with(\.$unit).sort(\.$submittedAt, .descending)
        if actor.role == .unitClerk { query = query.filter(\.$unit.$id == actor.organizationID) }
        let rows = try await query.all()
            .filter { AccessPolicy.decide(actor, .viewApplication, .application(try $0.facts())).isAllowed }
            .map { record in
                ReceivedApplicationsPage.Row(
                    path: DeclarationURL(id: record.id!).overview, progress: DeclarationURL(id: record.id!).progress, applicant: record.applicant.realName,
                    level: BasicsForm.levels.first { $0.code == record.targetLevel }?.label ?? record.targetLevel,
                    specialty: record.specialty, unit: record.unit.name, state: record.stateValue.label,
                    submittedAt: record.submittedAt.map { BeijingTime.text($0) } ?? "—")
            }
        return ReceivedApplicationsPage(chrome: PageChrome(req: req, title: "收到的申报"),
                                        showUnit: actor.role != .unitClerk, rows: rows, queue: SiteURL.reviews.path,
                                        years: picker).render().response()
    }
}
