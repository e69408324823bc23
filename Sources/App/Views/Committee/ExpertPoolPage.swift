import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// 专家库 (the committee office): every expert with term and state, the buttons that
/// disable, enable and renew, the form that adds one, and the recorded conflicts (回避)
/// with the form that records another. A refused form comes back with what was typed.
struct ExpertPoolPage {
    struct Row: Sendable {
        var id: UUID
        var name: String
        var specialty: String
        var title: String
        var organization: String
        var contact: String
        var term: String
        var account: String
        var status: String
        var isActive: Bool
    }

    struct Recusal: Sendable {
        var expert: String
        var applicant: String
        var source: String
        var reason: String
    }

    var chrome: PageChrome
    var csrf: String
    var errors: [String]
    var values: [String: String]
    var experts: [Row]
    var recusals: [Recusal]
    var organizations: [Choice]
    var accounts: [Choice]
    var applications: [Choice]

    static func load(_ req: Request, errors: [String] = [], values: [String: String] = [:],
                     notice: String? = nil) async throws -> ExpertPoolPage {
        let experts = try await Expert.query(on: req.db).with(\.$organization).with(\.$user).sort(\.$name).all()
        let orgs = try await Organization.query(on: req.db).filter(\.$isActive == true).sort(\.$name).all()
        let expertAccounts = try await UserAccount.query(on: req.db).filter(\.$roleRaw == Role.expert.rawValue)
            .sort(\.$username).all()
        let conflicts = try await ExpertConflict.query(on: req.db).with(\.$expert)
            .with(\.$application) { $0.with(\.$applicant) }.all()
        let applications = try await ApplicationRecord.query(on: req.db)
            .filter(\.$state ~~ ApplicationState.committeeStates.map(\.rawValue)).with(\.$applicant).all()
        let today = req.today
        return ExpertPoolPage(
            chrome: PageChrome(req: req, title: "专家库", notice: notice), csrf: try await req.csrfToken(),
            errors: errors, values: values,
            experts: experts.map { e in
                let inTerm = LocalDate(iso: e.termStart).flatMap { s in LocalDate(iso: e.termEnd).map { ExpertTerm.isInForce(start: s, end: $0, on: today) } } ?? false
                return Row(id: e.id!, name: e.name, specialty: e.specialty, title: e.title, organization: e.organization.name,
                           contact: e.contact, term: "\(e.termStart) 至 \(e.termEnd)", account: e.user.map { "\($0.username)" } ?? "—",
                           status: !e.isActive ? "已停用" : (inTerm ? "在任" : "不在任期内"), isActive: e.isActive)
            },
            recusals: conflicts.map { c in
                Recusal(expert: c.expert.name, applicant: c.application.applicant.realName,
                        source: ConflictSource(rawValue: c.source)?.label ?? c.source, reason: c.reason)
            },
            organizations: orgs.map { Choice(value: $0.id!.uuidString, label: $0.name) },
            accounts: expertAccounts.map { Choice(value: $0.id!.uuidString, label: "\($0.username)（\($0.realName)）") },
            applications: applications.map { Choice(value: $0.id!.uuidString, label: "\($0.applicant.realName)（\($0.specialty)）") })
    }

    func render() -> HTML {
        let rows: [[CommitteeUI.Body]] = experts.map { e in
            [.text(e.name), .text(e.specialty), .text(e.title), .text(e.organization), .text(e.contact),
             .text(e.term), .text(e.account), .text(e.status),
             .div(
                e.isActive ? CommitteeUI.button(SiteURL.committee(.expert(.value(e.id), .disable)).path, csrf: csrf, "停用")
                    : CommitteeUI.button(SiteURL.committee(.expert(.value(e.id), .enable)).path, csrf: csrf, "启用"),
                .form(.method(.post), .action(SiteURL.committee(.expert(.value(e.id), .renew)).path), .class("inline"), .csrfField(csrf),
                      .input(.type(.text), .name("termEnd"), .placeholder("续聘至 YYYY-MM-DD"),
                             .attribute(named: "aria-label", value: "\(e.name)续聘至")),
                      .button(.type(.submit), .class("button secondary"), .text("续聘")))
             )]
        }
        let sources = ConflictSource.allCases.filter { $0 != .sameEmployer }.map { Choice(value: $0.rawValue, label: $0.label) }
        return CommitteeUI.page(chrome, [
            CommitteeUI.officeMenu(),
            CommitteeUI.errors(errors),
            .p(.text("评审专家每届任期不超过\(ExpertTerm.maximumYears)年（《职称评审管理暂行规定》第十二条）。停用或不在任期内的专家不参加抽取。")),
            CommitteeUI.table(["姓名", "专业", "职称", "工作单位", "联系方式", "任期", "登录账号", "状态", "操作"], rows, id: "experts"),
            CommitteeUI.section("增加专家", id: "add-expert", [CommitteeUI.form(SiteURL.committee(.experts).path, csrf: csrf, [
                .textField("name", label: "姓名", value: values["name"], required: true, maxLength: 40),
                .textField("specialty", label: "专业", value: values["specialty"], required: true, maxLength: 40),
                .textField("title", label: "职称", value: values["title"], required: true, maxLength: 40),
                .selectField("organizationID", label: "工作单位", choices: organizations, selected: values["organizationID"], required: true),
                .textField("contact", label: "联系方式", value: values["contact"], required: true, maxLength: 60),
                .textField("termStart", label: "任期开始", value: values["termStart"], type: "date", required: true),
                .textField("termEnd", label: "任期结束", value: values["termEnd"], type: "date", required: true),
                .selectField("userID", label: "登录账号（评审专家角色，可不选）", choices: accounts, selected: values["userID"],
                             prompt: "无"),
            ], submit: "增加")]),
            CommitteeUI.section("回避登记", id: "conflicts", [
                .p(.text("与申报人同一工作单位的专家由系统自动回避；此处登记专家本人申请、申报人申请或办公室指定的回避。")),
                CommitteeUI.table(["专家", "申报人", "来源", "理由"], recusals.map { c in
                    [.text(c.expert), .text(c.applicant), .text(c.source), .text(c.reason)]
                }, id: "conflict-list"),
                CommitteeUI.form(SiteURL.committee(.conflicts).path, csrf: csrf, [
                    .selectField("expertID", label: "专家", choices: experts.map { Choice(value: $0.id.uuidString, label: $0.name) },
                                 selected: values["conflict.expertID"], required: true),
                    .selectField("applicationID", label: "申报人", choices: applications,
                                 selected: values["conflict.applicationID"], required: true),
                    .selectField("source", label: "来源", choices: sources, selected: values["conflict.source"], required: true),
                    .textField("reason", label: "理由", value: values["conflict.reason"], required: true,
                               maxLength: ConflictRecorder.reasonMaxLength),
                ], submit: "登记回避"),
            ]),
        ])
    }
}
