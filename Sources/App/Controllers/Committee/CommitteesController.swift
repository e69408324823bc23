import Domain
import Fluent
import Vapor

/// 评委会组成: the office forms the year's 中级评委会 and 初级评委会 from the expert pool.
struct CommitteesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.committee(.committees), use: show).requires(.manageCommittee).cachesPage()
        routes.post(.committee(.committees), use: save).requires(.manageCommittee)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await CommitteesPage.load(req).render().response()
    }

    @Sendable func save(req: Request) async throws -> Response {
        // The year shown on the page the form was sent from, formed by that year's rules;
        // a year not under review yet is refused.
        let year = YearPicker.make(req, url: .committee(.committees)).selected
        let typed = CommitteeFormation.typed(req)
        if let refusal = try CommitteeYear.creationRefusal(req, year: year, what: "组建评委会") {
            try await req.audit(req.auditEntry("committee.form", objectType: "committee", outcome: .denied, detail: "year \(year) not open"))
            return try await CommitteesPage.load(req, errors: [refusal], typed: typed).render().response(status: .unprocessableEntity)
        }
        let rules = try CommitteeRules(policy: req.policies(year: year).current)
        let pool = try await CommitteeData.activePool(on: req.db, today: req.today)
        switch CommitteeFormation.parse(req, pool: pool, rules: rules, year: year) {
        case .failure(let failure):
            let problems = failure.messages
            try await req.audit(req.auditEntry("committee.form", objectType: "committee", outcome: .denied,
                                               detail: problems.joined(separator: "；").prefix(200).description))
            return try await CommitteesPage.load(req, errors: problems, typed: typed).render().response(status: .unprocessableEntity)
        case .success(let input):
            if let refusal = try await CommitteeFormation.save(req, input, year: year) {
                try await req.audit(req.auditEntry("committee.form", objectType: "committee", outcome: .denied, detail: refusal))
                return try await CommitteesPage.load(req, errors: [refusal], typed: typed).render().response(status: .unprocessableEntity)
            }
            return req.redirect(to: CommitteeYear.path(req, .committee(.committees), year: year, notice: "saved"))
        }
    }
}
