import Domain
import Exports
import Fluent
import Vapor

/// 评审费 (八): every application accepted at intake owes the policy's fee for its
/// level; the office records the payment with its receipt, corrects a recorded one
/// with a reason (the old and new values go to the audit log in the same
/// transaction), and sees and exports the totals by level and by the body that
/// delivered the application. The list and the export show one review year (`?year=`,
/// the year in use by default); each fee is the one of the bundle the application was
/// declared under, so a year's fees never move when the next opens.
struct FeesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.fees(.list), use: list).requires(.manageFees).cachesPage()
        routes.get(.fees(.export), use: export).requires(.manageFees)
        routes.post(.fees(.pay(.pattern)), use: pay).requires(.manageFees)
        routes.post(.fees(.correct(.pattern)), use: correct).requires(.manageFees)
    }

    struct Row {
        var application: ApplicationRecord
        var reportingBody: String
        var amount: Int
        var payment: FeePayment?
    }

    /// Applications accepted at intake (whatever happened to them since), with their fee.
    /// `year` nil: every year (recording a payment finds its application wherever it is).
    private func rows(_ req: Request, year: Int?) async throws -> [Row] {
        let accepted = try await WorkflowEvent.query(on: req.db)
            .filter(\.$transition == ApplicationTransition.acceptAtIntake.rawValue).all().map { $0.$application.id }
        guard !accepted.isEmpty else { return [] }
        var query = ApplicationRecord.query(on: req.db).filter(\.$id ~~ accepted)
        if let year { query = query.filter(\.$year == year) }
        let applications = try await query.with(\.$applicant).with(\.$unit).sort(\.$submittedAt).all()
        let payments = try await FeePayment.query(on: req.db).filter(\.$application.$id ~~ accepted).all()
        let paid = Dictionary(payments.map { ($0.$application.id, $0) }, uniquingKeysWith: { a, _ in a })
        var names: [String: String] = [:]
        var out: [Row] = []
        for app in applications {
            out.append(Row(application: app, reportingBody: try await reportingBody(req, app, cache: &names),
                           amount: try due(req, app), payment: paid[app.id!]))
        }
        return out
    }

    /// The fee for the application's level, from the bundle it was declared under (八); never a literal.
    private func due(_ req: Request, _ app: ApplicationRecord) throws -> Int {
        guard let amount = ReviewFee.amount(for: app.level, policy: try req.policies(for: app).current) else {
            throw StoredValueError(field: "policy.reviewFee", value: app.targetLevel)
        }
        return amount
    }

    /// The body that delivered the application to the committee office: the last
    /// reporting body on its route before intake, named by its real organization.
    private func reportingBody(_ req: Request, _ app: ApplicationRecord, cache: inout [String: String]) async throws -> String {
        let route = try app.route()
        guard let i = route.firstIndex(of: .committeeOffice), i > 0 else { return app.unit.name }
        let step = route[i - 1]
        let key = "\(step.rawValue)|\(app.routeCounty ?? "")|\(app.unit.$competentDepartment.id?.uuidString ?? "")|\(app.unit.$personnelAgency.id?.uuidString ?? "")|\(step == .unit ? app.unit.name : "")"
        if let name = cache[key] { return name }
        let name = try await app.actingOrganizationName(at: step, on: req.db)
            ?? req.policies(for: app).current.routeStepInfo(step).party
        cache[key] = name
        return name
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await page(req, error: nil, form: nil, status: .ok)
    }

    private func page(_ req: Request, error: String?, form: FeesPage.SentForm?, status: HTTPResponseStatus) async throws -> Response {
        let picker = YearPicker.make(req, url: .fees(.list))
        let rows = try await rows(req, year: picker.selected)
        let policy = req.application.policyRegistry.store(year: picker.selected)?.current ?? req.policies.current
        let model = FeesPage(
            chrome: PageChrome(req: req, title: "评审费"), csrf: try await req.csrfToken(), today: req.today.iso,
            standard: [TargetLevel.engineer, .technician].compactMap { level in
                ReviewFee.amount(for: level, policy: policy).map { "\(ReviewFee.tier(for: level))每人\($0)元" }
            }.joined(separator: "，"),
            rows: rows.map { r in
                .init(id: r.application.id!, applicant: r.application.applicant.realName,
                      level: BasicsForm.levels.first { $0.code == r.application.targetLevel }?.label ?? r.application.targetLevel,
                      reportingBody: r.reportingBody, amount: r.amount,
                      payment: r.payment.map { .init(receipt: $0.receiptNo, paidOn: $0.paidOn, amount: $0.amount) })
            },
            totals: FeesPage.totals(rows.map { (ReviewFee.tier(for: $0.application.level), $0.amount, $0.payment?.amount) })
                .sorted { $0.name > $1.name },
            bodies: FeesPage.totals(rows.map { ($0.reportingBody, $0.amount, $0.payment?.amount) }).sorted { $0.name < $1.name },
            error: error, form: form, years: picker)
        return model.render().response(status: status)
    }

    /// What the office typed, from the form (missing fields read as empty).
    private func input(_ req: Request, correcting: Bool) -> FeePaymentInput {
        func field(_ name: String) -> String { (try? req.content.get(String.self, at: name)) ?? "" }
        return FeePaymentInput(receipt: field("receipt"), paidOn: field("paidOn"), amount: field("amount"),
                               reason: correcting ? field("reason") : nil)
    }

    @Sendable func pay(req: Request) async throws -> Response {
        guard let id = req.parameters.get("appID", as: UUID.self) else { throw PageError.notFound }
        guard let row = try await rows(req, year: nil).first(where: { $0.application.id == id }) else {
            return try await page(req, error: "只有收审受理的申报才收取评审费", form: nil, status: .unprocessableEntity)
        }
        guard row.payment == nil else {
            return try await page(req, error: "该申报的评审费已登记；如登记有误，请使用“更正”并说明原因", form: nil, status: .unprocessableEntity)
        }
        let typed = input(req, correcting: false)
        // The paid date lies in the application's own review year.
        let year = try ReviewYear(try req.policies(for: row.application).current).year
        let value: FeePaymentValue
        switch ReviewFee.check(typed, due: row.amount, reviewYear: year, today: req.today) {
        case .failure(let errors):
            return try await page(req, error: "\(row.application.applicant.realName)的缴费未登记，请修改后重新提交",
                                  form: .init(id: id, kind: .pay, values: typed.values, errors: errors.messages),
                                  status: .unprocessableEntity)
        case .success(let v): value = v
        }
        let payment = FeePayment(applicationID: id, amount: value.amount, receiptNo: value.receipt, paidOn: value.paidOn.iso,
                                 recordedBy: req.currentUser?.id)
        let entry = req.auditEntry("fee.pay", objectType: "application", objectID: id.uuidString,
                                   detail: "\(value.amount) \(value.receipt) \(value.paidOn.iso)")
        do {
            try await req.transaction { db in
                try await payment.create(on: db)
                try await AuditLog.append(entry, on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return try await page(req, error: "该申报的评审费已登记", form: nil, status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.fees(.list).path(query: ["notice": "saved"]))
    }

    /// 更正: a recorded payment's receipt, date or amount changed, with the reason;
    /// the audit record carries the old and the new values.
    @Sendable func correct(req: Request) async throws -> Response {
        guard let id = req.parameters.get("appID", as: UUID.self) else { throw PageError.notFound }
        guard let row = try await rows(req, year: nil).first(where: { $0.application.id == id }) else {
            return try await page(req, error: "只有收审受理的申报才收取评审费", form: nil, status: .unprocessableEntity)
        }
        guard let payment = row.payment, let paidOn = LocalDate(iso: payment.paidOn) else {
            return try await page(req, error: "该申报尚未登记缴费，无法更正", form: nil, status: .unprocessableEntity)
        }
        let typed = input(req, correcting: true)
        // The paid date lies in the application's own review year.
        let year = try ReviewYear(try req.policies(for: row.application).current).year
        let old = FeePaymentValue(receipt: payment.receiptNo, paidOn: paidOn, amount: payment.amount)
        let new: FeePaymentValue
        switch ReviewFee.check(typed, due: row.amount, reviewYear: year, today: req.today, recorded: old) {
        case .failure(let errors):
            return try await page(req, error: "\(row.application.applicant.realName)的缴费记录未更正，请修改后重新提交",
                                  form: .init(id: id, kind: .correct, values: typed.values, errors: errors.messages),
                                  status: .unprocessableEntity)
        case .success(let v): new = v
        }
        func describe(_ v: FeePaymentValue) -> String { "收据号\(v.receipt)，缴费日期\(v.paidOn.iso)，实收\(v.amount)元" }
        let entry = req.auditEntry("fee.correct", objectType: "application", objectID: id.uuidString,
                                   detail: "原：\(describe(old))；改为：\(describe(new))；原因：\(typed.reason ?? "")")
        payment.receiptNo = new.receipt
        payment.paidOn = new.paidOn.iso
        payment.amount = new.amount
        try await req.transaction { db in
            try await payment.update(on: db)
            try await AuditLog.append(entry, on: db)
        }
        return req.redirect(to: SiteURL.fees(.list).path(query: ["notice": "saved"]))
    }

    @Sendable func export(req: Request) async throws -> Response {
        let format = try ExportFormat(query: req)
        let year = YearPicker.make(req, url: .fees(.export)).selected
        let rows = try await rows(req, year: year)
        guard !rows.isEmpty else {
            return try await page(req, error: "\(year)年度尚无收审受理的申报，无法导出", form: nil, status: .unprocessableEntity)
        }
        let table = ExportTable(
            title: "评审费收取情况", headers: ["序号", "姓名", "申报级别", "报送单位", "应缴（元）", "实缴（元）", "收据号", "缴费日期"],
            rows: rows.enumerated().map { i, r in
                [.number(String(i + 1)), .text(r.application.applicant.realName),
                 .text(BasicsForm.levels.first { $0.code == r.application.targetLevel }?.label ?? r.application.targetLevel),
                 .text(r.reportingBody), .number(String(r.amount)), .number(String(r.payment?.amount ?? 0)),
                 .text(r.payment?.receiptNo ?? ""), .text(r.payment?.paidOn ?? "")]
            })
        try await req.audit(req.auditEntry("fee.export", detail: "\(format.rawValue) \(year) \(rows.count) rows"))
        return try format.response(table, asciiName: "fees", chineseName: "评审费收取情况-\(year)年度-\(req.today.iso)")
    }
}
