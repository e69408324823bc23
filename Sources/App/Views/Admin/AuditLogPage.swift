import Domain
import Plot
import Fluent
import Foundation
import Vapor

/// 审计日志: the append-only log, newest first, with filters and the on-demand
/// check of the hash chain (核验日志链).
struct AuditLogPage {
    struct Row: Sendable {
        var seq: Int
        var time: String
        var actor: String
        var roleLabel: String
        var action: String
        var object: String
        var ip: String
        var outcome: String
        var detail: String
    }

    struct Filters: Sendable {
        var actor = ""
        var action = ""
        var outcome = ""
        var from = ""
        var to = ""

        var query: [(String, String)] {
            [("actor", actor), ("action", action), ("outcome", outcome), ("from", from), ("to", to)]
        }
    }

    /// The result of 核验日志链, when asked for.
    struct Verification: Sendable {
        var intact: Bool
        var text: String
    }

    static let outcomeChoices = [
        Choice(value: "success", label: "成功"), Choice(value: "failure", label: "失败"), Choice(value: "denied", label: "拒绝"),
    ]

    static func outcomeLabel(_ raw: String) -> String {
        outcomeChoices.first { $0.value == raw }?.label ?? raw
    }

    var chrome: PageChrome
    var filters: Filters
    var errors = FieldErrors()
    var verification: Verification?
    var rows: [Row]
    var pager: Pager

    func render() -> HTML {
        Layout.page(
            chrome,
            .section(
                .class("panel"),
                .div(.class("page-head"),
                     .h1(.text("审计日志")),
                     .a(.class("button"), .href(Pager.url(SiteURL.admin(.audit).path, filters.query.filter { !$0.1.isEmpty } + [("verify", "1")])),
                        .text("核验日志链"))),
                .unwrap(verification) { v in
                    .div(
                        .class(v.intact ? "verify-box ok" : "verify-box broken"),
                        .attribute(named: "role", value: "status"),
                        .h2(.text("核验日志链")),
                        .p(.text(v.text))
                    )
                },
                .errorSummary(errors),
                .filterForm(
                    SiteURL.admin(.audit).path,
                    .textField("actor", label: "操作人用户名", value: filters.actor, error: errors["actor"], maxLength: 64),
                    .textField("action", label: "操作类型（前缀）", value: filters.action, error: errors["action"],
                               hint: "如 login、account.、org.", maxLength: 64),
                    .selectField("outcome", label: "结果", choices: Self.outcomeChoices, selected: filters.outcome,
                                 error: errors["outcome"], prompt: "全部"),
                    .textField("from", label: "开始日期", value: filters.from, error: errors["from"],
                               hint: "YYYY-MM-DD，北京时间", maxLength: 10),
                    .textField("to", label: "结束日期", value: filters.to, error: errors["to"],
                               hint: "YYYY-MM-DD，含当天", maxLength: 10)
                ),
                .p(.class("hint"), .text("日志只增不改，每条记录含前一条的哈希值；删除或修改任何一条都会使核验在该处失败。")),
                .if(errors.isEmpty && rows.isEmpty, .p(.class("muted"), .text("没有符合条件的记录。"))),
                .if(!rows.isEmpty, .table(
                    .class("data audit"),
                    .thead(.tr(.th(.text("序号")), .th(.text("时间（北京）")), .th(.text("操作人")), .th(.text("角色")),
                               .th(.text("操作")), .th(.text("对象")), .th(.text("IP")), .th(.text("结果")),
                               .th(.text("说明")))),
                    .tbody(.forEach(rows) { row in
                        .tr(
                            .td(.text(String(row.seq))), .td(.text(row.time)), .td(.text(row.actor)),
                            .td(.text(row.roleLabel)), .td(.code(.text(row.action))), .td(.text(row.object)),
                            .td(.text(row.ip)), .td(.text(Self.outcomeLabel(row.outcome))), .td(.text(row.detail))
                        )
                    })
                )),
                .if(errors.isEmpty, .pager(pager))
            )
        )
    }
}

extension AuditLogPage {
    /// The audit timestamp of 00:00 Beijing time (UTC+8) on `day`.
    static func utcStart(of day: LocalDate) -> String {
        AuditLog.timestamp(Date(timeIntervalSince1970: TimeInterval(day.dayNumber * 86400 - 8 * 3600)))
    }

    /// The records matching the checked filters (`from`/`to` already parsed), one page of
    /// them, newest first: a count and the page's rows. `pager`: the page asked for.
    static func load(_ req: Request, filters f: Filters, from: LocalDate?, to: LocalDate?, verification: Verification?,
                     pager: Pager) async throws -> AuditLogPage {
        var pager = pager
        func filtered() -> QueryBuilder<AuditRecord> {
            var q = AuditRecord.query(on: req.db)
            if !f.actor.isEmpty { q = q.filter(\.$actorName == f.actor) }
            if !f.action.isEmpty { q = q.filter(\.$action =~ f.action) }
            if !f.outcome.isEmpty { q = q.filter(\.$outcome == f.outcome) }
            // Timestamps are UTC text of one fixed shape, so text order is time order.
            if let from { q = q.filter(\.$occurredAt >= utcStart(of: from)) }
            if let to { q = q.filter(\.$occurredAt < utcStart(of: to.adding(days: 1))) }
            return q
        }
        pager.total = try await filtered().count()
        pager.page = min(pager.page, pager.pageCount)
        let records = try await filtered().sort(\.$seq, .descending)
            .range(pager.offset..<(pager.offset + pager.pageSize)).all()
        let rows = records.map { r in
            Row(
                seq: r.seq, time: BeijingTime.text(auditTimestamp: r.occurredAt), actor: r.actorName,
                roleLabel: r.role.flatMap { Role(rawValue: $0)?.label } ?? "—", action: r.action,
                object: [r.objectType, r.objectID.map { String($0.prefix(8)) }].compactMap { $0 }.joined(separator: " "),
                ip: r.ip ?? "—", outcome: r.outcome, detail: r.detail)
        }
        return AuditLogPage(chrome: PageChrome(req: req, title: "审计日志"), filters: f, verification: verification,
                            rows: rows, pager: pager)
    }
}
