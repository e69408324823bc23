import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// 试运行 (issue 19, item 3): an uploaded bundle's eligibility over the declarations of
/// the year in use, beside the answers of the bundle in use: how many verdicts change
/// each way, which clauses make them change, and who is concerned (names: the page is
/// the committee office's only). Below it, the separate, confirmed activation.
struct PolicyRehearsalPage {
    struct Row: Sendable {
        var name: String
        var unit: String
        var level: String
        var state: String
        var old: String
        var new: String
        var clauses: String
    }
    struct ClauseRow: Sendable { var id: String; var heading: String; var count: Int }

    /// What the activation part of the page says.
    enum Activation: Sendable {
        /// Active since (date), for its year.
        case active(String)
        /// Cannot be activated, and why.
        case refused(String)
        /// May be activated: the year it will hold and when its declaration opens.
        case open(year: Int, declaration: String)
    }

    var chrome: PageChrome
    var csrf: String
    var oldID: String
    var oldTitle: String
    var newID: String
    var newTitle: String
    var year: Int
    var example: Bool
    var total: Int
    var becameIneligible: Int
    var becameEligible: Int
    var other: Int
    var clauses: [ClauseRow]
    var rows: [Row]
    var activation: Activation
    var error: String?

    static func verdictLabel(_ v: Verdict) -> String {
        switch v {
        case .eligible: "符合"
        case .ineligible: "不符合"
        case .manualReview: "需人工审核"
        }
    }

    static func load(_ req: Request, record: PolicyBundleRecord, error: String? = nil) async throws -> PolicyRehearsalPage {
        let new = try record.policy()
        let inUse = req.policies
        let old = inUse.current
        let year = inUse.year.year
        let applications = try await ApplicationRecord.query(on: req.db).filter(\.$year == year)
            .with(\.$applicant).with(\.$unit).sort(\.$createdAt).all()
        let ids = try applications.map { try $0.requireID() }
        // Two queries for the whole year, not two per declaration.
        let items = ids.isEmpty ? [] : try await ApplicationItem.query(on: req.db).filter(\.$application.$id ~~ ids)
            .sort(\.$section).sort(\.$position).all()
        let itemsByApplication = Dictionary(grouping: items, by: { $0.$application.id })
        let reportFiles = ids.isEmpty ? [] : try await StoredFile.query(on: req.db).filter(\.$application.$id ~~ ids)
            .filter(\.$slot == DossierSlot.category8.rawValue).all()
        let withReportFile = Set(reportFiles.compactMap { $0.$application.id })
        let declarations = applications.map { a in
            PolicyRehearsal.Declaration(key: a.id!.uuidString, profile: DeclarationSnapshot.profile(
                a, unitKind: a.unit.unitKind ?? .enterprise, items: itemsByApplication[a.id!] ?? [],
                reportFile: withReportFile.contains(a.id!)))
        }
        let report = PolicyRehearsal(old: old, new: new, declarations: declarations)
        let byKey = Dictionary(uniqueKeysWithValues: applications.map { ($0.id!.uuidString, $0) })
        let rows: [Row] = report.changes.compactMap { change in
            guard let a = byKey[change.key] else { return nil }
            return Row(name: a.applicant.realName, unit: a.unit.name,
                       level: BasicsForm.levels.first { $0.code == a.targetLevel }?.label ?? a.targetLevel,
                       state: a.stateValue.label, old: verdictLabel(change.old), new: verdictLabel(change.new),
                       clauses: change.clauses.joined(separator: "、"))
        }
        let activation: Activation
        if let activeYear = record.activeYear {
            activation = .active("\(record.activatedAt.map { LocalDate.beijing($0).chinese } ?? "")启用，为\(activeYear)年度的政策")
        } else if let refusal = PolicyActivation.refusal(record, new, registry: req.application.policyRegistry) {
            activation = .refused(refusal)
        } else {
            activation = .open(year: new.applicationDate.year,
                               declaration: "\(new.declaration.opens.chinese)至\(new.declaration.closes.chinese)")
        }
        let example: Bool = (try? JSONValue.parse(Array(record.json.utf8)))?["example"] == .bool(true)
        return PolicyRehearsalPage(
            chrome: PageChrome(req: req, title: "年度政策试运行"), csrf: try await req.csrfToken(),
            oldID: old.id, oldTitle: old.title, newID: new.id, newTitle: new.title, year: year, example: example,
            total: report.total, becameIneligible: report.becameIneligible.count, becameEligible: report.becameEligible.count,
            other: report.otherChanges.count,
            clauses: report.clauseCounts.map { c in
                ClauseRow(id: c.clause, heading: new.clause(c.clause)?.heading ?? old.clause(c.clause)?.heading ?? "", count: c.count)
            },
            rows: rows, activation: activation, error: error)
    }

