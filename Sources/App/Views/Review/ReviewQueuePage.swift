import Domain
import Plot
import Vapor

/// 待我办理: what waits for the actor's body, with batch approval.
struct ReviewQueuePage {
    struct Row {
        var id: String
        var path: String
        var applicant: String
        var level: String
        var specialty: String
        var unit: String
        var state: String
        var submittedAt: String
    }

    var chrome: PageChrome
    var csrf: String
    var total: Int
    var page: Int
    var pageSize: Int
    var level: String
    var batchApprove: Bool
    var approveTitle: String
    var rows: [Row]

    /// One page of the queue, oldest submission first (two statements, `ReviewQueueQuery`);
    /// each row still passes the access rule it would meet when opened. The page asked
    /// for is clamped to the last one, so `?page=` never reaches an offset that overflows
    /// (a huge number would otherwise stop the process).
    static func load(_ req: Request, notice: String?) async throws -> ReviewQueuePage {
        guard let actor = req.actor else { throw PageError.signInRequired(expired: false) }
        let level = req.query[String.self, at: "level"]
        let size = ReviewQueueController.pageSize
        var total = 0, page = 1
        var rows: [ReviewQueueQuery.Row] = []
        if let queue = try ReviewQueueQuery(actor: actor, db: req.db) {
            total = try await queue.count(level: level)
            page = min(max(1, req.query[Int.self, at: "page"] ?? 1), max(1, (total + size - 1) / size))
            rows = try await queue.page(page, size: size, level: level)
                .filter { AccessPolicy.decide(actor, .reviewApplication, .application($0.facts)).isAllowed }
        }
        return ReviewQueuePage(
            chrome: PageChrome(req: req, title: "待我办理", notice: notice), csrf: try await req.csrfToken(),
            total: total, page: page, pageSize: size, level: level ?? "",
            batchApprove: AccessPolicy.roles(for: .approveInBatch).contains(actor.role),
            approveTitle: actor.role == .cityHR ? "审核通过/备案" : "审核通过",
            rows: rows.map { r in
                Row(id: r.facts.id.uuidString, path: DeclarationURL(id: r.facts.id).progress, applicant: r.applicantName,
                    level: BasicsForm.levels.first { $0.code == r.targetLevel }?.label ?? r.targetLevel,
                    specialty: r.specialty, unit: r.unitName, state: r.facts.state.label,
                    submittedAt: r.submittedAt.map { BeijingTime.text($0) } ?? "—")
            })
    }

    func render() -> HTML {
        let pages = max(1, (total + pageSize - 1) / pageSize)
        let levels = [Choice(value: "", label: "全部级别")] + BasicsForm.levels.map { Choice(value: $0.code, label: $0.label) }
        return Layout.page(
            chrome,
            .h1(.text("待我办理")),
            .form(
                .method(.get), .action(SiteURL.reviews.path), .class("filters"),
                .selectField("level", label: "申报级别", choices: levels, selected: level, prompt: nil),
                .submitButton("筛选", style: "secondary")
            ),
            .p(.text("共\(total)件，第\(page)/\(pages)页。")),
            .if(rows.isEmpty, .p(.class("muted"), .text("暂无等待您办理的申报。"))),
            .if(!rows.isEmpty, .form(
                .method(.post), .action(SiteURL.approveReviews.path),
                .csrfField(csrf),
                // The checkboxes share one name: grouped and labelled for assistive technology.
                .div(.class("table-wrap"), .attribute(named: "role", value: "group"), .attribute(named: "aria-label", value: "待办申报列表"), .table(
                    .class("data"),
                    .thead(.tr(.if(batchApprove, .th(.text("选择"))), .th(.text("申报人")), .th(.text("申报级别")), .th(.text("申报专业")),
                               .th(.text("工作单位")), .th(.text("状态")), .th(.text("提交时间")))),
                    .tbody(.forEach(rows) { row in
                        .tr(
                            .if(batchApprove, .td(.input(.type(.checkbox), .name("ids[]"), .value(row.id),
                                                         .attribute(named: "aria-label", value: "选择\(row.applicant)")))),
                            .td(.a(.href(row.path), .text(row.applicant))), .td(.text(row.level)), .td(.text(row.specialty)),
                            .td(.text(row.unit)), .td(.text(row.state)), .td(.text(row.submittedAt)))
                    })
                )),
                .if(batchApprove, .submitButton("勾选的申报\(approveTitle)"))
            )),
            .if(pages > 1, .nav(.ariaLabel("分页"), .ul(.class("pager"), .forEach(1...pages) { p in
                .li(.a(.href(SiteURL.reviews.path(query: ["level": level, "page": String(p)])), .if(p == page, .attribute(named: "aria-current", value: "page")), .text("\(p)")))
            })))
        )
    }
}
