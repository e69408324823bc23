import Domain
import Plot
import Vapor

/// 山西省专业技术职务任职资格评审表: three copies, each bound on its own (五.2),
/// cover and spine stamped by the unit holding the applicant's file (六.3).
/// The notice names the form but does not print it, so the pages follow the
/// usual order of the province's review forms and say so in small print.
struct PrintReviewFormPage {
    static let title = "山西省专业技术职务任职资格评审表"

    /// 单位承诺 of the 双承诺 (十（二）): the unit answers for having checked
    /// the materials, under 用人单位推荐首审负责制.
    static func unitCommitmentText(_ year: ReviewYear) -> [String] {
        ["本单位郑重承诺：",
         "一、本单位已对申报人提交的学历、资历、论文论著、业绩成果、获奖等申报材料逐项审核，并核验原件，材料真实、准确、合法、有效。",
         "二、本单位已组织评议组进行民主评议，并按“三公示”制度将评审条件及程序、个人申报材料、单位鉴定意见公示不少于\(year.publicityWorkingDays)个工作日，公示无异议。",
         "三、本单位严格履行用人单位推荐首审职责，对所推荐材料的真实性负责；如有不实，愿接受通报批评等处理，并承担相应责任。",
         "（依据：\(year.documentNumber) 十（一）“三公示”制度、十（二）用人单位推荐首审负责制和“双承诺”制）"]
    }

    struct Cover {
        var name: String
        var unit: String
        var specialty: String
        /// 工程师 / 助理工程师 / 技术员.
        var level: String
        var filledOn: String
    }

    var backLink: String
    var review: ReviewYear
    var cover: Cover
    var applicant: PrintApplicant
    /// 工人技术等级, when it is the basis of the engineer route (三（一）3): "技师（钳工），2016年7月1日取得".
    var skillBasis: String?
    /// 职称外语、计算机 certificates offered (三（七）), one line.
    var examCertificates: String
    /// 答辩材料 chosen (九) and the 送审论文's entry (七.1).
    var defenseItem: String?
    var education: PrintTable
    var work: PrintTable
    var titles: PrintTable
    var assessments: [(String, String)]
    var papers: PrintTable
    var achievements: PrintTable
    var awards: PrintTable
    /// 专业技术工作报告, or 专业技术工作总结 for 技术员.
    var reportTitle: String
    var reportParagraphs: [String]
    /// When the applicant signed the commitment in the system, Beijing time.
    var commitmentSignedAt: String?

    func render() -> HTML {
        PrintLayout.page(
            title: Self.title, backLink: backLink,
            hint: "请使用浏览器的打印功能（Ctrl+P），选择A4纸、纵向、默认边距，并关闭“页眉和页脚”。本表一式\(review.reviewFormCopies)份，单独胶装，封面和侧面加盖档案所在单位公章（\(review.documentNumber) 五.2、六.3）。",
            coverSheet,
            .section(
                .class("sheet"),
                .h2(.class("sheet-title"), .text("一、基本情况")),
                basics,
                .printTable(education, heading: "二、学历（学位）情况"),
                .printTable(work, heading: "三、工作经历"),
                .printTable(titles, heading: "四、专业技术职务（职称）情况")
            ),
            .section(
                .class("sheet"),
                .assessmentRows(assessments, heading: "五、年度考核情况"),
                .printTable(papers, heading: "六、论文、著作及实用技术材料"),
                .unwrap(defenseItem) { .p(.class("form-text defense-item"), .text("答辩材料（本人选定，九）：\($0)")) },
                .printTable(achievements, heading: "七、业绩成果"),
                .printTable(awards, heading: "八、奖励情况")
            ),
            .section(
                .class("sheet"),
                .h2(.class("sheet-title"), .text("九、\(reportTitle)")),
                .printParagraphs(reportParagraphs, empty: "（未在系统中填写正文，见卷宗第八类“工作能力有关材料”。）")
            ),
            commitmentSheet,
            .section(
                .class("sheet"),
                .opinionBox("十一、单位鉴定意见",
                            hint: "注明申报人学历、资历、工作能力、业绩成果、学术技术等是否符合申报条件，经单位集体研究是否同意推荐（四（二））：",
                            votes: "评议组表决结果：应到＿＿人，实到＿＿人；赞成＿＿票，反对＿＿票，弃权＿＿票。",
                            signature: PrintSignature(lines: ["主要负责人签字：", "（单位盖章）", PrintWording.dateLine]),
                            size: "box-lg"),
                .opinionBox("十二、主管部门（县、区工信局）审核意见",
                            signature: PrintSignature(lines: ["审核人签字：", "（盖章）", PrintWording.dateLine]),
                            size: "box-sm"),
                .opinionBox("十三、评审委员会评审意见",
                            votes: "评审委员会" + PrintWording.votes,
                            signature: PrintSignature(lines: ["评审委员会主任委员签字：", "（评审委员会盖章）", PrintWording.dateLine]),
                            size: "box-md"),
                .p(.class("form-note"), .text(PrintLayout.inferredNote))
            )
        )
    }