    func render() -> HTML {
        Layout.page(
            chrome,
            .h1(.text("年度政策试运行")),
            .p(.text("用上传的\(newTitle)（\(newID)）对\(year)年度的全部申报重新进行资格审查，与当前使用的\(oldTitle)（\(oldID)）的结论比较。试运行只计算、不保存，不改变任何申报的结论。")),
            .if(example, .p(.class("notice"), .text("这是示例文件（example），不是真实的新年度政策。"))),
            .section(
                .class("panel"), .id("summary"),
                .h2(.text("结论的变化")),
                .p(.text("共\(total)份申报，结论改变\(rows.count)份：由符合变为不符合（或需人工审核）\(becameIneligible)份，由不符合（或需人工审核）变为符合\(becameEligible)份，其他变化\(other)份。")),
                .if(total == 0, .p(.class("muted"), .text("\(year)年度尚无申报。")))
            ),
            .section(
                .class("panel"), .id("clauses"),
                .h2(.text("引起变化的条款")),
                .if(clauses.isEmpty, .p(.text("没有条款引起结论变化。"))),
                .if(!clauses.isEmpty, table(["条款", "小标题", "涉及的申报数"], clauses.map { [$0.id, $0.heading, String($0.count)] }))
            ),
            .section(
                .class("panel"), .id("affected"),
                .h2(.text("结论改变的申报人")),
                .if(rows.isEmpty, .p(.text("没有申报人的结论改变。"))),
                .if(!rows.isEmpty, table(["申报人", "单位", "申报级别", "状态", "当前结论", "试运行结论", "涉及条款"],
                                         rows.map { [$0.name, $0.unit, $0.level, $0.state, $0.old, $0.new, $0.clauses] }))
            ),
            activationSection,
            .p(.a(.href(SiteURL.policyDiff(.value(newID)).path), .text("查看与上一年度的比较")), .text(" · "),
               .a(.href(SiteURL.policies.path), .text("返回年度政策")))
        )
    }

    private var activationSection: Node<HTML.BodyContext> {
        .section(
            .class("panel"), .id("activate"),
            .h2(.text("启用")),
            .unwrap(error) { message in
                .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text(message)))
            },
            activationBody
        )
    }

    private var activationBody: Node<HTML.BodyContext> {
        switch activation {
        case .active(let text):
            return .p(.text("已于\(text)。启用的年度政策不能修改，只能由以后年度的政策文件接替。"))
        case .refused(let reason):
            return .p(.text(reason))
        case .open(let year, let declaration):
            return .group(
                .p(.text("启用后，\(newID)成为\(year)年度的政策：\(year)年度申报期为\(declaration)，自申报开始之日起新的申报按它审查；已有的申报仍按各自申报时的年度政策审查，结论不变。启用后不能修改、不能撤回，只能由以后年度的政策文件接替。")),
                .form(
                    .method(.post), .action(SiteURL.policyActivate(.value(newID)).path), .csrfField(csrf),
                    .checkboxField("confirm", label: "我已核对比较和试运行的结果，确认启用\(newID)作为\(year)年度的政策",
                                   checked: false, required: true),
                    .submitButton("启用")
                )
            )
        }
    }

    private func table(_ heads: [String], _ rows: [[String]]) -> Node<HTML.BodyContext> {
        .div(.class("table-wrap"), .table(
            .class("data"),
            .thead(.tr(.forEach(heads) { .th(.text($0)) })),
            .tbody(.forEach(rows) { cells in .tr(.forEach(cells) { .td(.text($0)) }) })
        ))
    }
}
