import Domain
import Plot
import Vapor

/// 专业技术职务任职资格评审综合考评表: the one- or two-page summary the unit
/// prints 25 copies of on A4 and stamps (五.1). The notice gives no blank, so
/// the layout is inferred: the person, the achievements, papers, awards and
/// assessments the committee weighs (九), a blank row for the quantitative
/// points, and the boxes the unit and the office fill by hand.
struct PrintEvaluationFormPage {
    static let title = "专业技术职务任职资格评审综合考评表"

    /// 量化赋分 items of 九, in the notice's order, plus the totals; the defense's
    /// share of the review score is the bundle's.
    static func scoreItems(_ year: ReviewYear) -> [String] {
        ["完成技术项目", "技术项目获奖", "论文论著", "学历（学位）", "专业工作年限", "任职经历",
         "考核", "职业资格", "学术团体任职", "艰苦岗位", "量化赋分合计",
         "答辩成绩（\(ReviewYear.percent(year.reviewScoreDefenseWeight))）", "评审成绩"]
    }

    var backLink: String
    /// The year's values (copies, weights, the notice's number).
    var review: ReviewYear
    var year: Int
    var committee: String
    var applicant: PrintApplicant
    /// (年度, 结果) in year order.
    var assessments: [(String, String)]
    var continuingEducationHours: Int
    /// 职业资格、学术团体任职、艰苦岗位, each as one line of text.
    var qualifications: String
    /// 职称外语、计算机 certificates offered (三（七）), one line.
    var examCertificates: String
    var societies: String
    var hardshipPosts: String
    var achievements: PrintTable
    var papers: PrintTable
    var awards: PrintTable

    func render() -> HTML {
        PrintLayout.page(
            title: Self.title, backLink: backLink,
            hint: "请使用浏览器的打印功能（Ctrl+P），选择A4纸、纵向、默认边距，并关闭“页眉和页脚”。本表一式\(review.evaluationFormCopies)份，打印后加盖本单位公章（\(review.documentNumber) 五.1）。",
            .section(
                .class("sheet evaluation-form"),
                .div(.class("form-top"), .span(.text("工程系列")), .span(.text("编号：　　　　　　"))),
                .h1(.class("form-title"), .text(Self.title)),
                .p(.class("form-subtitle"), .text("\(year)年度　\(committee)")),
                .div(.class("form-meta"),
                     .span(.text("填报单位（盖章）：\(applicant.unit)")),
                     .span(.text("填表日期：\(PrintWording.dateLine)"))),
                basics,
                assessmentTable,
                .printTable(achievements, heading: "任现职以来主要业绩（业绩成果）"),
                .printTable(papers, heading: "论文、论著及实用技术材料"),
                .printTable(awards, heading: "奖励"),
                scoreTable,
                .div(
                    .class("opinion-row"),
                    .opinionBox("单位推荐意见",
                                hint: "经民主评议和公示，对申报人学历、资历、工作能力、业绩成果、学术技术水平是否符合申报条件的意见：",
                                signature: PrintSignature(lines: ["单位负责人签字：", "（单位公章）", PrintWording.dateLine])),
                    .opinionBox("评委会办公室审核意见",
                                signature: PrintSignature(lines: ["审核人签字：", "（盖章）", PrintWording.dateLine]))
                ),
                .p(.class("form-note"), .text(PrintLayout.inferredNote))
            )
        )
    }

