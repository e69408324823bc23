import Domain
import Fluent
import Plot
import Vapor

/// 诚信 (十（二））: any reviewer reports suspected false materials with the evidence
/// (the unit, the reviewing bodies, the office, a panel expert through their seat's
/// recusal check); the committee office confirms — the application's review is
/// cancelled at whatever stage it is, a certificate already issued is revoked, and an
/// integrity record opens for the policy's `integrityRecordYears` with the basis and,
/// where the employer failed to check the materials, that failure — or dismisses it.
struct IntegrityController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.application(.pattern, .integrityFlag), use: flagForm).requires(.flagIntegrity)
        routes.post(.application(.pattern, .integrityFlag), use: flag).requires(.flagIntegrity)
        routes.post(.expert(.flag(panel: .pattern, application: .pattern)), use: expertFlag).requires(.flagIntegrity)
        routes.get(.committee(.integrity), use: list).requires(.manageCommittee)
        routes.post(.committee(.integrityCancel), use: cancel).requires(.manageCommittee)
        routes.post(.committee(.dismissFlag(.pattern)), use: dismiss).requires(.manageCommittee)
    }

    // MARK: reporting

    @Sendable func flagForm(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        return try await renderFlag(req, application, error: nil, evidence: "", status: .ok)
    }

    func renderFlag(_ req: Request, _ a: ApplicationRecord, error: String?, evidence: String, status: HTTPResponseStatus) async throws -> Response {
        let csrf = try await req.csrfToken()
        return CommitteeUI.page(PageChrome(req: req, title: "举报疑似虚假材料"), [
            CommitteeUI.errors(error.map { [$0] } ?? []),
            .p(.text("申报人：\(a.applicant.realName)，\(CommitteeUI.levelLabel(a.targetLevel))，\(a.specialty)，\(a.unit.name)。")),
            .p(.text("发现申报材料可能虚假的，请写明疑点和证据，提交评委会办公室核查。经核实的，取消评审资格并记入职称评审诚信档案库（十（二））。")),
            CommitteeUI.form(SiteURL.application(.value(a.id!), .integrityFlag).path, csrf: csrf, id: "integrity-flag-form", [
                .textAreaField("evidence", label: "疑点与证据", value: evidence, error: error, required: true, rows: 5, maxLength: 1000),
            ], submit: "提交评委会办公室核查"),
            .p(.a(.href(DeclarationURL(id: a.id!).progress), .text("返回办理进度"))),
        ]).response(status: status)
    }

    @Sendable func flag(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        let evidence = CommitteeData.field(req, "evidence")
        guard !evidence.isEmpty else {
            return try await renderFlag(req, application, error: "请写明疑点和证据", evidence: "", status: .unprocessableEntity)
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
        try await Self.record(req, application: slot.application, evidence: evidence)
        return req.redirect(to: SiteURL.expert(.panel(.value(panel.id!))).path(query: ["notice": "saved"], fragment: "a-\(slot.$application.id.uuidString)"))
    }

    static func record(_ req: Request, application: ApplicationRecord, evidence: String) async throws {
        guard let user = req.currentUser, let actor = req.actor else { throw PageError.signInRequired(expired: false) }
        let flag = IntegrityFlag(applicationID: application.id!, reporterID: user.id!, reporterName: user.realName,
                                 reporterRole: actor.role.label, evidence: String(evidence.prefix(1000)))
        try await req.transaction { db in
            try await flag.create(on: db)
            try await AuditLog.append(req.auditEntry("integrity.flag", objectType: "application", objectID: application.id!.uuidString), on: db)
        }
    }

    // MARK: the office

    @Sendable func list(req: Request) async throws -> Response { try await render(req, errors: [], status: .ok) }

    func render(_ req: Request, errors: [String], status: HTTPResponseStatus) async throws -> Response {
        let csrf = try await req.csrfToken()
        let flags = try await IntegrityFlag.query(on: req.db).with(\.$application) { $0.with(\.$applicant).with(\.$unit) }
            .sort(\.$createdAt, .descending).all()
        let records = try await IntegrityRecord.query(on: req.db).sort(\.$starts, .descending).all()
        let year = req.policies.current.applicationDate.year
        let cancellable = try await ApplicationRecord.query(on: req.db).filter(\.$year == year).with(\.$applicant).with(\.$unit)
            .sort(\.$specialty).all().filter { ApplicationTransition.cancelForIntegrity.from.contains($0.stateValue) }
        let years = try CommitteeData.integer(req, "integrityRecordYears")
        return CommitteeUI.page(PageChrome(req: req, title: "诚信核查与诚信档案"), [
            CommitteeUI.officeMenu(), CommitteeUI.errors(errors),
            .p(.text("申报材料经核实虚假的，不论处于哪个阶段（含已发证），取消评审资格、撤销已发证书，记入职称评审诚信档案库\(years)年（年度政策参数 integrityRecordYears），并记录所在单位未认真审核的情况（十（二））。")),
            CommitteeUI.section("举报与核查", id: "flags", [
                CommitteeUI.table(["申报人", "举报人", "疑点与证据", "状态", "处理"], flags.map { f in
                    [.text("\(f.application.applicant.realName)（\(f.application.stateValue.label)）"),
                     .text("\(f.reporterName)（\(f.reporterRole)）"), .text(f.evidence),
                     .text(f.stateLabel + (f.resolution.map { "：\($0)" } ?? "")),
                     f.state == "open" ? .group(
                        Self.cancelForm(csrf: csrf, application: f.application, flagID: f.id!),
                        .form(.method(.post), .action(SiteURL.committee(.dismissFlag(.value(f.id!))).path), .class("inline"), .csrfField(csrf),
                              .input(.type(.text), .name("resolution"), .placeholder("不属实的理由"),
                                     .attribute(named: "aria-label", value: "不属实的理由")),
                              .button(.type(.submit), .class("button secondary"), .text("核查不属实")))) : .text("—")]
                }, id: "flag-list", empty: "暂无举报。"),
            ]),
            CommitteeUI.section("直接认定（办公室核查发现）", id: "cancel", [
                CommitteeUI.form(SiteURL.committee(.integrityCancel).path, csrf: csrf, id: "cancel-form", [
                    .selectField("applicationID", label: "申报人", choices: cancellable.map {
                        Choice(value: $0.id!.uuidString, label: "\($0.applicant.realName)（\($0.specialty)，\($0.stateValue.label)）")
                    }, selected: nil, required: true),
                    .textAreaField("basis", label: "认定依据（虚假材料及核查情况）", value: "", required: true, rows: 3, maxLength: 500),
                    .textField("unitFailure", label: "单位未认真审核的情况（如有）", maxLength: 300),
                ], submit: "取消评审资格并记入诚信档案", style: "danger"),
            ]),
            CommitteeUI.section("职称评审诚信档案", id: "records", [
                CommitteeUI.table(["姓名", "身份证号", "依据", "起止日期", "单位审核责任"], records.map { r in
                    [.text(r.realName), .text(Masking.middle(r.idNumber, keepFirst: 3, keepLast: 4)), .text(r.reason),
                     .text("\(r.starts) 至 \(r.ends)"), .text(r.unitFailure ?? "—")]
                }, id: "integrity-records", empty: "暂无记录。"),
            ]),
        ]).response(status: status)
    }

    static func cancelForm(csrf: String, application: ApplicationRecord, flagID: UUID) -> CommitteeUI.Body {
        .form(.method(.post), .action(SiteURL.committee(.integrityCancel).path), .class("stacked"), .csrfField(csrf),
              .input(.type(.hidden), .name("applicationID"), .value(application.id!.uuidString)),
              .input(.type(.hidden), .name("flagID"), .value(flagID.uuidString)),
              .textAreaField("basis", label: "认定依据", value: "", required: true, rows: 2, maxLength: 500, id: "basis-\(flagID.uuidString.prefix(8))"),
              .textField("unitFailure", label: "单位未认真审核的情况（如有）", maxLength: 300, id: "unit-\(flagID.uuidString.prefix(8))"),
              .submitButton("核实：取消评审资格", style: "danger"))
    }

    @Sendable func cancel(req: Request) async throws -> Response {
        let basis = CommitteeData.field(req, "basis"), unitFailure = CommitteeData.field(req, "unitFailure")
        guard let appID = UUID(uuidString: CommitteeData.field(req, "applicationID")),
              let a = try await ApplicationRecord.query(on: req.db).filter(\.$id == appID).with(\.$applicant).with(\.$unit).first() else {
            return try await render(req, errors: ["请选择申报人"], status: .unprocessableEntity)
        }
        guard !basis.isEmpty else { return try await render(req, errors: ["请填写认定依据"], status: .unprocessableEntity) }
        let flagID = UUID(uuidString: CommitteeData.field(req, "flagID"))
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
                try await IntegrityRecord.open(application: a, basis: String(basis.prefix(500)), from: today, years: years,
                                               unitFailure: unitFailure.isEmpty ? nil : String(unitFailure.prefix(300)), by: userID, on: db)
                if let cert = try await CertificateRecord.query(on: db).filter(\.$application.$id == appID).first() {
                    cert.revokedOn = today.iso
                    cert.revokedReason = "提供虚假材料，取消评审资格"
                    try await cert.update(on: db)
                }
                let flags = try await IntegrityFlag.query(on: db).filter(\.$application.$id == appID).filter(\.$state == "open").all()
                for f in flags {
                    _ = flagID   // every open report about it is settled by the confirmation
                    f.state = "confirmed"
                    f.resolution = String(basis.prefix(500))
                    f.resolvedAt = Date()
                    try await f.update(on: db)
                }
                try await AuditLog.append(audit, on: db)
            }
        } catch let refused as Refused {
            return try await render(req, errors: ["不能取消\(a.applicant.realName)的评审资格：\(refused.message)"], status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.committee(.integrity).path(query: ["notice": "saved"], fragment: "records"))
    }

    @Sendable func dismiss(req: Request) async throws -> Response {
        guard let id = req.parameters.get("flagID", as: UUID.self), let f = try await IntegrityFlag.find(id, on: req.db), f.state == "open" else {
            throw PageError.notFound
        }
        let resolution = CommitteeData.field(req, "resolution")
        guard !resolution.isEmpty else { return try await render(req, errors: ["请填写核查不属实的理由"], status: .unprocessableEntity) }
        f.state = "dismissed"
        f.resolution = String(resolution.prefix(500))
        f.resolvedAt = req.clock.now()
        try await req.transaction { db in
            try await f.update(on: db)
            try await AuditLog.append(req.auditEntry("integrity.dismiss", objectType: "application", objectID: f.$application.id.uuidString), on: db)
        }
        return req.redirect(to: SiteURL.committee(.integrity).path(query: ["notice": "saved"], fragment: "flags"))
    }
}

extension IntegrityRecord {
    /// Opens the record: from `day` through `day` + `years` (十（二））, keyed by the ID number.
    static func open(application a: ApplicationRecord, basis: String, from day: LocalDate, years: Int, unitFailure: String?,
                     by userID: UUID?, on db: any Database) async throws {
        let r = IntegrityRecord(idNumber: a.applicant.idNumber ?? "", realName: a.applicant.realName, reason: basis,
                                starts: day.iso, ends: day.adding(years: years).iso, createdBy: userID)
        r.applicationID = a.id
        r.unitID = unitFailure == nil ? nil : a.$unit.id
        r.unitFailure = unitFailure.map { "\(a.unit.name)：\($0)" }
        try await r.create(on: db)
    }
}
