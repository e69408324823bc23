import Domain
import Foundation
import Plot
import Vapor

/// 评审费 (八): what each accepted application owes and has paid, with totals by
/// level and by the body that delivered it. Each row has a form of its own — to
/// record the payment, or to correct a recorded one with a reason — and every
/// field's id carries the application's id, so no two elements share an id (axe
/// `duplicate-id`). A refused form comes back open with what was typed.
struct FeesPage {
    struct Payment {
        var receipt: String
        /// YYYY-MM-DD.
        var paidOn: String
        var amount: Int
    }

    struct Row {
        var id: UUID
        var applicant: String
        var level: String
        var reportingBody: String
        /// Due for the level, from the policy.
        var amount: Int
        var payment: Payment?
    }

    struct Total {
        var name: String
        var count: Int
        var due: Int
        var paid: Int
    }

    /// A form sent back after a refusal: which row and form, what was typed, why.
    struct SentForm {
        enum Kind: String { case pay, correct }
        var id: UUID
        var kind: Kind
        var values: [String: String]
        var errors: [String: String]
    }

    var chrome: PageChrome
    var csrf: String
    var today: String
    var standard: String
    var rows: [Row]
    var totals: [Total]
    var bodies: [Total]
    var error: String?
    var form: SentForm?
    var years: YearPicker

    /// Totals of (group, due, paid) rows, one per group.
    static func totals(_ items: [(String, Int, Int?)]) -> [Total] {
        var byName: [String: Total] = [:]
        for (name, due, paid) in items {
            var t = byName[name] ?? Total(name: name, count: 0, due: 0, paid: 0)
            t.count += 1; t.due += due; t.paid += paid ?? 0
            byName[name] = t
        }
        return Array(byName.values)
    }

    /// The id of a field of one row's form: unique on the page.
    static func fieldID(_ kind: SentForm.Kind, _ field: String, _ id: UUID) -> String {
        "\(kind.rawValue)-\(field)-\(id.uuidString.lowercased())"
    }

    func render() -> HTML {
        Layout.page(
            chrome,
            .h1(.text("评审费")),
            years.node,
            .p(.class("hint"), .text("按长治市物价局、财政局核定的收费标准收取：\(standard)（八）。收审受理的申报列入；按报送单位合计的，是把申报报送到评委会办公室的单位（报送路线上评委会办公室之前的最后一个单位）。")),
            .unwrap(error) { message in
                .div(.class("error-summary"), .attribute(named: "role", value: "alert"),
                     .p(.text(message)),
                     .unwrap(form) { sent in
                         .ul(.forEach(sent.errors.sorted { $0.key < $1.key }) { field, text in
                             .li(.a(.href("#f-\(Self.fieldID(sent.kind, field, sent.id))"), .text(text)))
                         })
                     })
            },
            .p(.a(.class("button secondary"), .href(SiteURL.fees(.export).path(query: ["format": "xlsx", "year": String(years.selected)])), .text("下载 Excel（.xlsx）")), .text(" "),
               .a(.class("button secondary"), .href(SiteURL.fees(.export).path(query: ["format": "csv", "year": String(years.selected)])), .text("下载 CSV"))),
            .section(.class("panel"), .id("totals"), .h2(.text("合计")), totalsTable(totals, first: "级别"),
                     .h3(.text("按报送单位")), totalsTable(bodies, first: "报送单位")),
            .section(
                .class("panel"), .id("payments"),
                .h2(.text("明细")),
                .if(rows.isEmpty, .p(.class("muted"), .text("尚无收审受理的申报。"))),
                .if(!rows.isEmpty, .div(.class("table-wrap"), .table(
                    .class("data"),
                    .thead(.tr(.th(.text("姓名")), .th(.text("申报级别")), .th(.text("报送单位")), .th(.text("应缴（元）")), .th(.text("缴费")))),
                    .tbody(.forEach(rows) { r in
                        .tr(.id("fee-\(r.id.uuidString.lowercased())"),
                            .td(.text(r.applicant)), .td(.text(r.level)), .td(.text(r.reportingBody)), .td(.text("\(r.amount)")),
                            .td(.unwrap(r.payment, { paid in
                                .group(
                                    .p(.text("已缴 \(paid.amount)元，收据\(paid.receipt)，\(LocalDate(iso: paid.paidOn)?.chinese ?? paid.paidOn)")),
                                    correctForm(r, paid)
                                )
                            }, else: payForm(r)))
                        )
                    })
                )))
            )
        )
    }

    /// What to show in a field: what was typed if this form came back, else `fallback`.
    private func value(_ kind: SentForm.Kind, _ row: Row, _ field: String, _ fallback: String) -> String {
        guard let form, form.id == row.id, form.kind == kind else { return fallback }
        return form.values[field] ?? fallback
    }

    private func error(_ kind: SentForm.Kind, _ row: Row, _ field: String) -> String? {
        guard let form, form.id == row.id, form.kind == kind else { return nil }
        return form.errors[field]
    }

