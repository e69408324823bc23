import Domain
import Fluent
import Plot
import Vapor

/// 单位评议推荐: the employer's part in the order the notice sets — the
/// evaluation panel checks and rates, the three publicities run on the official
/// calendar with their objections, the appraisal opinion, the unit's commitment,
/// then the recommendation (on the progress page).
struct UnitEvaluationPage {
    struct PublicityView {
        var kind: PublicityKind
        var starts: String?
        var ends: String?
        var status: String
        /// Scheduled for a later day: its date can still be changed or it can be cancelled.
        var notStarted: Bool
        var startsISO: String
        var objections: [(index: Int, objection: Objection)]
        /// The period of a publicity of an earlier submission whose content has changed.
        var superseded: String?
    }

    var chrome: PageChrome
    var csrf: String
    var url: DeclarationURL
    var applicant: String
    var canEdit: Bool
    var evaluation: UnitEvaluation
    var publicities: [PublicityView]
    var minimumWorkingDays: Int
    var missing: [String]
    var today: String
    /// The part of the page an error belongs to, and the message.
    var error: (part: String, message: String)?
    var typed: [String: String]

    func render() -> HTML {
        Layout.page(
            chrome,
            .h1(.text("单位评议推荐")),
            .p(.class("lead"), .text("申报人：\(applicant)。依据长工信〔2022〕139号 四（二）、十（一）（二）；今天是\(today)。")),
            .p(.a(.href(url.progress), .text("返回办理进度")), .text(" · "), .a(.href(url.overview), .text("查看申报材料")),
               .text(" · "), .a(.href(url.recommendation), .text("打印推荐报告")),
               .text(" · "), .a(.href(url.publicitySummary), .text("打印公示情况一览表"))),
            .section(
                .class("panel"), .id("missing"),
                .h2(.text("推荐前还须完成")),
                .if(missing.isEmpty, .p(.class("verdict verdict-eligible"), .text("各项均已完成，可在办理进度页推荐上报。"))),
                .if(!missing.isEmpty, .ul(.forEach(missing) { .li(.text($0)) }))
            ),
            panelSection(), ratingsSection(), publicitySection(), opinionSection(), commitmentSection()
        )
    }

