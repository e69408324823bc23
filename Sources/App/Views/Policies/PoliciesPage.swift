import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// 年度政策 (the committee office): the year in use, the bundles uploaded for a new
/// year, and the form to upload one. An upload is checked as by `title-review policy
/// check`; a bundle that is not whole is refused with the place of its first problem
/// and nothing is stored. Storing a bundle does not put it in use: each one links to
/// its comparison and its rehearsal, where the confirmed activation is.
struct PoliciesPage {
    struct Row: Sendable {
        var bundleID: String
        var title: String
        var summary: String
        var uploaded: String
        /// 已启用（2023年度） or 未启用.
        var status: String
    }
    /// A year the application knows: its bundle and its declaration period.
    struct Year: Sendable {
        var year: Int
        var bundleID: String
        var text: String
    }

    var chrome: PageChrome
    var csrf: String
    var activeID: String
    var activeTitle: String
    var activeReference: LocalDate
    var rows: [Row]
    var years: [Year]
    var error: String?
    /// The name of the file that was refused, so the clerk sees which one it was.
    var refusedFile: String?

    static func load(_ req: Request, error: String? = nil, refusedFile: String? = nil) async throws -> PoliciesPage {
        let records = try await PolicyBundleRecord.query(on: req.db).sort(\.$createdAt, .descending).all()
        let active = req.policies.current
        let today = req.today
        let years: [Year] = req.application.policyRegistry.all.map { store in
            let p = store.current, d = p.declaration
            let text: String
            if p.id == active.id { text = "当前使用，申报期\(d.opens.chinese)至\(d.closes.chinese)" }
            else if today < d.opens { text = "已启用，\(store.year.year)年度申报期自\(d.opens.chinese)起（至\(d.closes.chinese)）" }
            else { text = "已启用，申报期\(d.opens.chinese)至\(d.closes.chinese)" }
            return Year(year: store.year.year, bundleID: p.id, text: text)
        }
        return PoliciesPage(
            chrome: PageChrome(req: req, title: "年度政策"), csrf: try await req.csrfToken(),
            activeID: active.id, activeTitle: active.title, activeReference: active.referenceDate,
            rows: records.map { r in
                Row(bundleID: r.bundleID, title: r.title, summary: r.summary,
                    uploaded: r.createdAt.map { LocalDate.beijing($0).chinese } ?? "",
                    status: r.activeYear.map { "已启用（\($0)年度）" } ?? "未启用")
            },
            years: years, error: error, refusedFile: refusedFile)
    }

    func render() -> HTML {
        Layout.page(
            chrome,
            .h1(.text("年度政策")),
            .p(.text("当前使用：\(activeTitle)（编号 \(activeID)，年限计算至\(activeReference.chinese)）。")),
            .ul(.id("years"), .forEach(years) { y in .li(.text("\(y.year)年度（\(y.bundleID)）：\(y.text)")) }),
            .p(.class("hint"), .text("新年度的通知下发后，按《年度政策文件的写法》（docs/policy-bundle.md）写好政策文件，在此上传。上传时逐项检查：参数齐全且类型、单位正确，引用的条款都存在，日期真实且先后有序，文件自带的测试用例全部给出预期结论。检查不通过的文件不保存，并指出第一个问题所在的位置。上传只是保存、比较和试运行，不改变当前使用的年度政策；启用是单独的、须确认的一步，启用后新年度在它的申报期开始时生效。已保存的文件不能覆盖，修改后请用新的编号上传；已启用年度的政策不能修改，只能由以后年度的政策文件接替。")),
            .unwrap(error) { message in
                .div(.class("error-summary"), .attribute(named: "role", value: "alert"),
                     .p(.text(message)),
                     .unwrap(refusedFile) { .p(.text("未保存的文件：\($0)")) })
            },
            .section(
                .class("panel"), .id("upload"),
                .h2(.text("上传新年度政策文件")),
                .form(
                    .method(.post), .action(SiteURL.policies.path), .enctype(.multipartData), .csrfField(csrf),
                    .div(.class("field"),
                         .label(.for("policy-bundle"), .text("政策文件（JSON）")),
                         .input(.type(.file), .name("bundle"), .id("policy-bundle"), .attribute(named: "accept", value: ".json,application/json"),
                                .attribute(named: "required", value: "required"))),
                    .submitButton("检查并保存")
                )
            ),
            .section(
                .class("panel"), .id("stored"),
                .h2(.text("已上传的政策文件")),
                .if(rows.isEmpty, .p(.class("muted"), .text("尚未上传。"))),
                .if(!rows.isEmpty, .div(.class("table-wrap"), .table(
                    .class("data"),
                    .thead(.tr(.th(.text("编号")), .th(.text("名称")), .th(.text("检查结果")), .th(.text("上传日期")), .th(.text("状态")), .th(.text("比较与试运行")))),
                    .tbody(.forEach(rows) { r in
                        .tr(.td(.text(r.bundleID)), .td(.text(r.title)), .td(.text(r.summary)), .td(.text(r.uploaded)),
                            .td(.text(r.status)),
                            .td(.a(.href(SiteURL.policyDiff(.value(r.bundleID)).path), .text("查看变化")), .text(" · "),
                                .a(.href(SiteURL.policyRehearsal(.value(r.bundleID)).path), .text(r.status == "未启用" ? "试运行与启用" : "试运行"))))
                    })
                )))
            )
        )
    }
}
