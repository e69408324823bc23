import Domain
import Plot
import Vapor

/// 推荐报告 (五.4 第一类): the unit's report recommending the applicant, written
/// from its evaluation panel, ratings, publicities and appraisal opinion (四（二））.
struct UnitRecommendationPage {
    var applicant: PrintApplicant
    var back: String
    var panel: [PanelMember]
    var ratings: [(String, String)]
    var authenticityChecked: Bool
    var opinion: AppraisalOpinion
    /// Each publicity's label and its real state (period, 公示中 / 无异议 / 异议已处理 …).
    var publicities: [(String, String)]
    /// Why this is a draft, or nil when it may be printed as final.
    var draft: String?

    func render() -> HTML {
        let decided = opinion.decisionDate?.chinese ?? opinion.decidedOn
        let panelText = PanelMemberRole.allCases.map { role in
            role.label + "：" + panel.filter { $0.role == role }.map { $0.post.isEmpty ? $0.name : "\($0.name)（\($0.post)）" }.joined(separator: "、")
        }.joined(separator: "；")
        return PrintLayout.page(
            title: draft == nil ? "推荐报告" : "推荐报告（草稿）", backLink: back,
            hint: draft == nil ? "A4纸打印，加盖单位公章，装入卷宗第一类" : "草稿仅供核对，不能盖章装订",
            .div(
                .class("sheet"),
                .unwrap(draft) { .p(.class("draft-marker"), .text($0)) },
                .h1(.class("form-heading"), .text("关于推荐\(applicant.name)同志申报\(applicant.level)任职资格的报告")),
                .p(.text("\(applicant.name)，\(applicant.sex)，\(applicant.birthMonth)出生，\(applicant.education.replacingOccurrences(of: "\n", with: "、"))，\(applicant.major)专业，现任\(applicant.currentTitle.isEmpty ? "无职称" : applicant.currentTitle)，在\(applicant.unit)从事\(applicant.post)工作，申报\(applicant.specialty)专业\(applicant.level)任职资格。")),
                .p(.text("本单位成立评议组（\(panelText)），" + (authenticityChecked ? "对其提交材料的真实性进行了审核把关，" : "") + "并对其职业道德、工作态度、学术技术水平、工作能力和业绩贡献进行了综合评议：" + ratings.map { "\($0.0)\($0.1)" }.joined(separator: "，") + "。")),
                .p(.text("经审核：" + OpinionItem.allCases.map { item in "\(item.label)\(opinion.meets(item) == true ? "符合" : "不符合")申报条件" }.joined(separator: "；") + "。")),
                .p(.text(opinion.text)),
                .p(.text("三公示情况：" + publicities.map { "\($0.0)\($0.1)" }.joined(separator: "；") + "。")),
                .p(.text("经\(decided)单位集体研究，" + (opinion.recommend ? "同意推荐\(applicant.name)同志申报\(applicant.level)任职资格。" : "不同意推荐。"))),
                .p(.class("signature"), .text(draft == nil ? "单位（盖章）：\(applicant.unit)" : "草稿，不盖章")),
                .p(.class("signature"), .text("主要负责人（签字）：\(opinion.headName)")),
                .p(.class("signature"), .text(decided))
            )
        )
    }
}

extension UnitRecommendationPage {
    /// From the unit's evaluation (the opinion given, or the one a resubmission superseded);
    /// refused until the unit has given an opinion.
    static func load(_ req: Request, _ application: ApplicationRecord) async throws -> UnitRecommendationPage {
        let data = try await UnitReportData.load(req, application)
        let evaluation = data.evaluation
        guard let opinion = evaluation.opinion ?? evaluation.supersededOpinion else {
            throw PageError.badRequest("单位尚未出具鉴定意见，推荐报告将在鉴定意见出具后生成")
        }
        let rules = try req.publicityRules()
        return UnitRecommendationPage(
            applicant: data.print.applicant, back: data.back,
            panel: evaluation.panel, ratings: EvaluationCriterion.allCases.map { ($0.label, evaluation.ratings[$0]?.label ?? "—") },
            authenticityChecked: evaluation.authenticityChecked, opinion: opinion,
            publicities: PublicityKind.allCases.map { kind in
                guard let p = evaluation.publicities[kind] else { return (kind.label, "尚未进行") }
                let handled = p.objections.compactMap(\.resolution)
                return (kind.label, "\(p.starts.chinese)至\(p.ends.chinese)，\(UnitReportData.state(p, today: req.today, rules: rules))"
                        + (handled.isEmpty ? "" : "（处理情况：" + handled.joined(separator: "；") + "）"))
            },
            draft: data.draftReason(today: req.today, rules: rules)
        )
    }
}
