import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// One application's duplication report (七.1), for the committee office only: our
/// ratio, the sources, the matched passages side by side (paper | source, the
/// copied part marked), the external report's ratio and the office's decision. All
/// paper and source text goes in as escaped text nodes, never as markup.
struct SimilarityReportPage {
    struct Passage {
        var paper: HighlightedText.Excerpt
        var source: HighlightedText.Excerpt
    }

    struct Source {
        var kind: String
        var title: String
        var ratio: String
        var passages: [Passage]
        var omitted: Int
    }

    var chrome: PageChrome
    var csrf: String
    var applicationID: UUID
    var applicant: String
    var unit: String
    var specialty: String
    var rule: String
    var checked: String?
    var ours: String?
    var characters: Int
    var problem: String?
    var external: String?
    var externalValue: String
    var status: String
    var reasons: [String]
    var decision: String?
    var flagged: Bool
    /// Not admitted to the defense (no usable ratio, or above the limit and not overridden).
    var blocked: Bool
    var sources: [Source]
    var paper: [(String, Bool)]
    var errors: [String]
    /// The decision's reason as typed, kept when it is refused.
    var reasonValue: String = ""

    /// The decision reason's limit, the same in the form and on the server.
    static let reasonMaxLength = 500

    func render() -> HTML {
        CommitteeUI.page(chrome, [
            CommitteeUI.officeMenu(),
            .p(.a(.href(SiteURL.committee(.similarity).path), .text("返回论文查重"))),
            CommitteeUI.errors(errors),
            .dl(.class("facts"), .id("summary"),
                .dt(.text("申报人")), .dd(.text(applicant)),
                .dt(.text("工作单位")), .dd(.text(unit)),
                .dt(.text("申报专业")), .dd(.text(specialty)),
                .dt(.text("本系统抄袭率")), .dd(.id("our-ratio"), .text(ours.map { "\($0)（共\(characters)字，\(checked ?? "")检测）" } ?? (problem ?? "尚未检测"))),
                .dt(.text("外部检测报告抄袭率")), .dd(.id("external-ratio"), .text(external ?? "未录入")),
                .dt(.text("答辩资格")), .dd(.id("admission"), blocked ? .strong(.text(status)) : .text(status)),
                .unwrap(decision) { .group(.dt(.text("办公室意见")), .dd(.text($0))) }
            ),
            .p(.class("hint"), .text("七.1：\(rule)。须有不超过限值的抄袭率（本系统检测或外部检测报告）方可安排答辩；送审论文无法提取文字的，须录入外部检测报告的抄袭率。任一抄袭率超过限值即不予参加答辩，评委会办公室可确认，或说明理由复核准予（理由记入审计日志并在此显示）。")),
            .if(!reasons.isEmpty, .ul(.class("error-summary"), .forEach(reasons) { .li(.text($0)) })),
            CommitteeUI.section("外部检测报告", id: "external", [
                CommitteeUI.form(SiteURL.committee(.similarityExternal(.value(applicationID))).path, csrf: csrf, id: "external-form", [
                    .textField("externalRatio", label: "外部检测报告的抄袭率（%，0–100，依申报人上传的检测报告填写）",
                               value: externalValue, required: true, maxLength: 8),
                ], submit: "保存", style: "secondary"),
            ]),
            .if(flagged, CommitteeUI.section("确认或复核", id: "decision", [
                CommitteeUI.form(SiteURL.committee(.similarityDecision(.value(applicationID))).path, csrf: csrf, id: "decision-form", [
                    .selectField("decision", label: "处理", choices: [
                        Choice(value: "confirm", label: "确认：不予参加答辩"),
                        Choice(value: "override", label: "复核：准予参加答辩"),
                    ], selected: nil, required: true),
                    .textAreaField("reason", label: "理由（记入审计日志）", value: reasonValue, required: true, rows: 3,
                                   maxLength: Self.reasonMaxLength),
                ], submit: "提交"),
            ])),
            CommitteeUI.section("相似来源", id: "sources", [
                CommitteeUI.table(["来源", "类别", "占本文比例"], sources.map { [.text($0.title), .text($0.kind), .text($0.ratio)] },
                                  id: "source-list", empty: "未发现13字以上的相同段落。"),
            ]),
            .group(sources.enumerated().map { i, s in
                .section(.id("source-\(i + 1)"), .class("similarity-source"),
                    .h3(.text("来源\(i + 1)：\(s.title)（\(s.ratio)）")),
                    .div(.class("table-wrap"), .table(.class("data side-by-side"),
                        .thead(.tr(.th(.text("送审论文")), .th(.text("相似来源")))),
                        .tbody(.forEach(s.passages) { p in
                            .tr(.td(excerpt(p.paper)), .td(excerpt(p.source)))
                        }))),
                    .if(s.omitted > 0, .p(.class("muted"), .text("另有\(s.omitted)段未列出。"))))
            }),
            .if(!paper.isEmpty, .details(.id("paper-text"), .summary(.text("送审论文全文（标记部分为与各来源相同的段落）")),
                .div(.class("paper-text"), .forEach(paper.indices) { i in
                    paper[i].1 ? .element(named: "mark", nodes: [.text(paper[i].0)]) : .text(paper[i].0)
                }))),
        ])
    }

