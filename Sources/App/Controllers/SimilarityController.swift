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
        routes.get(.committee(.similarity), use: list).requires(.checkSimilarity)
        routes.post(.committee(.similarityJobs), use: start).requires(.checkSimilarity)
        routes.get(.committee(.similarityReport(.pattern)), use: report).requires(.checkSimilarity)
        routes.post(.committee(.similarityExternal(.pattern)), use: external).requires(.checkSimilarity)
        routes.post(.committee(.similarityDecision(.pattern)), use: decide).requires(.checkSimilarity)
    }

    /// The review year shown and checked: `?year=` when known, else the year in use.
    private func yearPicker(_ req: Request) -> YearPicker { YearPicker.make(req, url: .committee(.similarity)) }
    /// That year's bundle (the picker only offers years the registry holds).
    private func store(_ req: Request, year: Int) -> PolicyStore { req.application.policyRegistry.store(year: year) ?? req.policies }
    /// The rule an application is judged by: its own bundle's.
    private func copyRule(_ req: Request, _ app: ApplicationRecord) throws -> CopyRatioRule { CopyRatioRule(try req.policies(for: app).year) }

    private static func stateLabel(_ state: String) -> String {
        switch SimilarityJob.State(rawValue: state) {
        case .queued: "排队中"
        case .running: "进行中"
        case .done: "已完成"
        case .failed: "出错"
        case nil: state
        }
    }

    private static func time(_ seconds: Double?) -> String {
        seconds.map { BeijingTime.text(Date(timeIntervalSince1970: $0)) } ?? ""
    }

    // MARK: the office's page

    @Sendable func list(req: Request) async throws -> Response {
        try await renderList(req, errors: [], status: .ok)
    }

    private func renderList(_ req: Request, errors: [String], status: HTTPResponseStatus) async throws -> Response {
        let picker = yearPicker(req), year = picker.selected, yearStore = store(req, year: year)
        let rule = CopyRatioRule(yearStore.year)
        let jobs = try await SimilarityJob.query(on: req.db).filter(\.$year == year).sort(\.$requestedAt, .descending).range(..<20).all()
        let applications = try await ApplicationRecord.query(on: req.db).filter(\.$year == year)
            .filter(\.$state ~~ SimilarityRecords.acceptedStates.map(\.rawValue)).with(\.$applicant).with(\.$unit)
            .sort(\.$specialty).all()
        let ids = applications.compactMap(\.id)
        let results = try await SimilarityRecords.latestResults(for: ids, on: req.db)
        let reviews = try await SimilarityRecords.reviews(for: ids, on: req.db)
        let corpus = try await PaperText.query(on: req.db).filter(\.$source == PaperText.Source.corpus.rawValue)
            .filter(\.$error == nil).count()
        var rows: [SimilarityJobsPage.Row] = []
        for app in applications {
            let id = app.id!
            let admission = try SimilarityRecords.admission(rule, result: results[id], review: reviews[id])
            let ours: String
            if let r = results[id] { ours = r.error == nil ? DefenseAdmission.percent(r.ratio) : "无法检测" } else { ours = "尚未检测" }
            rows.append(.init(id: id, applicant: app.applicant.realName, unit: app.unit.name, specialty: app.specialty,
                              ours: ours, external: reviews[id]?.externalRatio.map(DefenseAdmission.percent) ?? "未录入",
                              status: admission.label, flagged: !admission.admitsDefense))
        }
        let page = SimilarityJobsPage(
            chrome: PageChrome(req: req, title: "论文查重"), csrf: try await req.csrfToken(), picker: picker,
            rule: yearStore.year.copyRatioRule,
            jobs: jobs.map { j in
                .init(state: Self.stateLabel(j.state), progress: j.stateValue == .queued ? "等待开始" : "\(j.done) / \(j.total)",
                      requested: Self.time(j.requestedAt), finished: Self.time(j.finishedAt), error: j.error)
            },
            active: jobs.contains { $0.stateValue == .queued || $0.stateValue == .running },
            corpusCount: corpus, rows: rows, errors: errors)
        return page.render().response(status: status)
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

    /// How a source is named on the report: the office may see other applicants' names.
    private func sourceLabel(_ text: PaperText, of owner: ApplicationRecord?, year: Int) -> (kind: String, title: String) {
        if text.source == PaperText.Source.corpus.rawValue {
            return ("参考文献库", text.name + (text.year.map { "（\($0)年）" } ?? ""))
        }
        let who = owner?.applicant.realName ?? "已删除的申报"
        if let y = text.year, y < year { return ("\(y)年度送审论文", "\(who)：\(text.name)") }
        return ("本年度其他申报人", "\(who)：\(text.name)")
    }

    private func renderReport(_ req: Request, _ app: ApplicationRecord, errors: [String], status: HTTPResponseStatus,
                              externalValue: String? = nil, reasonValue: String = "") async throws -> Response {
        let id = try app.requireID()
        let result = try await SimilarityRecords.latestResults(for: [id], on: req.db)[id]
        let review = try await SimilarityRecords.reviews(for: [id], on: req.db)[id]
        let rule = try copyRule(req, app)
        let admission = try SimilarityRecords.admission(rule, result: result, review: review)
        let stored = try result?.sources() ?? []
        var sources: [SimilarityReportPage.Source] = []
        var paperPieces: [(String, Bool)] = []
        if let result, let paperID = result.paperTextID, let paper = try await PaperText.find(paperID, on: req.db) {
            let paperText = HighlightedText(paper.text)
            let texts = try await PaperText.query(on: req.db).filter(\.$id ~~ stored.map(\.text)).all()
            let byID = Dictionary(texts.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
            let ownerIDs = texts.compactMap { $0.$application.id }
            let owners = ownerIDs.isEmpty ? [] : try await ApplicationRecord.query(on: req.db).filter(\.$id ~~ ownerIDs).with(\.$applicant).all()
            let ownerByID = Dictionary(owners.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
            let limit = 40
            for s in stored {
                guard let text = byID[s.text] else { continue }
                let label = sourceLabel(text, of: text.$application.id.flatMap { ownerByID[$0] }, year: app.year)
                let sourceText = HighlightedText(text.text)
                let passages = s.matches.prefix(limit).compactMap { m -> SimilarityReportPage.Passage? in
                    guard m.count == 4, let p = paperText.excerpt(m[0], m[1]), let q = sourceText.excerpt(m[2], m[3]) else { return nil }
                    return .init(paper: p, source: q)
                }
                sources.append(.init(kind: label.kind, title: label.title, ratio: DefenseAdmission.percent(s.ratio),
                                     passages: passages, omitted: max(0, s.matches.count - limit)))
            }
            paperPieces = paperText.pieces(marking: stored.flatMap { $0.matches.compactMap { $0.count == 4 ? ($0[0], $0[1]) : nil } })
        }
        var reasons: [String] = []
        var decision: String?
        switch admission {
        case .exceeded(let why): reasons = why
        case .pending(let why): reasons = [why]
        case .barred(let reason): decision = "已确认不予参加答辩：\(reason)"
        case .overridden(let reason): decision = "已复核，准予参加答辩：\(reason)"
        case .admitted: break
        }
        // A decision the current ratios have outgrown stays on the page with its reason.
        if case .exceeded = admission, let review, let old = try review.decisionValue() {
            decision = "此前的\(old == .override ? "准予参加答辩" : "不予参加答辩")决定（\(review.reason)）针对的是："
                + (review.decidedOnLines ?? []).joined(separator: "；") + "；现有新的超限结果，须重新确认或复核"
        }
        let page = SimilarityReportPage(
            chrome: PageChrome(req: req, title: "查重报告：\(app.applicant.realName)"), csrf: try await req.csrfToken(),
            applicationID: id, applicant: app.applicant.realName, unit: app.unit.name, specialty: app.specialty,
            rule: try req.policies(for: app).year.copyRatioRule,
            checked: result.map { BeijingTime.text(Date(timeIntervalSince1970: $0.checkedAt)) },
            ours: result.flatMap { $0.error == nil ? DefenseAdmission.percent($0.ratio) : nil },
            characters: result?.characters ?? 0, problem: result?.error,
            external: review?.externalRatio.map(DefenseAdmission.percent),
            externalValue: externalValue ?? review?.externalRatio.map { Self.plainPercent($0) } ?? "",
            status: admission.label, reasons: reasons, decision: decision, flagged: admission.isFlagged,
            blocked: !admission.admitsDefense,
            sources: sources, paper: paperPieces, errors: errors, reasonValue: reasonValue)
        return page.render().response(status: status)
    }

    /// 0.235 → "23.5" for the form field.
    private static func plainPercent(_ fraction: Double) -> String {
        let text = DefenseAdmission.percent(fraction)
        return String(text.dropLast())
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
