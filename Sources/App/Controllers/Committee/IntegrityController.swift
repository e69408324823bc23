import Domain
import Fluent
import Vapor

/// 诚信 (十（二））: any reviewer reports suspected false materials with the evidence
/// (the unit, the reviewing bodies, the office, a panel expert through their seat's
/// recusal check); the committee office confirms — the application's review is
/// cancelled at whatever stage it is, a certificate already issued is revoked, and an
/// integrity record opens for the policy's `integrityRecordYears` with the basis and,
/// where the employer failed to check the materials, that failure — or dismisses it.
/// Pages: `IntegrityFlagPage` (reporting), `IntegrityPage` (the office).
struct IntegrityController: RouteCollection {
    /// The forms' maxlength, which the server enforces too (a longer text is refused, never cut).
    static let evidenceMax = 1000, basisMax = 500, unitFailureMax = 300, dismissalMax = 500

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.application(.pattern, .integrityFlag), use: flagForm).requires(.flagIntegrity).cachesPage()
        routes.post(.application(.pattern, .integrityFlag), use: flag).requires(.flagIntegrity)
        routes.post(.expert(.flag(panel: .pattern, application: .pattern)), use: expertFlag).requires(.flagIntegrity)
        routes.get(.committee(.integrity), use: list).requires(.manageCommittee).cachesPage()
        routes.post(.committee(.integrityCancel), use: cancel).requires(.manageCommittee)
        routes.post(.committee(.dismissFlag(.pattern)), use: dismiss).requires(.manageCommittee)
    }

    // MARK: reporting

    @Sendable func flagForm(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        return try await renderFlag(req, application, error: nil, evidence: "", status: .ok)
    }

    func renderFlag(_ req: Request, _ a: ApplicationRecord, error: String?, evidence: String, status: HTTPResponseStatus) async throws -> Response {
        try await IntegrityFlagPage.load(req, a, error: error, evidence: evidence).render().response(status: status)
    }

    @Sendable func flag(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        let evidence = CommitteeData.field(req, "evidence")
        guard !evidence.isEmpty else {
            return try await renderFlag(req, application, error: "请写明疑点和证据", evidence: "", status: .unprocessableEntity)
        }
        if let tooLong = ResultRules.length(evidence, max: Self.evidenceMax, label: "疑点与证据") {
            try await req.audit(req.auditEntry("integrity.flag", objectType: "application", objectID: application.id!.uuidString,
                                               outcome: .failure, detail: tooLong.message))
            return try await renderFlag(req, application, error: tooLong.message, evidence: evidence, status: .unprocessableEntity)
        }
        try await Self.record(req, application: application, evidence: evidence)
        return req.redirect(to: SiteURL.application(.value(application.id!), .progress).path(query: ["notice": "saved"]))
    }

    @Sendable func expertFlag(req: Request) async throws -> Response {
        let (panel, _, slot) = try await QuestionBankController.seatedApplicant(req)
        let evidence = CommitteeData.field(req, "evidence")
        guard !evidence.isEmpty else {
            return req.redirect(to: SiteURL.expert(.panel(.value(panel.id!))).path(query: ["notice": "evidence-missing"], fragment: "a-\(slot.$application.id.uuidString)"))
        }
        if let tooLong = ResultRules.length(evidence, max: Self.evidenceMax, label: "疑点与证据") {
            // The expert's page has no room to show it again: the reporting page keeps it.
            try await req.audit(req.auditEntry("integrity.flag", objectType: "application", objectID: slot.$application.id.uuidString,
                                               outcome: .failure, detail: tooLong.message))
            throw Abort(.unprocessableEntity, reason: tooLong.message)
        }
        try await Self.record(req, application: slot.application, evidence: evidence)
        return req.redirect(to: SiteURL.expert(.panel(.value(panel.id!))).path(query: ["notice": "saved"], fragment: "a-\(slot.$application.id.uuidString)"))
    }

    static func record(_ req: Request, application: ApplicationRecord, evidence: String) async throws {
        guard let user = req.currentUser, let actor = req.actor else { throw PageError.signInRequired(expired: false) }
        let flag = IntegrityFlag(applicationID: application.id!, reporterID: user.id!, reporterName: user.realName,
                                 reporterRole: actor.role.label, evidence: evidence)
        try await req.transaction { db in
            try await flag.create(on: db)
            try await AuditLog.append(req.auditEntry("integrity.flag", objectType: "application", objectID: application.id!.uuidString), on: db)
        }
    }

    // MARK: the office

    @Sendable func list(req: Request) async throws -> Response { try await render(req, errors: [], status: .ok) }

    /// `typed`: the cancellation or dismissal form's fields as typed, when it was refused.
    func render(_ req: Request, errors: [String], typed: [String: String] = [:], status: HTTPResponseStatus) async throws -> Response {
        try await IntegrityPage.load(req, errors: errors, typed: typed).render().response(status: status)
    }

    @Sendable func cancel(req: Request) async throws -> Response {
        let basis = CommitteeData.field(req, "basis"), unitFailure = CommitteeData.field(req, "unitFailure")
        let typedFlag = CommitteeData.field(req, "flagID"), typedApp = CommitteeData.field(req, "applicationID")
        var typed = ["basis": basis, "unitFailure": unitFailure, "applicationID": typedApp]
        if !typedFlag.isEmpty { typed["flagID"] = typedFlag }
        func refused(_ message: String) async throws -> Response {
            try await req.audit(req.auditEntry("integrity.record", objectType: "application", objectID: typedApp.isEmpty ? nil : String(typedApp.prefix(36)),
                                               outcome: .failure, detail: message))
            return try await render(req, errors: [message], typed: typed, status: .unprocessableEntity)
        }
        guard let appID = UUID(uuidString: typedApp),
              let a = try await ApplicationRecord.query(on: req.db).filter(\.$id == appID).with(\.$applicant).with(\.$unit).first() else {
            return try await refused("请选择申报人")
        }
        guard !basis.isEmpty else { return try await refused("请填写认定依据") }
        if let tooLong = ResultRules.length(basis, max: Self.basisMax, label: "认定依据") { return try await refused(tooLong.message) }
        if let tooLong = ResultRules.length(unitFailure, max: Self.unitFailureMax, label: "单位未认真审核的情况") {
            return try await refused(tooLong.message)
        }
        let flagID = UUID(uuidString: typedFlag)
        let years = try CommitteeData.integer(req, "integrityRecordYears")
        let today = req.today
        let workflow = req.workflow
        let userID = req.currentUser?.id
        let audit = req.auditEntry("integrity.record", objectType: "application", objectID: appID.uuidString, detail: "\(years) years")
        struct Refused: Error { let message: String }
        do {
            try await req.transaction { db in
                var extra = WorkflowRunner.Extra()
                extra.committeeActor = true
                extra.reason = "提供虚假材料，取消评审资格：\(basis)"
                if case .failure(let refusal) = try await workflow.fire(.cancelForIntegrity, on: a, extra: extra, in: db) {
                    throw Refused(message: refusal.message)
                }
                try await IntegrityRecord.open(application: a, basis: basis, from: today, years: years,
                                               unitFailure: unitFailure.isEmpty ? nil : unitFailure, by: userID, on: db)
                if let cert = try await CertificateRecord.query(on: db).filter(\.$application.$id == appID).first() {
                    cert.revokedOn = today.iso
                    cert.revokedReason = "提供虚假材料，取消评审资格"
                    try await cert.update(on: db)
                }
                let flags = try await IntegrityFlag.query(on: db).filter(\.$application.$id == appID).filter(\.$state == "open").all()
                for f in flags {
                    _ = flagID   // every open report about it is settled by the confirmation
                    f.state = "confirmed"
                    f.resolution = basis
                    f.resolvedAt = Date()
                    try await f.update(on: db)
                }
                try await AuditLog.append(audit, on: db)
            }
        } catch let refusal as Refused {
            // The transaction (and the runner's refusal record in it) rolled back: record the refusal on its own.
            try await req.audit(req.auditEntry("integrity.record", objectType: "application", objectID: appID.uuidString,
                                               outcome: .denied, detail: refusal.message))
            return try await render(req, errors: ["不能取消\(a.applicant.realName)的评审资格：\(refusal.message)"], typed: typed,
                                    status: .unprocessableEntity)
        }
        return req.redirect(to: Self.listPath(req, fragment: "records"))
    }

    @Sendable func dismiss(req: Request) async throws -> Response {
        guard let id = req.parameters.get("flagID", as: UUID.self), let f = try await IntegrityFlag.find(id, on: req.db), f.state == "open" else {
            throw PageError.notFound
        }
        let resolution = CommitteeData.field(req, "resolution")
        let problem = resolution.isEmpty ? "请填写核查不属实的理由"
            : ResultRules.length(resolution, max: Self.dismissalMax, label: "核查不属实的理由")?.message
        if let problem {
            try await req.audit(req.auditEntry("integrity.dismiss", objectType: "application", objectID: f.$application.id.uuidString,
                                               outcome: .failure, detail: problem))
            return try await render(req, errors: [problem], typed: ["dismiss-\(id.uuidString)": resolution], status: .unprocessableEntity)
        }
        f.state = "dismissed"
        f.resolution = resolution
        f.resolvedAt = req.clock.now()
        try await req.transaction { db in
            try await f.update(on: db)
            try await AuditLog.append(req.auditEntry("integrity.dismiss", objectType: "application", objectID: f.$application.id.uuidString), on: db)
        }
        return req.redirect(to: Self.listPath(req, fragment: "flags"))
    }

    /// The office's forms post with the review year they were shown for (`?year=`); the
    /// page after them shows the same year.
    static func listPath(_ req: Request, fragment: String) -> String {
        let list = SiteURL.committee(.integrity)
        guard let year = req.query[Int.self, at: "year"] else { return list.path(query: ["notice": "saved"], fragment: fragment) }
        return list.path(query: ["notice": "saved", "year": String(year)], fragment: fragment)
    }
}

extension IntegrityRecord {
    /// Opens the record for exactly `years` years from `day` (十（二））, keyed by the ID number:
    /// in force from `day` through the day before `day + years`.
    static func open(application a: ApplicationRecord, basis: String, from day: LocalDate, years: Int, unitFailure: String?,
                     by userID: UUID?, on db: any Database) async throws {
        let r = IntegrityRecord(idNumber: a.applicant.idNumber ?? "", realName: a.applicant.realName, reason: basis,
                                starts: day.iso, ends: IntegrityRecord.lastDay(from: day, years: years).iso, createdBy: userID)
        r.years = years
        r.applicationID = a.id
        r.unitID = unitFailure == nil ? nil : a.$unit.id
        r.unitFailure = unitFailure.map { "\(a.unit.name)：\($0)" }
        try await r.create(on: db)
    }
}
