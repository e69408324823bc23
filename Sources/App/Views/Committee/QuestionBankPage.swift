import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// 答辩题库 (the committee office): the year's active questions per specialty, each with its
/// 停用 button, and the form that adds one (九).
struct QuestionBankPage {
    struct Question: Sendable {
        var id: UUID
        var specialty: String
        var kind: String
        var text: String
    }

    var chrome: PageChrome
    var csrf: String
    var errors: [String]
    var questions: [Question]
    /// The specialties of the year's panels, waiting applicants and questions: the form's first guess.
    var specialties: [String]
    /// The review year shown (`?year=`, the year in use by default).
    var years: YearPicker

    static func load(_ req: Request, errors: [String] = []) async throws -> QuestionBankPage {
        let years = YearPicker.make(req, url: .committee(.questions))
        let year = years.selected
        let questions = try await DefenseQuestion.query(on: req.db).filter(\.$year == year).filter(\.$isActive == true)
            .sort(\.$specialty).sort(\.$kind).sort(\.$createdAt).all()
        let panels = try await DefensePanel.query(on: req.db).filter(\.$year == year).all().map(\.specialty)
        let waiting = try await PanelsController.waiting(req.db, year: year).map(\.specialty)
        return QuestionBankPage(
            chrome: PageChrome(req: req, title: "答辩题库"), csrf: try await req.csrfToken(), errors: errors,
            questions: questions.map { Question(id: $0.id!, specialty: $0.specialty, kind: $0.kindLabel, text: $0.text) },
            specialties: Array(Set(panels + waiting + questions.map(\.specialty))).sorted(), years: years)
    }

    func render() -> HTML {
        CommitteeUI.page(chrome, [
            CommitteeUI.officeMenu(), years.node, CommitteeUI.errors(errors),
            .p(.text("按专业组维护答辩题库：公共问题供本组每位答辩人使用，个性问题由评审组专家阅读答辩人选定的答辩材料后，为其选定（九）。")),
            CommitteeUI.table(["专业组", "类别", "问题", ""], questions.map { q in
                [.text(q.specialty), .text(q.kind), .text(q.text),
                 CommitteeUI.button(SiteURL.committee(.disableQuestion(.value(q.id))).path, csrf: csrf, "停用")]
            }, id: "question-list", empty: "\(years.selected)年度题库中暂无问题。"),
            CommitteeUI.section("新增问题", id: "add-question", [
                CommitteeUI.form(CommitteeUI.action(.committee(.questions), years), csrf: csrf, [
                    .textField("specialty", label: "专业组（与申报专业一致）", value: specialties.first, required: true, maxLength: 40),
                    .selectField("kind", label: "类别", choices: DefenseQuestion.kinds.map { Choice(value: $0.0, label: $0.1) },
                                 selected: nil, required: true),
                    .textField("text", label: "问题", required: true, maxLength: 300),
                ], submit: "加入题库"),
            ]),
        ])
    }
}
