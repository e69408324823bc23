import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// 结果公示与证书 (the committee office): who passed with their certificates, the
/// publicities, objections / 复查 / 投诉 and their handling, and issuing the
/// certificates.
struct ResultsPage {
    struct Passed: Sendable {
        var applicant: String
        var unit: String
        var specialty: String
        var state: String
        /// The certificate once issued: its record (for the printable page) and number.
        var certificate: (id: UUID, number: String)?
        var code: String?
    }

    struct Publicity: Sendable {
        var starts: String
        var ends: String
        var count: Int
        /// 审核确认: done (day and who) or waiting for the city HR bureau.
        var confirmation: String
    }

    /// An objection, 复查 or 投诉 as the list shows it (its kind as a label).
    typealias Case = ResultCase.Row

    var chrome: PageChrome
    var csrf: String
    var errors: [String]
    var passed: [Passed]
    var publicities: [Publicity]
    /// The publicity's length in working days (the year's policy).
    var publicityWorkingDays: Int
    var cases: [Case]
    /// Everyone at the committee stage, for recording a case.
    var applicants: [Choice]
    var today: String
    /// What was typed into a refused form, by field name (per case: `resolution-<id>`).
    var typed: [String: String] = [:]
    /// The review year shown (`?year=`, the year in use by default).
    var years: YearPicker
    /// The page of 评审通过人员 shown (`?page=`); nil renders the whole list without a pager.
    var passedPager: Pager? = nil
    /// The name asked for in the case form's 查找 (`?who=`), to narrow its choices.
    var who: String = ""
    /// The choices stop at `choiceLimit` names: the form asks for a name first.
    var choicesCut = false
    /// The most names the case form lists.
    var choiceLimit = ResultsPage.choiceLimit

    /// Rows of 评审通过人员 per page: at 100,000 applications a year has ~7,500 who passed, and
    /// one page of all of them was 2.6 MB and 1.7 s to build (issue 18).
    static let pageSize = 50
    /// At most this many names in the case form's 申报人 list; more are found by name.
    static let choiceLimit = 200

    private func typedValue(_ name: String, _ fallback: String = "") -> String { typed[name] ?? fallback }