    private func errorBox(_ part: String) -> Node<HTML.BodyContext> {
        .unwrap(error.flatMap { $0.part == part ? $0.message : nil }) {
            .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0)))
        }
    }

    private func value(_ name: String, _ stored: String) -> String { typed[name] ?? stored }

    private func panelSection() -> Node<HTML.BodyContext> {
        let rows = max(evaluation.panel.count + 2, 5)
        let roles = PanelMemberRole.allCases.map { Choice(value: $0.rawValue, label: $0.label) }
        return .section(
            .class("panel"), .id("panel"),
            .h2(.text("评议组")),
            .p(.class("hint"), .text("评议组由群众代表、同行专家、单位领导和科研管理部门代表共同组成（四（二））。姓名留空的行不保存。")),
            errorBox("panel"),
            .form(
                .method(.post), .action(url.unitPage(.panel)), .csrfField(csrf),
                .div(.class("table-wrap"), .table(
                    .class("data"),
                    .thead(.tr(.th(.text("序号")), .th(.text("姓名")), .th(.text("职务或职称")), .th(.text("身份")))),
                    .tbody(.forEach(0..<rows) { i in
                        let m = i < evaluation.panel.count ? evaluation.panel[i] : nil
                        return .tr(
                            .td(.text("\(i + 1)")),
                            .td(.textField("name_\(i)", label: "第\(i + 1)位姓名", value: value("name_\(i)", m?.name ?? ""), maxLength: 30)),
                            .td(.textField("post_\(i)", label: "第\(i + 1)位职务或职称", value: value("post_\(i)", m?.post ?? ""), maxLength: 40)),
                            .td(.selectField("role_\(i)", label: "第\(i + 1)位身份", choices: roles, selected: value("role_\(i)", m?.role.rawValue ?? "")))
                        )
                    })
                )),
                .if(canEdit, .submitButton("保存评议组"))
            )
        )
    }

    private func ratingsSection() -> Node<HTML.BodyContext> {
        let ratings = EvaluationRating.allCases.map { Choice(value: $0.rawValue, label: $0.label) }
        return .section(
            .class("panel"), .id("ratings"),
            .h2(.text("材料真实性审核与综合评议")),
            errorBox("ratings"),
            .form(
                .method(.post), .action(url.unitPage(.ratings)), .csrfField(csrf),
                .checkboxField("authenticity", label: "评议组已对申报人提交材料的真实性进行审核把关",
                               checked: evaluation.authenticityChecked),
                .forEach(EvaluationCriterion.allCases) { c in
                    .selectField("rating_\(c.rawValue)", label: c.label, choices: ratings,
                                 selected: value("rating_\(c.rawValue)", evaluation.ratings[c]?.rawValue ?? ""))
                },
                .if(canEdit, .submitButton("保存综合评议"))
            )
        )
    }

    private func publicitySection() -> Node<HTML.BodyContext> {
        .section(
            .class("panel"), .id("publicities"),
            .h2(.text("三公示")),
            .p(.class("hint"), .text("每项公示期不少于\(minimumWorkingDays)个工作日，按国务院公布的节假日安排计算（含调休上班日），结束日由系统计算；公示期满次一工作日起且无未处理异议，方可进行下一步（十（一））。开始日期不能早于今天和单位受理日，公示须在本年度申报期内结束；尚未开始的公示可以更改日期或取消。")),
            errorBox("publicity"),
            .forEach(publicities) { p in
                .div(
                    .class("publicity"), .id("publicity-\(p.kind.rawValue)"),
                    .h3(.text(p.kind.label)),
                    .p(.text(p.starts.map { "公示期：\($0)至\(p.ends ?? "")（\(p.status)）" } ?? "尚未公示"),
                       .if(p.starts != nil, .group(.text(" "), .a(.href(url.publicityNotice(p.kind)),
                                                                    .text("打印公示通知"))))),
                    .unwrap(p.superseded) { period in
                        .p(.class("hint"), .text("此前的\(p.kind.label)（\(period)）针对退回前提交的申报材料；申报人修改后重新提交，须重新公示。"))
                    },
                    .if(canEdit && (p.starts == nil || p.notStarted), .form(
                        .method(.post), .action(url.unitPage(.publicity(.value(p.kind)))), .csrfField(csrf),
                        .textField("starts", label: p.starts == nil ? "\(p.kind.label)开始日期" : "更改\(p.kind.label)开始日期",
                                   value: typed["starts_\(p.kind.rawValue)"] ?? p.startsISO, type: "date",
                                   required: true, id: "starts-\(p.kind.rawValue)"),
                        .submitButton(p.starts == nil ? "开始公示" : "更改开始日期", style: "secondary")
                    )),
                    .if(canEdit && p.notStarted, .form(
                        .method(.post), .action(url.unitPage(.publicity(.value(p.kind)))), .csrfField(csrf),
                        .input(.type(.hidden), .name("cancel"), .value("1")),
                        .submitButton("取消该公示", style: "secondary")
                    )),
                    .if(!p.objections.isEmpty, .ul(.class("objections"), .forEach(p.objections) { item in
                        .li(
                            .text("\(item.objection.receivedOn) 收到异议：\(item.objection.content)"),
                            .unwrap(item.objection.resolution) { .span(.class("muted"), .text("（\(item.objection.resolvedOn ?? "")处理：\($0)）")) },
                            .if(canEdit && item.objection.isOpen, .form(
                                .method(.post), .action(url.unitPage(.resolveObjection(.value(p.kind), .value(item.index)))), .csrfField(csrf),
                                .textField("resolved", label: "处理日期", value: "", type: "date", required: true,
                                           id: "resolved-\(p.kind.rawValue)-\(item.index)"),
                                .textField("resolution", label: "处理结果", value: "", required: true, maxLength: 500,
                                           id: "resolution-\(p.kind.rawValue)-\(item.index)"),
                                .submitButton("记录处理结果", style: "secondary")
                            ))
                        )
                    })),
                    .if(canEdit && p.starts != nil && !p.notStarted, .form(
                        .method(.post), .action(url.unitPage(.objection(.value(p.kind)))), .csrfField(csrf),
                        .textField("received", label: "异议收到日期", value: "", type: "date", required: true,
                                   id: "received-\(p.kind.rawValue)"),
                        .textField("content", label: "异议内容", value: "", required: true, maxLength: 500,
                                   id: "content-\(p.kind.rawValue)"),
                        .submitButton("登记异议", style: "secondary")
                    ))
                )
            }
        )
    }

    private func opinionSection() -> Node<HTML.BodyContext> {
        let yesNo = [Choice(value: "yes", label: "符合"), Choice(value: "no", label: "不符合")]
        // An opinion given on an earlier submission fills the form, to be checked and saved again.
        let o = evaluation.opinion ?? evaluation.supersededOpinion
        return .section(
            .class("panel"), .id("opinion"),
            .h2(.text("单位鉴定意见")),
            .p(.class("hint"), .text("注明学历、资历、工作能力、业绩成果、学术技术等是否符合申报条件，经单位集体研究同意推荐，由主要负责人签字（四（二））；评审条件程序公示和个人申报材料公示期满无异议后方可出具（十（一））。")),
            .if(evaluation.opinion == nil && evaluation.supersededOpinion != nil,
                .p(.class("hint"), .text("此前的鉴定意见针对退回前提交的申报材料；申报人修改后重新提交，请重新集体研究并保存鉴定意见。"))),
            .p(.class("hint"), .text("任何一项“不符合”时，集体研究结论不能为“同意推荐”。")),
            errorBox("opinion"),
            .form(
                .method(.post), .action(url.unitPage(.opinion)), .csrfField(csrf),
                .forEach(OpinionItem.allCases) { item in
                    .selectField("meets_\(item.rawValue)", label: item.label, choices: yesNo,
                                 selected: value("meets_\(item.rawValue)", o?.meets(item).map { $0 ? "yes" : "no" } ?? ""))
                },
                .textAreaField("text", label: "鉴定意见", value: value("text", o?.text ?? ""), required: true, rows: 5, maxLength: 2000),
                .textField("decided", label: "集体研究日期", value: value("decided", o?.decidedOn ?? ""), type: "date", required: true),
                .selectField("recommend", label: "集体研究结论", choices: [Choice(value: "yes", label: "同意推荐"), Choice(value: "no", label: "不同意推荐")],
                             selected: value("recommend", o.map { $0.recommend ? "yes" : "no" } ?? "")),
                .textField("head", label: "主要负责人（签字）", value: value("head", o?.headName ?? ""), required: true, maxLength: 30),
                .if(canEdit, .submitButton("保存鉴定意见"))
            )
        )
    }

    private func commitmentSection() -> Node<HTML.BodyContext> {
        .section(
            .class("panel"), .id("commitment"),
            .h2(.text("单位承诺（双承诺）")),
            .p(.text("本单位已对申报人所提交材料的真实性、合法性进行审核，并按规定履行民主评议、公示和推荐程序。如有虚假，本单位及有关负责人承担相应责任（十（二））。")),
            errorBox("commitment"),
            .if(evaluation.unitCommitmentSigned, .p(.class("verdict verdict-eligible"), .text("单位承诺已签署。"))),
            .if(canEdit && !evaluation.unitCommitmentSigned, .form(
                .method(.post), .action(url.unitPage(.commitment)), .csrfField(csrf),
                .checkboxField("agree", label: "我代表本单位作出以上承诺", checked: false),
                .submitButton("签署单位承诺")
            ))
        )
    }
}

