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

    @Sendable func list(req: Request) async throws -> Response {
        try await FeesPage.load(req).render().response()
    }

    private func page(_ req: Request, error: String?, form: FeesPage.SentForm?, status: HTTPResponseStatus) async throws -> Response {
        try await FeesPage.load(req, error: error, form: form).render().response(status: status)
    }

    /// The application named by the route if it was accepted at intake (in any year),
    /// with its payment and the fee it owes; nil otherwise.
    private func accepted(_ req: Request, _ id: UUID) async throws -> (application: ApplicationRecord, amount: Int, payment: FeePayment?)? {
        guard let (app, payment) = try await FeePayment.acceptedAtIntake(year: nil, application: id, on: req.db).first else { return nil }
        return (app, try FeePayment.due(for: app, policy: try req.policies(for: app).current), payment)
    }

    /// What the office typed, from the form (missing fields read as empty).
    private func input(_ req: Request, correcting: Bool) -> FeePaymentInput {
        func field(_ name: String) -> String { (try? req.content.get(String.self, at: name)) ?? "" }
        return FeePaymentInput(receipt: field("receipt"), paidOn: field("paidOn"), amount: field("amount"),
                               reason: correcting ? field("reason") : nil)
    }

    @Sendable func pay(req: Request) async throws -> Response {
        guard let id = req.parameters.get("appID", as: UUID.self) else { throw PageError.notFound }
        guard let row = try await accepted(req, id) else {
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
        guard let row = try await accepted(req, id) else {
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
        // The same rows as the page shows, so a download never lists what the page does not.
        var page = try await FeesPage.load(req)
        let year = page.years.selected
        guard !page.rows.isEmpty else {
            page.error = "\(year)年度尚无收审受理的申报，无法导出"
            return page.render().response(status: .unprocessableEntity)
        }
        let table = ExportTable(
            title: "评审费收取情况", headers: ["序号", "姓名", "申报级别", "报送单位", "应缴（元）", "实缴（元）", "收据号", "缴费日期"],
            rows: page.rows.enumerated().map { i, r in
                [.number(String(i + 1)), .text(r.applicant), .text(r.level),
                 .text(r.reportingBody), .number(String(r.amount)), .number(String(r.payment?.amount ?? 0)),
                 .text(r.payment?.receipt ?? ""), .text(r.payment?.paidOn ?? "")]
            })
        try await req.audit(req.auditEntry("fee.export", detail: "\(format.rawValue) \(year) \(page.rows.count) rows"))
        return try format.response(table, asciiName: "fees", chineseName: "评审费收取情况-\(year)年度-\(req.today.iso)")
    }
}
