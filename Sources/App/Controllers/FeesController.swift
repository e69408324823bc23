import Domain
import Exports
import Fluent
import Vapor

/// 评审费 (八): every application accepted at intake owes the policy's fee for its
/// level; the office records the payment with its receipt, and sees and exports
/// the totals by level and by reporting body. The list and the export show one review
/// year (`?year=`, the year in use by default); each fee is the one of the bundle the
/// application was declared under, so a year's fees never move when the next opens.
struct FeesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.fees(.list), use: list).requires(.manageFees)
        routes.get(.fees(.export), use: export).requires(.manageFees)
        routes.post(.fees(.pay(.pattern)), use: pay).requires(.manageFees)
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
            guard let amount = ReviewFee.amount(for: app.level, policy: try req.policies(for: app).current) else {
                throw StoredValueError(field: "policy.reviewFee", value: app.targetLevel)
            }
            out.append(Row(application: app, reportingBody: try await reportingBody(req, app, cache: &names),
                           amount: amount, payment: paid[app.id!]))
        }
        return out
    }

    /// The body that sent the application to the committee office: the route's step
    /// before intake, named by its real organization.
    private func reportingBody(_ req: Request, _ app: ApplicationRecord, cache: inout [String: String]) async throws -> String {
        let route = try app.route()
        guard let i = route.firstIndex(of: .committeeOffice), i > 0 else { return app.unit.name }
        let step = route[i - 1]
        let key = "\(step.rawValue)|\(app.routeCounty ?? "")|\(app.unit.$competentDepartment.id?.uuidString ?? "")|\(step == .unit ? app.unit.name : "")"
        if let name = cache[key] { return name }
        let name = try await ProgressPageBuilder(req: req, application: app).partyName(step)
        cache[key] = name
        return name
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await page(req, error: nil, status: .ok)
    }

    private func page(_ req: Request, error: String?, status: HTTPResponseStatus) async throws -> Response {
        let picker = YearPicker.make(req, url: .fees(.list))
        let rows = try await rows(req, year: picker.selected)
        var byTier: [String: (count: Int, due: Int, paid: Int)] = [:]
        var byBody: [String: (count: Int, due: Int, paid: Int)] = [:]
        for r in rows {
            let tier = ReviewFee.tier(for: r.application.level)
            let paid = r.payment?.amount ?? 0
            byTier[tier, default: (0, 0, 0)].count += 1
            byTier[tier, default: (0, 0, 0)].due += r.amount
            byTier[tier, default: (0, 0, 0)].paid += paid
            byBody[r.reportingBody, default: (0, 0, 0)].count += 1
            byBody[r.reportingBody, default: (0, 0, 0)].due += r.amount
            byBody[r.reportingBody, default: (0, 0, 0)].paid += paid
        }
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
                      paid: r.payment.map { "已缴 \($0.amount)元，收据\($0.receiptNo)，\(LocalDate(iso: $0.paidOn)?.chinese ?? $0.paidOn)" })
            },
            totals: byTier.sorted { $0.key > $1.key }.map { .init(name: $0.key, count: $0.value.count, due: $0.value.due, paid: $0.value.paid) },
            bodies: byBody.sorted { $0.key < $1.key }.map { .init(name: $0.key, count: $0.value.count, due: $0.value.due, paid: $0.value.paid) },
            error: error, years: picker)
        return model.render().response(status: status)
    }

    @Sendable func pay(req: Request) async throws -> Response {
        guard let id = req.parameters.get("appID", as: UUID.self) else { throw PageError.notFound }
        let rows = try await rows(req, year: nil)
        guard let row = rows.first(where: { $0.application.id == id }) else {
            return try await page(req, error: "只有收审受理的申报才收取评审费", status: .unprocessableEntity)
        }
        guard row.payment == nil else { return try await page(req, error: "该申报的评审费已登记", status: .unprocessableEntity) }
        let receipt = ((try? req.content.get(String.self, at: "receipt")) ?? "").trimmingCharacters(in: .whitespaces)
        guard !receipt.isEmpty, receipt.count <= 40 else {
            return try await page(req, error: "请填写收据号（不超过40字）", status: .unprocessableEntity)
        }
        guard let paidOn = (try? req.content.get(String.self, at: "paidOn")).flatMap({ LocalDate(iso: $0) }), paidOn <= req.today else {
            return try await page(req, error: "请填写有效的缴费日期（不晚于今天）", status: .unprocessableEntity)
        }
        let payment = FeePayment(applicationID: id, amount: row.amount, receiptNo: receipt, paidOn: paidOn.iso,
                                 recordedBy: req.currentUser?.id)
        let entry = req.auditEntry("fee.pay", objectType: "application", objectID: id.uuidString, detail: "\(row.amount) \(receipt)")
        do {
            try await req.transaction { db in
                try await payment.create(on: db)
                try await AuditLog.append(entry, on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return try await page(req, error: "该申报的评审费已登记", status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.fees(.list).path(query: ["notice": "saved"]))
    }

    @Sendable func export(req: Request) async throws -> Response {
        let format = try ExportFormat(query: req)
        let year = YearPicker.make(req, url: .fees(.export)).selected
        let rows = try await rows(req, year: year)
        guard !rows.isEmpty else { return try await page(req, error: "\(year)年度尚无收审受理的申报，无法导出", status: .unprocessableEntity) }
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
