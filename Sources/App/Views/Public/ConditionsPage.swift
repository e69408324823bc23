import Domain
import Plot

/// The public conditions page (三公示之一 评审条件公示): identity and dates of the
/// year's review, the quick self-check, the parameters in plain Chinese, the
/// interpretations the system takes, and every clause of the notice.
struct ConditionsPage {
    struct ParameterRow {
        var description: String
        var value: String
        var clause: String
    }

    struct InterpretationRow {
        var title: String
        var text: String
        var clauses: String
    }

    struct ClauseRow {
        var id: String
        var heading: String
        var text: String
    }

    var chrome: PageChrome
    var title: String
    var documentNumber: String
    var issuers: String
    var dates: [(String, String)]
    var groups: [QuickCheckForm.Group]
    var values: FieldValues
    var errors: [String: String]
    var result: SelfCheckModel?
    /// Where to register and start a declaration with these answers.
    var startLink: String? = nil
    var parameters: [ParameterRow]
    var interpretations: [InterpretationRow]
    var clauses: [ClauseRow]

    static func make(_ policy: Policy, year: ReviewYear, chrome: PageChrome, values: FieldValues, errors: [String: String],
                     result: SelfCheckModel?) -> ConditionsPage {
        ConditionsPage(
            chrome: chrome, title: policy.title, documentNumber: policy.documentNumber,
            issuers: policy.issuers.joined(separator: "、"),
            dates: [("申报截止（不得申报情形的核查日）", policy.applicationDate.chinese),
                    ("任职年限计算截止日", policy.referenceDate.chinese),
                    ("网上申报期", year.declarationText),
                    ("材料收审时间", "\(policy.intake.lowerBound.chinese)至\(policy.intake.upperBound.chinese)"),
                    ("评审费", year.feesText)],
            groups: QuickCheckForm.groups(policy), values: values, errors: errors, result: result,
            parameters: policy.parameters.map { .init(description: $0.description, value: $0.value.display($0.unit), clause: $0.clause) },
            interpretations: policy.interpretations.map {
                .init(title: $0.title, text: $0.text, clauses: $0.clauses.map { "第\($0)条" }.joined(separator: "、"))
            },
            clauses: policy.clauses.map { .init(id: $0.id, heading: $0.heading, text: $0.text) })
    }

    func render() -> HTML {
        Layout.page(chrome, content())
    }

    /// Everything inside the frame. For the unfilled form it is the same for
    /// everyone on a given day, which is what `FragmentCache` keeps.
    func content() -> Node<HTML.BodyContext> {
        .group(
            .h1(.text("评审条件公示")),
            .section(
                .class("panel"),
                .p(.strong(.text(title))),
                .p(.text("文号：\(documentNumber)　发文单位：\(issuers)")),
                .dl(.class("facts"), .forEach(dates) { .group(.dt(.text($0.0)), .dd(.text($0.1))) })
            ),
            .unwrap(result) { .selfCheck($0, title: "自测结果") },
            .unwrap(startLink) { link in
                .section(.class("panel"), .id("start-from-check"),
                         .p(.a(.class("button primary"), .href(link), .text("注册并开始申报（带入以上回答）"))),
                         .p(.class("hint"), .text("已有账号？登录后在“我的申报”开始。")))
            },
            .section(
                .class("panel"), .id("quick-check"),
                .h2(.text("快速自测")),
                .p(.class("hint"), .text("无需登录。按实际情况填写，系统依据本年度评审条件逐条判断并说明依据。自测结果仅供参考，以评委会审核为准。")),
                .errorSummary(FieldErrors.from(errors)),
                .form(
                    .method(.get), .action(SiteURL.conditionsCheck.path), .class("stacked quick-check"),
                    .forEach(groups) { group in
                        .fieldset(.element(named: "legend", text: group.title),
                                  .declarationFields(group.fields, values: values, errors: errors))
                    },
                    .submitButton("开始自测")
                )
            ),
            .section(
                .class("panel"),
                .h2(.text("评审参数")),
                .div(.class("table-wrap"), .table(
                    .class("data"),
                    .thead(.tr(.th(.text("参数")), .th(.text("取值")), .th(.text("依据")))),
                    .tbody(.forEach(parameters) { p in .tr(.td(.text(p.description)), .td(.text(p.value)), .td(.text("第\(p.clause)条"))) })
                ))
            ),
            .section(
                .class("panel"),
                .h2(.text("本系统的解释口径")),
                .p(.class("hint"), .text("通知中未作明确规定之处，本系统采用以下口径，评委会可调整。")),
                .ol(.forEach(interpretations) { i in
                    .li(.strong(.text(i.title)), .text("（涉及\(i.clauses)）："), .text(i.text))
                })
            ),
            .section(
                .class("panel"),
                .h2(.text("通知原文（按条款）")),
                .forEach(clauses) { c in
                    .details(.id("clause-\(c.id)"),
                             .summary(.text("第\(c.id)条 \(c.heading)")),
                             .blockquote(.class("clause-text"), .text(c.text)))
                }
            )
        )
    }
}

extension ParameterValue {
    /// The value in plain Chinese with its unit.
    func display(_ unit: String) -> String {
        switch self {
        case .integer(let v): "\(v)\(unit)"
        case .decimal(let v): unit == "%" || unit == "比例" ? "\(Int((v * 100).rounded()))%" : "\(v)\(unit)"
        case .text(let v): unit.isEmpty ? v : "\(v)（\(unit)）"
        case .flag(let v): v ? "是" : "否"
        case .list(let values): values.map { $0.display("") }.joined(separator: "、") + unit
        }
    }
}