    private var basics: Node<HTML.BodyContext> {
        let a = applicant
        return .printGrid([
            [PrintCell(label: "姓名", value: a.name), PrintCell(label: "性别", value: a.sex),
             PrintCell(label: "出生年月", value: a.birthMonth), PrintCell(label: "民族", value: a.ethnicity)],
            [PrintCell(label: "政治面貌", value: a.political), PrintCell(label: "参加工作时间", value: a.workStart),
             PrintCell(label: "申报级别", value: a.level), PrintCell(label: "申报专业", value: a.specialty)],
            [PrintCell(label: "学历学位（最高）", value: a.education), PrintCell(label: "所学专业", value: a.major),
             PrintCell(label: "毕业院校及时间", value: [a.school, a.graduated].filter { !$0.isEmpty }.joined(separator: "　"), span: 3)],
            [PrintCell(label: "现任职称", value: a.currentTitle), PrintCell(label: "取得时间", value: a.titleQualified),
             PrintCell(label: "聘任时间", value: a.titleAppointed), PrintCell(label: "现工作岗位", value: a.post)],
            [PrintCell(label: "工作单位", value: a.unit, span: 7)],
            [PrintCell(label: "继续教育学时", value: "累计\(continuingEducationHours)学时"),
             PrintCell(label: "职业资格", value: qualifications, span: 5)],
            [PrintCell(label: "学术团体任职", value: societies, span: 3),
             PrintCell(label: "艰苦岗位经历", value: hardshipPosts, span: 3)],
            [PrintCell(label: "职称外语、计算机", value: examCertificates, span: 7)],
        ])
    }

    /// 年度考核 across the page, eight years to a row pair.
    private var assessmentTable: Node<HTML.BodyContext> {
        .assessmentRows(assessments, heading: "年度考核")
    }

    /// One blank row per 量化赋分 item for the committee's points.
    private var scoreTable: Node<HTML.BodyContext> {
        .group(
            .h3(.class("form-heading"), .text("量化赋分及评审成绩（评委会填写）")),
            .table(
                .class("form-table score-table"),
                .thead(.tr(.forEach(Self.scoreItems(review)) { .th(.text($0)) })),
                .tbody(.tr(.forEach(Self.scoreItems(review)) { _ in .td(.text("")) }))
            )
        )
    }
}

extension Node where Context: HTML.BodyContext {
    /// 年度考核 as a two-row table (年度 over 结果), wrapped every eight years
    /// so a long career still fits the width of A4.
    static func assessmentRows(_ assessments: [(String, String)], heading: String) -> Node {
        let perRow = 8
        let chunks = stride(from: 0, to: assessments.count, by: perRow).map {
            Array(assessments[$0..<Swift.min($0 + perRow, assessments.count)])
        }
        return .group(
            .h3(.class("form-heading"), .text(heading)),
            .table(
                .class("form-table assessment-table"),
                .tbody(
                    .if(chunks.isEmpty, .tr(.th(.text("年度考核")), .td(.class("empty"), .text("无")))),
                    .forEach(chunks) { chunk in
                        .group(
                            .tr(.th(.text("年度")), .forEach(0..<perRow) { i in
                                .td(.text(i < chunk.count ? chunk[i].0 : ""))
                            }),
                            .tr(.th(.text("考核结果")), .forEach(0..<perRow) { i in
                                .td(.text(i < chunk.count ? chunk[i].1 : ""))
                            })
                        )
                    }
                )
            )
        )
    }
}

extension PrintEvaluationFormPage {
    /// 综合考评表 from the declaration as it stands (`PrintFormData`).
    static func load(_ req: Request, _ application: ApplicationRecord) async throws -> PrintEvaluationFormPage {
        let data = try await PrintFormData.load(req, application)
        let app = data.snapshot.application
        return PrintEvaluationFormPage(
            backLink: DeclarationURL(id: app.id!).overview, review: req.policies.year, year: app.year,
            committee: PrintFormData.committee,
            applicant: data.applicant, assessments: data.assessments, continuingEducationHours: data.continuingEducationHours,
            qualifications: data.line(.qualifications) { v, f in "\(v["name"] ?? "")（\(v["level"] ?? "")，\(f("obtained"))取得）" },
            examCertificates: data.examCertificates,
            societies: data.line(.societies) { v, f in "\(v["society"] ?? "")\(v["post"] ?? "")（\(data.span(f("from"), f("to")))）" },
            hardshipPosts: data.line(.hardshipPosts) { v, f in "\(v["place"] ?? "")\(v["post"] ?? "")（\(data.span(f("from"), f("to")))）" },
            achievements: data.achievements, papers: data.papers, awards: data.awards
        )
    }
}