    private func payForm(_ r: Row) -> Node<HTML.BodyContext> {
        .form(
            .method(.post), .action(SiteURL.fees(.pay(.value(r.id))).path), .class("inline-form"), .csrfField(csrf),
            .textField("receipt", label: "\(r.applicant)的收据号", value: value(.pay, r, "receipt", ""),
                       error: error(.pay, r, "receipt"), required: true, maxLength: ReviewFee.receiptMaxLength, id: Self.fieldID(.pay, "receipt", r.id)),
            .textField("paidOn", label: "缴费日期", value: value(.pay, r, "paidOn", today), error: error(.pay, r, "paidOn"),
                       type: "date", required: true, id: Self.fieldID(.pay, "paidOn", r.id)),
            .textField("amount", label: "实收金额（元）", value: value(.pay, r, "amount", String(r.amount)),
                       error: error(.pay, r, "amount"), required: true, id: Self.fieldID(.pay, "amount", r.id)),
            .button(.type(.submit), .class("button secondary"), .text("登记缴费"))
        )
    }

    /// Folded away until needed, and open when it came back refused.
    private func correctForm(_ r: Row, _ paid: Payment) -> Node<HTML.BodyContext> {
        let sentBack = form?.id == r.id && form?.kind == .correct
        return .details(
            .if(sentBack, .attribute(named: "open", value: "open")),
            .summary(.text("更正缴费记录")),
            .form(
                .method(.post), .action(SiteURL.fees(.correct(.value(r.id))).path), .class("inline-form"), .csrfField(csrf),
                .textField("receipt", label: "\(r.applicant)的收据号", value: value(.correct, r, "receipt", paid.receipt),
                           error: error(.correct, r, "receipt"), required: true, maxLength: ReviewFee.receiptMaxLength,
                           id: Self.fieldID(.correct, "receipt", r.id)),
                .textField("paidOn", label: "缴费日期", value: value(.correct, r, "paidOn", paid.paidOn),
                           error: error(.correct, r, "paidOn"), type: "date", required: true,
                           id: Self.fieldID(.correct, "paidOn", r.id)),
                .textField("amount", label: "实收金额（元）", value: value(.correct, r, "amount", String(paid.amount)),
                           error: error(.correct, r, "amount"), required: true, id: Self.fieldID(.correct, "amount", r.id)),
                .textAreaField("reason", label: "更正原因", value: value(.correct, r, "reason", ""),
                               error: error(.correct, r, "reason"), required: true, rows: 2, maxLength: ReviewFee.reasonMaxLength,
                               id: Self.fieldID(.correct, "reason", r.id)),
                .button(.type(.submit), .class("button secondary"), .text("保存更正"))
            )
        )
    }

    private func totalsTable(_ items: [Total], first: String) -> Node<HTML.BodyContext> {
        .div(.class("table-wrap"), .table(
            .class("data"),
            .thead(.tr(.th(.text(first)), .th(.text("人数")), .th(.text("应缴（元）")), .th(.text("已缴（元）")))),
            .tbody(
                .forEach(items) { t in .tr(.td(.text(t.name)), .td(.text("\(t.count)")), .td(.text("\(t.due)")), .td(.text("\(t.paid)"))) },
                .tr(.class("total"), .td(.text("合计")), .td(.text("\(items.map(\.count).reduce(0, +))")),
                    .td(.text("\(items.map(\.due).reduce(0, +))")), .td(.text("\(items.map(\.paid).reduce(0, +))")))
            )
        ))
    }
}

extension FeesPage {
    /// The chosen review year's accepted applications with their fees and payments
    /// (`FeePayment.acceptedAtIntake`), the totals by level and by reporting body.
    /// `error`/`form`: a refused form comes back with the message and what was typed.
    static func load(_ req: Request, error: String? = nil, form: SentForm? = nil) async throws -> FeesPage {
        let picker = YearPicker.make(req, url: .fees(.list))
        let accepted = try await FeePayment.acceptedAtIntake(year: picker.selected, on: req.db)
        var names: [String: String] = [:]
        var rows: [(application: ApplicationRecord, reportingBody: String, amount: Int, payment: FeePayment?)] = []
        for (app, payment) in accepted {
            rows.append((app, try await reportingBody(req, app, cache: &names),
                         try FeePayment.due(for: app, policy: try req.policies(for: app).current), payment))
        }
        let policy = req.application.policyRegistry.store(year: picker.selected)?.current ?? req.policies.current
        return FeesPage(
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
            totals: totals(rows.map { (ReviewFee.tier(for: $0.application.level), $0.amount, $0.payment?.amount) })
                .sorted { $0.name > $1.name },
            bodies: totals(rows.map { ($0.reportingBody, $0.amount, $0.payment?.amount) }).sorted { $0.name < $1.name },
            error: error, form: form, years: picker)
    }

    /// The body that delivered the application to the committee office: the last
    /// reporting body on its route before intake, named by its real organization.
    private static func reportingBody(_ req: Request, _ app: ApplicationRecord, cache: inout [String: String]) async throws -> String {
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
}
