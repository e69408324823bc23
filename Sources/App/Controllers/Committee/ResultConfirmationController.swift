import Domain
import Fluent
import SQLKit
import Vapor

/// 审核确认 (the city HR bureau): each result list, once its publicity is over with no
/// objection open, is confirmed once. Page: `ResultConfirmationPage`.
struct ResultConfirmationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.resultsConfirmation, use: confirmationList).requires(.confirmResults).cachesPage()
        routes.post(.confirmResults(.pattern), use: confirm).requires(.confirmResults)
    }

    @Sendable func confirmationList(req: Request) async throws -> Response {
        try await ResultConfirmationPage.load(req, errors: []).render().response()
    }

    /// The city HR bureau confirms one list, once its publicity is over with no objection open.
    /// Recorded on the publicity by a conditional update, so two clicks confirm once.
    @Sendable func confirm(req: Request) async throws -> Response {
        // A list of any known year may be confirmed (a 2022 list after 2023 has opened): it is
        // judged by its own publicity's dates, and the page comes back in its year.
        guard let id = req.parameters.get("publicityID", as: UUID.self), let p = try await ResultPublicity.find(id, on: req.db),
              req.application.policyRegistry.store(year: p.year) != nil else { throw PageError.notFound }
        func refused(_ message: String) async throws -> Response {
            try await req.audit(req.auditEntry("result.confirm", objectType: "result_publicity", objectID: id.uuidString,
                                               outcome: .failure, detail: message))
            return try await ResultConfirmationPage.load(req, errors: [message], year: p.year).render().response(status: .unprocessableEntity)
        }
        if let on = p.confirmedOn { return try await refused("该名单已于\(LocalDate(iso: on)?.chinese ?? on)审核确认") }
        guard let ends = LocalDate(iso: p.ends), req.today > ends else {
            return try await refused("公示期至\(LocalDate(iso: p.ends)?.chinese ?? p.ends)结束，公示期满后方可审核确认")
        }
        let open = try await ResultRules.openObjections(p.applicationIDs, on: req.db)
        if !open.isEmpty {
            let names = try await ApplicationRecord.query(on: req.db).filter(\.$id ~~ Array(open)).with(\.$applicant).all()
                .map(\.applicant.realName).sorted().joined(separator: "、")
            return try await refused("\(names)的公示异议尚未办结，办结后方可审核确认")
        }
        guard let user = req.currentUser else { throw PageError.signInRequired(expired: false) }
        let today = req.today.iso, count = p.applicationIDs.count
        let audit = req.auditEntry("result.confirm", objectType: "result_publicity", objectID: id.uuidString, detail: "\(p.starts)..\(p.ends) \(count)")
        let confirmed = try await req.transaction { db -> Bool in
            guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
            let rows = try await sql.update(ResultPublicity.schema).set("confirmed_on", to: today).set("confirmed_by", to: user.id!)
                .set("confirmed_by_name", to: user.realName).where("id", .equal, id).where("confirmed_on", .is, SQLLiteral.null)
                .returning("id").all()
            guard !rows.isEmpty else { return false }
            try await AuditLog.append(audit, on: db)
            return true
        }
        guard confirmed else { return try await refused("该名单已审核确认") }
        return req.redirect(to: CommitteeYear.path(req, .resultsConfirmation, year: p.year, notice: "saved"))
    }
}
