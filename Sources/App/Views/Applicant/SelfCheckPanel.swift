import Domain
import Plot

/// The eligibility answer as a person reads it: the verdict, then each
/// finding with its clause's original text and the interpretation the
/// product took, and a link to where the applicant can fix it.
struct SelfCheckModel {
    struct Item {
        var outcome: Outcome
        var message: String
        var clauseID: String
        var clauseHeading: String
        var clauseText: String
        var interpretations: [String]
        var fixLink: String?
    }

    var verdict: Verdict
    var levelName: String
    var routeName: String
    var earliestEligible: LocalDate?
    var items: [Item]

    static func make(_ answer: EligibilityAnswer, policy: Policy, link: (EligibilityRule) -> String? = { _ in nil }) -> SelfCheckModel {
        let items = answer.findings.map { finding in
            let clause = policy.clause(finding.clause)
            return Item(outcome: finding.outcome, message: finding.message, clauseID: finding.clause,
                        clauseHeading: clause?.heading ?? "", clauseText: clause?.text ?? "",
                        interpretations: finding.interpretations.compactMap { policy.interpretation($0)?.text },
                        fixLink: finding.outcome == .pass ? nil : link(finding.rule))
        }
        return SelfCheckModel(verdict: answer.verdict, levelName: BasicsForm.levels.first { $0.code == answer.targetLevel.jsonName }?.label ?? "",
                              routeName: answer.route.jsonName, earliestEligible: answer.earliestEligible, items: items)
    }

    var verdictText: String {
        switch verdict {
        case .eligible: "符合申报\(levelName)的条件"
        case .ineligible: "暂不符合申报\(levelName)的条件"
        case .manualReview: "需评委会办公室人工审核"
        }
    }
}

extension Outcome {
    var label: String {
        switch self {
        case .pass: "符合"
        case .fail: "不符合"
        case .review: "需人工审核"
        }
    }

    var cssClass: String { "outcome-\(jsonName)" }
}

extension Node where Context: HTML.BodyContext {
    static func selfCheck(_ model: SelfCheckModel, title: String = "条件自测") -> Node {
        .section(
            .class("panel self-check"), .id("self-check"),
            .h2(.text(title)),
            .p(.class("verdict verdict-\(model.verdict.jsonName)"), .attribute(named: "role", value: "status"),
               .strong(.text(model.verdictText))),
            .unwrap(model.earliestEligible) { date in
                .p(.class("hint"), .text("仅任职年限等时间条件未满足：最早可于\(date.chinese)满足。"))
            },
            .ol(.class("findings"), .forEach(model.items) { item in
                .li(
                    .class("finding \(item.outcome.cssClass)"),
                    .span(.class("badge \(item.outcome.cssClass)"), .text(item.outcome.label)),
                    .text(" "),
                    .span(.class("finding-message"), .text(item.message)),
                    .unwrap(item.fixLink) { .a(.class("fix-link"), .href($0), .text("去修改")) },
                    .details(
                        .summary(.text("依据：第\(item.clauseID)条 \(item.clauseHeading)")),
                        .blockquote(.class("clause-text"), .text(item.clauseText)),
                        .forEach(item.interpretations) { .p(.class("interpretation"), .strong(.text("本系统口径：")), .text($0)) }
                    )
                )
            })
        )
    }
}