extension UnitEvaluationPage {
    /// The stored evaluation, each publicity with where it stands today on the official
    /// calendar, and what is still missing, so `UnitEvaluationController` only validates and saves.
    /// `error` names the part of the page the message belongs to; `typed` keeps what was entered.
    static func load(_ req: Request, _ application: ApplicationRecord, error: (part: String, message: String)? = nil,
                     typed: [String: String] = [:]) async throws -> UnitEvaluationPage {
        let evaluation = try await UnitEvaluationStore.load(application.id!, on: req.db)
        let rules = try req.publicityRules()
        let today = req.today
        let publicities = PublicityKind.allCases.map { kind -> PublicityView in
            let superseded = evaluation.superseded[kind].map { "\($0.starts.chinese)至\($0.ends.chinese)" }
            guard let p = evaluation.publicities[kind] else {
                return .init(kind: kind, starts: nil, ends: nil, status: "", notStarted: false, startsISO: "",
                             objections: [], superseded: superseded)
            }
            let status = (try? UnitEvaluation.status(p, today: today, rules: rules)) ?? .running
            return .init(kind: kind, starts: p.starts.chinese, ends: p.ends.chinese, status: status.label,
                         notStarted: status == .notStarted, startsISO: p.starts.iso,
                         objections: Array(p.objections.enumerated()).map { (index: $0.offset, objection: $0.element) },
                         superseded: superseded)
        }
        return UnitEvaluationPage(
            chrome: PageChrome(req: req, title: "单位评议推荐"), csrf: try await req.csrfToken(),
            url: DeclarationURL(id: application.id!), applicant: application.applicant.realName,
            canEdit: application.stateValue == .unitReview, evaluation: evaluation, publicities: publicities,
            minimumWorkingDays: rules.minimumWorkingDays, missing: evaluation.missing(today: today, rules: rules),
            today: today.chinese, error: error, typed: typed)
    }
}