    private var coverSheet: Node<HTML.BodyContext> {
        .section(
            .class("sheet cover"),
            .div(.class("form-top"), .span(.text("")), .span(.text("编号：　　　　　　"))),
            .h1(.class("cover-title"), .text(Self.title)),
            .table(
                .class("cover-fields"),
                .tbody(.forEach([("姓　　名", cover.name), ("工作单位", cover.unit), ("申报系列", "工程系列"),
                                 ("申报专业", cover.specialty), ("申报资格", cover.level), ("填表日期", cover.filledOn)]) { pair in
                    .tr(.th(.attribute(named: "scope", value: "row"), .text(pair.0)), .td(.text(pair.1)))
                })
            ),
            .p(.class("cover-stamp"), .text("档案所在单位（盖章）")),
            .div(
                .class("cover-foot"),
                .p(.text("山西省人力资源和社会保障厅制")),
                .p(.class("form-note"), .text(PrintLayout.inferredNote))
            )
        )
    }

    private var basics: Node<HTML.BodyContext> {
        let a = applicant
        return .printGrid([
            [PrintCell(label: "姓名", value: a.name), PrintCell(label: "性别", value: a.sex),
             PrintCell(label: "出生年月", value: a.birthMonth), PrintCell(label: "民族", value: a.ethnicity)],
            [PrintCell(label: "身份证号", value: a.idNumber, span: 3),
             PrintCell(label: "政治面貌", value: a.political), PrintCell(label: "参加工作时间", value: a.workStart)],
            [PrintCell(label: "工作单位", value: a.unit, span: 3), PrintCell(label: "现工作岗位", value: a.post, span: 3)],
            [PrintCell(label: "学历学位（最高）", value: a.education), PrintCell(label: "所学专业", value: a.major),
             PrintCell(label: "毕业院校及时间", value: [a.school, a.graduated].filter { !$0.isEmpty }.joined(separator: "　"), span: 3)],
            [PrintCell(label: "现任职称", value: a.currentTitle), PrintCell(label: "取得时间", value: a.titleQualified),
             PrintCell(label: "聘任时间", value: a.titleAppointed), PrintCell(label: "申报类型", value: a.track)],
            [PrintCell(label: "申报级别", value: a.level), PrintCell(label: "申报专业", value: a.specialty, span: 5)],
        ] + (skillBasis.map { [[PrintCell(label: "工人技术等级（申报依据，三（一）3）", value: $0, span: 7)]] } ?? [])
          + [[PrintCell(label: "职称外语、计算机（自愿提供，三（七））", value: examCertificates, span: 7)]])
    }

    private var commitmentSheet: Node<HTML.BodyContext> {
        .section(
            .class("sheet"),
            .h2(.class("sheet-title"), .text("十、承诺（“双承诺”）")),
            .section(
                .class("commitment-block"),
                .h3(.text("申报人承诺")),
                .div(.class("form-text"), .forEach(CommitmentPage.commitmentText(review)) { .p(.text($0)) }),
                .unwrap(commitmentSignedAt) { .p(.class("signed-note"), .text("申报人已于\($0)（北京时间）在评审系统中签署本承诺。")) },
                .div(.class("box-sign"), .p(.text("申报人签字：")), .p(.text(PrintWording.dateLine)))
            ),
            .section(
                .class("commitment-block"),
                .h3(.text("单位承诺")),
                .div(.class("form-text"), .forEach(Self.unitCommitmentText(review)) { .p(.text($0)) }),
                .div(.class("box-sign"), .p(.text("单位负责人签字：")), .p(.text("（单位盖章）")), .p(.text(PrintWording.dateLine)))
            )
        )
    }
}

extension PrintReviewFormPage {
    /// 评审表 from the declaration as it stands (`PrintFormData`); filled on the day it was
    /// submitted (today, by the one clock, before that).
    static func load(_ req: Request, _ application: ApplicationRecord) async throws -> PrintReviewFormPage {
        let data = try await PrintFormData.load(req, application)
        let app = data.snapshot.application
        let filledOn = LocalDate.beijing(app.submittedAt ?? req.clock.now()).chinese
        return PrintReviewFormPage(
            backLink: DeclarationURL(id: app.id!).overview, review: req.policies.year,
            cover: .init(name: data.applicant.name, unit: data.applicant.unit, specialty: app.specialty,
                         level: data.applicant.level, filledOn: filledOn),
            applicant: data.applicant, skillBasis: data.skillBasis, examCertificates: data.examCertificates,
            defenseItem: data.defenseItem, education: data.education, work: data.work, titles: data.titles,
            assessments: data.assessments, papers: data.papers, achievements: data.achievements, awards: data.awards,
            reportTitle: app.level == .technician ? "专业技术工作总结" : "专业技术工作报告",
            reportParagraphs: PrintWording.paragraphs(app.workReport),
            commitmentSignedAt: app.commitmentSignedAt.map { BeijingTime.text($0) }
        )
    }
}
