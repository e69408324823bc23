import Domain
import Fluent
import Vapor

/// 审计日志 (system administrator): browse the log and verify its hash chain.
struct AuditController: RouteCollection {
    static let pageSize = 50

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.admin(.audit), use: list).requires(.viewAuditLog).cachesPage()
    }

    @Sendable func list(req: Request) async throws -> Response {
        if case .deny(let reason) = AccessPolicy.decide(req.actor, .viewAuditLog) { throw PageError.forbidden(reason) }
        func text(_ key: String) -> String { (req.query[String.self, at: key] ?? "").trimmingCharacters(in: .whitespaces) }
        // The outcome select's prompt arrives as its label ("全部"), which means "any".
        let outcome = AuditEntry.Outcome(rawValue: text("outcome")) == nil ? "" : text("outcome")
        let f = AuditLogPage.Filters(actor: text("actor").lowercased(), action: text("action").lowercased(),
                                     outcome: outcome, from: text("from"), to: text("to"))
        var errors = FieldErrors()
        let from = Self.day(f.from, field: "from", label: "开始日期", errors: &errors)
        let to = Self.day(f.to, field: "to", label: "结束日期", errors: &errors)
        if let from, let to, to < from { errors.add("to", "结束日期不能早于开始日期") }
        if f.action.range(of: #"^[a-z0-9._-]*$"#, options: .regularExpression) == nil {
            errors.add("action", "操作类型只能包含字母、数字、点、下划线和连字符")
        }

        let verification = req.query[String.self, at: "verify"] == "1" ? try await verify(req) : nil
        let chrome = PageChrome(req: req, title: "审计日志")
        let pager = Pager(page: Pager.requestedPage(req.query[String.self, at: "page"]), pageSize: Self.pageSize,
                          total: 0, path: SiteURL.admin(.audit).path, query: f.query)
        guard errors.isEmpty else {
            // A bad filter shows the message instead of an unfiltered (misleading) list.
            return AuditLogPage(chrome: chrome, filters: f, errors: errors, verification: verification, rows: [],
                                pager: pager).render().response(status: .unprocessableEntity)
        }
        return try await AuditLogPage.load(req, filters: f, from: from, to: to, verification: verification, pager: pager)
            .render().response()
    }

    /// Runs the chain check and records that it was run, with its result.
    private func verify(_ req: Request) async throws -> AuditLogPage.Verification {
        let result = try await AuditLog.verify(on: req.db)
        let page: AuditLogPage.Verification
        let detail: String
        switch result {
        case .intact(let count):
            page = .init(intact: true, text: "日志链完整：共\(count)条记录，序号连续，每条记录的哈希值与内容及前一条记录相符。")
            detail = "intact: \(count) records"
        case .broken(let seq, let reason):
            page = .init(intact: false, text: "日志链在第\(seq)条记录处断开：\(Self.chinese(reason))。该条及其后的记录可能已被删除或修改，请立即报告。")
            detail = "broken at \(seq): \(reason)"
        }
        try await req.audit(req.auditEntry("audit.verify", objectType: "audit_log",
                                                 outcome: page.intact ? .success : .failure, detail: detail))
        return page
    }

    /// `AuditLog.verify` explains in English (it serves the CLI too); the page says it in Chinese.
    static func chinese(_ reason: String) -> String {
        if reason.hasPrefix("sequence gap") { return "序号不连续（\(reason)）" }
        if reason.hasPrefix("previous-hash") { return "与前一条记录的哈希链接不符" }
        if reason.hasPrefix("content") { return "记录内容与其哈希值不符（记录被修改）" }
        return reason
    }

    /// A `YYYY-MM-DD` filter value; empty means no bound, anything else invalid is reported.
    static func day(_ text: String, field: String, label: String, errors: inout FieldErrors) -> LocalDate? {
        guard !text.isEmpty else { return nil }
        guard let date = LocalDate(iso: text) else {
            errors.add(field, "\(label)应为YYYY-MM-DD格式的有效日期，例如2022-08-25")
            return nil
        }
        return date
    }
}