    /// `typed`: what the user typed into the form that was refused, to show it again.
    /// `pageSize`: rows of 评审通过人员 per page; `choiceLimit`: names in the case form at most
    /// (tests ask for small ones).
    static func load(_ req: Request, errors: [String] = [], typed: [String: String] = [:],
                     pageSize: Int = ResultsPage.pageSize, choiceLimit: Int = ResultsPage.choiceLimit) async throws -> ResultsPage {
        let years = YearPicker.make(req, url: .committee(.results))
        let year = years.selected
        let who = String((req.query[String.self, at: "who"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            .prefix(AccountFields.realNameMax))
        // Six statements whatever the number of people (issue 18): how many passed and one page
        // of them with their certificates, the publicities, the year's cases with the applicants'
        // names, how many are at the committee stage and the case form's choices (at most
        // `choiceLimit`, by name); none reads a declaration.
        let total = try await CommitteeListQuery.count(year: year, states: [.passed, .certified], on: req.db)
        let pager = Pager.clamped(page: Pager.requestedPage(req.query[String.self, at: "page"]), pageSize: pageSize, total: total,
                                  path: SiteURL.committee(.results).path,
                                  query: [("year", String(year)), ("who", who)])
        let passed = try await ApplicationRecord.passedRows(year: year, page: pager.window, on: req.db)
        let publicities = try await ResultPublicity.query(on: req.db).filter(\.$year == year).sort(\.$starts).all()
        let cases = try await ResultCase.rows(year: year, on: req.db)
        // Names only when they fit one list or a name was asked for: sorting ~14,000 names to show
        // the first 200 took 0.3 s at 100,000 applications and helps no one.
        let atStage = try await CommitteeListQuery.count(year: year, states: ApplicationState.committeeStates, on: req.db)
        var atCommittee: [(id: UUID, name: String)] = []
        var choicesCut = false
        if atStage <= choiceLimit || !who.isEmpty {
            atCommittee = try await ApplicationRecord.namesAtCommittee(year: year, matching: who, limit: choiceLimit + 1, on: req.db)
            choicesCut = atCommittee.count > choiceLimit
            atCommittee = Array(atCommittee.prefix(choiceLimit))
        } else {
            choicesCut = true
        }
        // A refused form keeps the person chosen even when the list above does not hold them.
        if let chosen = typed["applicationID"].flatMap(UUID.init(uuidString:)), !atCommittee.contains(where: { $0.id == chosen }) {
            atCommittee = try await ApplicationRecord.namesAtCommittee(year: year, ids: [chosen], on: req.db) + atCommittee
        }
        return ResultsPage(
            chrome: PageChrome(req: req, title: "结果公示与证书"), csrf: try await req.csrfToken(), errors: errors,
            passed: passed.map { a in
                ResultsPage.Passed(applicant: a.name, unit: a.unit, specialty: a.specialty, state: a.state.label,
                                   certificate: a.certificate.map { (id: $0.id, number: $0.number) }, code: a.certificate?.code)
            },
            publicities: publicities.map { p in
                .init(starts: p.starts, ends: p.ends, count: p.applicationIDs.count,
                      confirmation: p.confirmedOn.map { "已于\($0)审核确认（\(p.confirmedByName ?? "")）" } ?? "待市人社局审核确认")
            },
            publicityWorkingDays: try CommitteeData.integer(req, "resultPublicityWorkingDays", year: year),
            cases: cases,
            applicants: atCommittee.map { Choice(value: $0.id.uuidString, label: $0.name) },
            today: req.today.iso, typed: typed, years: years, passedPager: pager, who: who, choicesCut: choicesCut,
            choiceLimit: choiceLimit)
    }

    func render() -> HTML {
        CommitteeUI.page(chrome, [
            CommitteeUI.officeMenu(), years.node, CommitteeUI.errors(errors),
            CommitteeUI.section("评审通过人员", id: "passed", [
                CommitteeUI.table(["申报人", "工作单位", "专业", "状态", "证书编号", "验证码"], passed.map { p in
                    [.text(p.applicant), .text(p.unit), .text(p.specialty), .text(p.state),
                     p.certificate.map { .a(.href(SiteURL.committee(.certificate(.value($0.id))).path), .text($0.number)) }
                        ?? .text("—"),
                     .text(p.code ?? "—")]
                }, id: "passed-list", empty: "\(years.selected)年度暂无评审通过人员。"),
                .unwrap(passedPager) { .pager($0) },
            ]),
            CommitteeUI.section("公示", id: "publicity", [
                CommitteeUI.table(["公示期", "人数", "审核确认"], publicities.map { p in
                    [.text("\(p.starts) 至 \(p.ends)"), .text("\(p.count)人"), .text(p.confirmation)]
                }, id: "publicity-table", empty: "\(years.selected)年度尚未公示。"),
                .p(.text("公示期为\(publicityWorkingDays)个工作日（按国务院办公厅公布的放假安排计算），自不早于评委会表决之日、不早于今天的日期起算；公示期满、异议办结并经市人社局审核确认后方可发证。")),
                CommitteeUI.form(CommitteeUI.action(.committee(.resultsPublicity), years), csrf: csrf, [
                    .textField("starts", label: "公示开始日期", value: typedValue("starts", today), type: "date", required: true),
                ], submit: "公示评审通过名单"),
            ]),
            CommitteeUI.section("异议、复查与投诉", id: "cases", [
                CommitteeUI.table(["申报人", "类别", "收到日期", "内容", "处理结果"], cases.map(caseRow), id: "case-list"),
                findApplicant,
                CommitteeUI.form(CommitteeUI.action(.committee(.resultsCases), years), csrf: csrf, [
                    .selectField("applicationID", label: "申报人", choices: applicants, selected: typed["applicationID"], required: true),
                    .selectField("kind", label: "类别", choices: ResultCase.kinds.map { Choice(value: $0.0, label: $0.1) },
                                 selected: typed["kind"], required: true),
                    .textField("received", label: "收到日期", value: typedValue("received", today), type: "date", required: true),
                    .textField("content", label: "内容", value: typedValue("content"), required: true, maxLength: ResultRules.caseContentMax),
                ], submit: "登记"),
            ]),
            CommitteeUI.section("发放证书", id: "certificates", [
                CommitteeUI.form(CommitteeUI.action(.committee(.issueCertificates), years), csrf: csrf, [
                    .textField("issuedOn", label: "发证日期（取得资格时间）", value: typedValue("issuedOn", today), type: "date", required: true),
                ], submit: "为公示期满、经审核确认、无未办结异议的人员发放证书"),
            ]),
        ])
    }

    /// 查找申报人: narrows the case form's 申报人 list by name (GET, so the page stays where it is).
    private var findApplicant: CommitteeUI.Body {
        .group(
            .form(.method(.get), .action(SiteURL.committee(.results).path + "#cases"), .class("filters"),
                  .input(.type(.hidden), .name("year"), .value(String(years.selected))),
                  .textField("who", label: "查找申报人（姓名）", value: who, type: "search", maxLength: AccountFields.realNameMax),
                  .div(.class("actions"), .button(.type(.submit), .class("button secondary"), .text("查找")))),
            .if(choicesCut && who.isEmpty, .p(.class("muted"), .text("评委会阶段人数较多（超过\(choiceLimit)人），请先按姓名查找申报人，再登记。"))),
            .if(choicesCut && !who.isEmpty, .p(.class("muted"), .text("姓名含“\(who)”的申报人超过\(choiceLimit)人，下方仅列出按姓名排序的前\(choiceLimit)人；请输入更完整的姓名。"))),
            .if(!who.isEmpty && applicants.isEmpty, .p(.class("muted"), .text("评委会阶段没有姓名含“\(who)”的申报人。"))))
    }

    private func caseRow(_ c: Case) -> [CommitteeUI.Body] {
        let handling: CommitteeUI.Body = c.resolution.map { .text("\($0)（\(c.resolvedOn ?? "")）") }
            ?? .form(.method(.post), .action(CommitteeUI.action(.committee(.resolveCase(.value(c.id))), years)), .class("inline"),
                     .csrfField(csrf),
                     .input(.type(.text), .name("resolution"), .placeholder("处理结果"), .value(typedValue("resolution-\(c.id.uuidString)")),
                            .attribute(named: "maxlength", value: String(ResultRules.resolutionMax)),
                            .attribute(named: "aria-label", value: "处理结果")),
                     .input(.type(.date), .name("resolvedOn"), .value(typedValue("resolvedOn-\(c.id.uuidString)", today)),
                            .attribute(named: "aria-label", value: "办结日期")),
                     .button(.type(.submit), .class("button secondary"), .text("办结")))
        return [.text(c.applicant), .text(c.kind), .text(c.received), .text(c.content), handling]
    }
}