    private func excerpt(_ e: HighlightedText.Excerpt) -> Node<HTML.BodyContext> {
        .group(.text(e.before), .element(named: "mark", nodes: [.text(e.match)]), .text(e.after))
    }
}

extension SimilarityReportPage {
    /// How a source is named on the report: the office may see other applicants' names.
    private static func sourceLabel(_ text: PaperText, of owner: ApplicationRecord?, year: Int) -> (kind: String, title: String) {
        if text.source == PaperText.Source.corpus.rawValue {
            return ("参考文献库", text.name + (text.year.map { "（\($0)年）" } ?? ""))
        }
        let who = owner?.applicant.realName ?? "已删除的申报"
        if let y = text.year, y < year { return ("\(y)年度送审论文", "\(who)：\(text.name)") }
        return ("本年度其他申报人", "\(who)：\(text.name)")
    }

    /// The latest result and review, the paper and the sources' texts with their owners.
    /// `externalValue`/`reasonValue`: what was typed into a refused form.
    static func load(_ req: Request, _ app: ApplicationRecord, errors: [String] = [], externalValue: String? = nil,
                     reasonValue: String = "") async throws -> SimilarityReportPage {
        let id = try app.requireID()
        let result = try await SimilarityRecords.latestResults(for: [id], on: req.db)[id]
        let review = try await SimilarityRecords.reviews(for: [id], on: req.db)[id]
        // Judged by the application's own bundle, whatever year is in use.
        let admission = try SimilarityRecords.admission(CopyRatioRule(try req.policies(for: app).year), result: result, review: review)
        let stored = try result?.sources() ?? []
        var sources: [Source] = []
        var paperPieces: [(String, Bool)] = []
        if let result, let paperID = result.paperTextID, let paper = try await PaperText.find(paperID, on: req.db) {
            let paperText = HighlightedText(paper.text)
            let texts = try await PaperText.query(on: req.db).filter(\.$id ~~ stored.map(\.text)).all()
            let byID = Dictionary(texts.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
            let ownerIDs = texts.compactMap { $0.$application.id }
            let owners = ownerIDs.isEmpty ? [] : try await ApplicationRecord.query(on: req.db).filter(\.$id ~~ ownerIDs).with(\.$applicant).all()
            let ownerByID = Dictionary(owners.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
            let limit = 40
            for s in stored {
                guard let text = byID[s.text] else { continue }
                let label = sourceLabel(text, of: text.$application.id.flatMap { ownerByID[$0] }, year: app.year)
                let sourceText = HighlightedText(text.text)
                let passages = s.matches.prefix(limit).compactMap { m -> Passage? in
                    guard m.count == 4, let p = paperText.excerpt(m[0], m[1]), let q = sourceText.excerpt(m[2], m[3]) else { return nil }
                    return .init(paper: p, source: q)
                }
                sources.append(.init(kind: label.kind, title: label.title, ratio: DefenseAdmission.percent(s.ratio),
                                     passages: passages, omitted: max(0, s.matches.count - limit)))
            }
            paperPieces = paperText.pieces(marking: stored.flatMap { $0.matches.compactMap { $0.count == 4 ? ($0[0], $0[1]) : nil } })
        }
        var reasons: [String] = []
        var decision: String?
        switch admission {
        case .exceeded(let why): reasons = why
        case .pending(let why): reasons = [why]
        case .barred(let reason): decision = "已确认不予参加答辩：\(reason)"
        case .overridden(let reason): decision = "已复核，准予参加答辩：\(reason)"
        case .admitted: break
        }
        // A decision the current ratios have outgrown stays on the page with its reason.
        if case .exceeded = admission, let review, let old = try review.decisionValue() {
            decision = "此前的\(old == .override ? "准予参加答辩" : "不予参加答辩")决定（\(review.reason)）针对的是："
                + (review.decidedOnLines ?? []).joined(separator: "；") + "；现有新的超限结果，须重新确认或复核"
        }
        return SimilarityReportPage(
            chrome: PageChrome(req: req, title: "查重报告：\(app.applicant.realName)"), csrf: try await req.csrfToken(),
            applicationID: id, applicant: app.applicant.realName, unit: app.unit.name, specialty: app.specialty,
            rule: try req.policies(for: app).year.copyRatioRule,
            checked: result.map { BeijingTime.text(Date(timeIntervalSince1970: $0.checkedAt)) },
            ours: result.flatMap { $0.error == nil ? DefenseAdmission.percent($0.ratio) : nil },
            characters: result?.characters ?? 0, problem: result?.error,
            external: review?.externalRatio.map(DefenseAdmission.percent),
            externalValue: externalValue ?? review?.externalRatio.map { Self.plainPercent($0) } ?? "",
            status: admission.label, reasons: reasons, decision: decision, flagged: admission.isFlagged,
            blocked: !admission.admitsDefense,
            sources: sources, paper: paperPieces, errors: errors, reasonValue: reasonValue)
    }

    /// 0.235 → "23.5" for the form field.
    private static func plainPercent(_ fraction: Double) -> String {
        let text = DefenseAdmission.percent(fraction)
        return String(text.dropLast())
    }
}
