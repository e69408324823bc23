import Domain
import Fluent
import Foundation
import Vapor

/// 论文查重 (七.1) in the application, for the committee office only: start the check
/// of the year's accepted applications (a job the background worker runs), follow it,
/// read each application's report, enter the external report's ratio, and confirm or
/// override the "not admitted to the defense" flag with a recorded reason. Papers'
/// texts are shown here and nowhere else: no applicant sees another's text.
/// The list and its jobs belong to a review year (`YearPicker`, the year in use by
/// default); an application's report and decisions read the copy-ratio rule of the
/// bundle it was declared under, whatever year is in use.
struct SimilarityController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.committee(.similarity), use: list).requires(.checkSimilarity).cachesPage()
        routes.post(.committee(.similarityJobs), use: start).requires(.checkSimilarity)
        routes.get(.committee(.similarityReport(.pattern)), use: report).requires(.checkSimilarity).cachesPage()
        routes.post(.committee(.similarityExternal(.pattern)), use: external).requires(.checkSimilarity)
        routes.post(.committee(.similarityDecision(.pattern)), use: decide).requires(.checkSimilarity)
    }

    /// The review year shown and checked: `?year=` when known, else the year in use.
    private func yearPicker(_ req: Request) -> YearPicker { YearPicker.make(req, url: .committee(.similarity)) }
    /// The rule an application is judged by: its own bundle's.
    private func copyRule(_ req: Request, _ app: ApplicationRecord) throws -> CopyRatioRule { CopyRatioRule(try req.policies(for: app).year) }

    // MARK: the office's page

    @Sendable func list(req: Request) async throws -> Response {
        try await renderList(req, errors: [], status: .ok)
    }

    private func renderList(_ req: Request, errors: [String], status: HTTPResponseStatus) async throws -> Response {
        try await SimilarityJobsPage.load(req, errors: errors).render().response(status: status)
    }

    /// Checks the year the page showed (the form posts `?year=`): a year's accepted
    /// applications against each other, that year's and earlier years' papers.
    @Sendable func start(req: Request) async throws -> Response {
        let year = yearPicker(req).selected
        let job = SimilarityJob(year: year, requestedAt: req.clock.now(), requestedBy: req.currentUser?.id)
        let entry = req.auditEntry("similarity.start", objectType: "similarity_job", detail: "year \(year)")
        let started: Bool = try await req.transaction { db in
            let busy = try await SimilarityJob.query(on: db).filter(\.$year == year)
                .filter(\.$state ~~ [SimilarityJob.State.queued.rawValue, SimilarityJob.State.running.rawValue]).count()
            guard busy == 0 else { return false }
            try await job.create(on: db)
            try await AuditLog.append(entry, on: db)
            return true
        }
        guard started else { return try await renderList(req, errors: ["已有查重任务在进行，请等待其完成"], status: .conflict) }
        return req.redirect(to: SiteURL.committee(.similarity).path(query: ["notice": "saved", "year": String(year)], fragment: "jobs"))
    }

    // MARK: one application's report

    private func application(_ req: Request) async throws -> ApplicationRecord {
        guard let id = req.parameters.get("appID", as: UUID.self),
              let app = try await ApplicationRecord.query(on: req.db).filter(\.$id == id).with(\.$applicant).with(\.$unit).first(),
              SimilarityRecords.acceptedStates.contains(app.stateValue) else { throw PageError.notFound }
        return app
    }

    @Sendable func report(req: Request) async throws -> Response {
        try await renderReport(req, try await application(req), errors: [], status: .ok)
    }

    private func renderReport(_ req: Request, _ app: ApplicationRecord, errors: [String], status: HTTPResponseStatus,
                              externalValue: String? = nil, reasonValue: String = "") async throws -> Response {
        try await SimilarityReportPage.load(req, app, errors: errors, externalValue: externalValue, reasonValue: reasonValue)
            .render().response(status: status)
    }

    // MARK: the office's entries

    @Sendable func external(req: Request) async throws -> Response {
        let app = try await application(req)
        let raw = CommitteeData.field(req, "externalRatio")
        let ratio: Double
        switch CopyRatioRule.parsePercent(raw) {
        case .success(let value): ratio = value
        case .failure(let error):
            return try await renderReport(req, app, errors: [error.message], status: .unprocessableEntity,
                                          externalValue: String(raw.prefix(8)))
        }
        let id = try app.requireID()
        let entry = req.auditEntry("similarity.external", objectType: "application", objectID: id.uuidString,
                                   detail: "external ratio \(DefenseAdmission.percent(ratio))")
        let userID = req.currentUser?.id
        try await req.transaction { db in
            let review = try await SimilarityReview.query(on: db).filter(\.$application.$id == id).first() ?? SimilarityReview(applicationID: id)
            review.externalRatio = ratio
            review.$decidedBy.id = review.$decidedBy.id ?? userID
            try await review.save(on: db)
            try await AuditLog.append(entry, on: db)
        }
        return req.redirect(to: SiteURL.committee(.similarityReport(.value(id))).path(query: ["notice": "saved"]))
    }

    @Sendable func decide(req: Request) async throws -> Response {
        let app = try await application(req)
        let id = try app.requireID()
        let reason = CommitteeData.field(req, "reason")
        guard let decision = DefenseAdmission.Decision(rawValue: CommitteeData.field(req, "decision")) else {
            return try await renderReport(req, app, errors: ["请选择确认或复核准予"], status: .unprocessableEntity, reasonValue: reason)
        }
        // The form's maxlength, held on the server too: a longer reason is refused, never cut.
        guard !reason.isEmpty, reason.count <= SimilarityReportPage.reasonMaxLength else {
            return try await renderReport(req, app, errors: ["请填写理由（不超过\(SimilarityReportPage.reasonMaxLength)字，现为\(reason.count)字）"],
                                          status: .unprocessableEntity, reasonValue: reason)
        }
        let result = try await SimilarityRecords.latestResults(for: [id], on: req.db)[id]
        let current = try await SimilarityRecords.reviews(for: [id], on: req.db)[id]
        let rule = try copyRule(req, app)
        let before = try SimilarityRecords.admission(rule, result: result, review: current)
        let decidedOn = DefenseAdmission.exceededReasons(rule, ours: SimilarityRecords.ownCheck(result),
                                                         external: current?.externalRatio)
        guard before.isFlagged, !decidedOn.isEmpty else {
            return try await renderReport(req, app, errors: ["该申报的抄袭率未超过限值，无需确认或复核"], status: .unprocessableEntity)
        }
        let entry = req.auditEntry("similarity.\(decision.rawValue)", objectType: "application", objectID: id.uuidString,
                                   detail: reason + "（针对：" + decidedOn.joined(separator: "；") + "）")
        let userID = req.currentUser?.id
        try await req.transaction { db in
            let review = try await SimilarityReview.query(on: db).filter(\.$application.$id == id).first() ?? SimilarityReview(applicationID: id)
            review.decision = decision.rawValue
            review.decidedOn = decidedOn.joined(separator: "\n")
            review.reason = reason
            review.$decidedBy.id = userID
            try await review.save(on: db)
            try await AuditLog.append(entry, on: db)
        }
        return req.redirect(to: SiteURL.committee(.similarityReport(.value(id))).path(query: ["notice": "saved"]))
    }
}
