import Domain
import Fluent
import Vapor

/// The applicant's declaration as a whole: start it, see where it stands,
/// sign the commitment, submit it to the employer or withdraw it.
struct ApplicationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.applications, use: mine).requires(.declare).cachesPage()
        routes.post(.applications, use: create).requires(.declare)
        routes.get(.application(.pattern, .overview), use: overview).requires(.viewApplication).cachesPage()
        routes.get(.application(.pattern, .commitment), use: commitmentPage).requires(.viewApplication).cachesPage()
        routes.post(.application(.pattern, .commitment), use: sign).requires(.editApplication)
        routes.post(.application(.pattern, .submit), use: submit).requires(.declare)
        routes.post(.application(.pattern, .withdraw), use: withdraw).requires(.declare)
    }

    /// 我的申报: the year's declaration, or the form to start one.
    @Sendable func mine(req: Request) async throws -> Response {
        let user = req.currentUser!
        let year = req.policies.current.applicationDate.year
        if let existing = try await ApplicationRecord.declaration(of: user.requireID(), year: year, on: req.db) {
            return req.redirect(to: DeclarationURL(id: existing.id!).overview)
        }
        // The quick check's answers arrive in the query (issue 8, item 9): the level and
        // track fill the form; the status answers travel on into the basic information.
        let raw = (try? req.query.decode([String: String].self)) ?? [:]
        var values: FieldValues = ["track": "regular"]
        for spec in BasicsForm.application { if let value = raw[spec.name], !value.isEmpty { values[spec.name] = value } }
        return try await startPage(req, values: values, errors: [:], carried: Self.carried(raw)).render().response()
    }

    /// The quick check's answers that are also fields of the basic information.
    static func carried(_ raw: [String: String]) -> FieldValues {
        let names = Set(BasicsForm.fields.map(\.name))
        return raw.filter { names.contains($0.key) && !$0.value.isEmpty }
    }

    private func startPage(_ req: Request, values: FieldValues, errors: [String: String], carried: FieldValues = [:],
                           existing: String? = nil) async throws -> ApplicationStartPage {
        try await ApplicationStartPage.load(req, values: values, errors: errors, carried: carried, existing: existing)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let user = req.currentUser!
        // 十（三）and the bundle's declaration period: outside it (and any reopening
        // for the unit) no declaration is started, whatever the form says.
        if try await req.declarationRefusal(.start, unitID: user.$organization.id) != nil {
            let values = FieldValidation.normalized(try req.content.decode([String: String].self), specs: BasicsForm.application)
            return try await startPage(req, values: values, errors: [:]).render().response(status: .forbidden)
        }
        let values = FieldValidation.normalized(try req.content.decode([String: String].self), specs: BasicsForm.application)
        let errors = FieldValidation.validate(values, specs: BasicsForm.application, today: req.today)
        guard errors.isEmpty, let level = values["targetLevel"].flatMap(TargetLevel.init(jsonName:)),
              let track = values["track"].flatMap(Track.init(jsonName:)) else {
            return try await startPage(req, values: values, errors: errors).render().response(status: .unprocessableEntity)
        }
        let policy = req.policies.current
        let record = ApplicationRecord(applicantID: user.id!, unitID: user.$organization.id, year: policy.applicationDate.year,
                                       policyID: policy.id, targetLevel: level, track: track, specialty: values["specialty"] ?? "")
        // Answers carried from the quick check: kept where they are valid basic information.
        let content = try req.content.decode([String: String].self)
        let carried = Self.carried(Dictionary(uniqueKeysWithValues: content.compactMap { key, value in
            key.hasPrefix("carried.") ? (String(key.dropFirst("carried.".count)), value) : nil
        }))
        if !carried.isEmpty {
            let invalid = FieldValidation.validate(carried, specs: BasicsForm.fields.filter { carried[$0.name] != nil }, today: req.today)
            record.basicValues = carried.filter { invalid[$0.key] == nil }
        }
        do {
            try await req.transaction { db in
                try await record.create(on: db)
                try await AuditLog.append(req.auditEntry("application.create", objectType: "application",
                                                         objectID: record.id?.uuidString,
                                                         detail: "\(level.jsonName) \(track.jsonName) \(policy.id)"), on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // One declaration per person and year: a second one is refused, the first kept
            // and linked (issue 8, item 9).
            let existing = try await ApplicationRecord.declaration(of: user.requireID(), year: policy.applicationDate.year, on: req.db)
            return try await startPage(req, values: values, errors: ["targetLevel": "您已有\(policy.applicationDate.year)年度的申报，每年只能申报一个级别"],
                                       existing: existing.map { DeclarationURL(id: $0.id!).overview })
                .render().response(status: .conflict)
        }
        return req.redirect(to: DeclarationURL(id: record.id!).basics)
    }

    @Sendable func overview(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        return try await ApplicationOverviewPage.load(req, application).render().response()
    }

    @Sendable func commitmentPage(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        return try await commitment(req, application, error: nil, status: .ok)
    }

    private func commitment(_ req: Request, _ application: ApplicationRecord, error: String?,
                            status: HTTPResponseStatus) async throws -> Response {
        try await CommitmentPage.load(req, application, error: error).render().response(status: status)
    }

    @Sendable func sign(req: Request) async throws -> Response {
        let application = try await req.application(for: .editApplication)
        guard (try? req.content.get(String.self, at: "agree")) == "1" else {
            return try await commitment(req, application, error: "请勾选“我已阅读并同意以上承诺”后再签署", status: .unprocessableEntity)
        }
        try await req.transaction { db in
            application.commitmentSignedAt = req.clock.now()
            try await application.update(on: db)
            try await AuditLog.append(req.auditEntry("application.commitment.sign", objectType: "application",
                                                     objectID: application.id?.uuidString), on: db)
        }
        return req.redirect(to: DeclarationURL(id: application.id!).commitment)
    }

    @Sendable func submit(req: Request) async throws -> Response {
        try await fire(.submit, req: req)
    }

    @Sendable func withdraw(req: Request) async throws -> Response {
        try await fire(.withdraw, req: req)
    }

    /// Every state change goes through `Workflow` (via `WorkflowRunner`), with its
    /// timeline event and audit record in the same transaction. Submitting fixes the
    /// route the application will follow from the unit's facts and the policy.
    private func fire(_ transition: ApplicationTransition, req: Request) async throws -> Response {
        let application = try await req.application(for: .declare)
        let snapshot = try await DeclarationSnapshot.load(application, on: req.db, engine: try req.policies(for: application).engine)
        var extra = WorkflowRunner.Extra(commitmentSigned: application.commitmentSignedAt != nil, missing: snapshot.missing,
                                         integrityRecordUntil: try await application.applicantIntegrityRecordUntil(today: req.today, on: req.db))
        if transition == .submit, snapshot.answer.verdict == .ineligible,
           (try? req.content.get(String.self, at: "acknowledgeIneligible")) != "1" {
            // 暂不符合: submitting is the applicant's right, but only knowingly (issue 8, item 6).
            return try await commitment(req, application, error: Self.acknowledgeMessage, status: .unprocessableEntity)
        }
        if transition == .submit {
            // The declaration period (bundle) or the unit's reopening, by the one clock.
            if let closed = try await req.declarationRefusal(.submit, unitID: application.$unit.id) {
                try await req.audit(req.auditEntry(transition.auditAction, objectType: "application",
                                                         objectID: application.id?.uuidString, outcome: .denied,
                                                         detail: "outside the declaration period"))
                return try await commitment(req, application, error: closed, status: .forbidden)
            }
            extra.version = DeclarationVersion.content(of: snapshot)
            do {
                extra.route = try req.policies(for: application).current.route(level: application.level, unit: try application.unit.routeUnit())
            } catch let error as RouteError {
                return try await commitment(req, application, error: error.message, status: .unprocessableEntity)
            }
        }
        if case .failure(let refusal) = try await req.workflow.fire(transition, on: application, extra: extra) {
            return try await commitment(req, application, error: refusal.message, status: .unprocessableEntity)
        }
        let notice = transition == .withdraw ? "?notice=withdrawn" : transition == .submit ? "?notice=submitted" : ""
        return req.redirect(to: DeclarationURL(id: application.id!).commitment + notice)
    }

    static let acknowledgeMessage = "条件自测结果为“暂不符合”。如仍要提交，请在下方勾选确认您已了解未满足的条件。"
}
