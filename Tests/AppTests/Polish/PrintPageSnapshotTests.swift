import Domain
import Foundation
import SnapshotTesting
import Testing
@testable import App

/// Issue 18, item 2: the printed forms (评审表, 综合考评表, the unit's recommendation,
/// the publicity notice and its summary, 评审材料汇总表) rendered from their models,
/// with the ID number masked as the pages mask it. To accept an intended change,
/// delete the reference and run twice.
@Suite(.serialized) struct PrintPageSnapshotTests {
    typealias F = SnapshotFixtures

    static func d(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }
    static let opinion = AppraisalOpinion(
        meets: Dictionary(uniqueKeysWithValues: OpinionItem.allCases.map { ($0, true) }),
        text: "该同志学历、资历符合申报条件，工作能力较强，业绩突出，同意推荐申报工程师任职资格。",
        decidedOn: d("2022-07-20"), recommend: true, headName: "李建国")
    static let papers = PrintTable.numbered([.init("论文题目", .wide), .init("刊物名称及刊号", .publication), .init("发表时间", .date)],
                                            [["浊漳河引水工程渠道衬砌设计", "山西水利（ISSN 1004-7042，CN 14-1037/TV）", "2020年3月"]])
    static let empty = PrintTable(columns: [.init("名称", .wide), .init("时间", .date)], rows: [])

    @Test func printReviewFormPage() {
        let page = PrintReviewFormPage(
            backLink: F.url.overview, review: F.review,
            cover: .init(name: "张伟", unit: F.unitName, specialty: "水利水电工程", level: "工程师", filledOn: "2022年7月4日"),
            applicant: F.printApplicant, skillBasis: nil, examCertificates: "无", defenseItem: "浊漳河引水工程渠道衬砌设计",
            education: PrintTable.numbered([.init("学校", .wide), .init("专业", .medium), .init("毕业时间", .date)],
                                           [["太原理工大学", "水利水电工程", "2010年7月"]]),
            work: Self.empty, titles: Self.empty, assessments: [("2021", "优秀"), ("2020", "合格")], papers: Self.papers,
            achievements: Self.empty, awards: Self.empty, reportTitle: "专业技术工作报告",
            reportParagraphs: ["本人2010年参加工作，一直从事水利水电工程设计。", "主持完成渠道衬砌设计3项。"],
            commitmentSignedAt: "2022年7月4日")
        let html = F.html(page.render())
        #expect(html.contains("140402********1234"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func printEvaluationFormPage() {
        let page = PrintEvaluationFormPage(
            backLink: F.url.overview, review: F.review, year: 2022, committee: "长治市工程系列中级专业技术职务评审委员会",
            applicant: F.printApplicant, assessments: [("2021", "优秀"), ("2020", "合格")], continuingEducationHours: 90,
            qualifications: "无", examCertificates: "无", societies: "山西省水利学会会员", hardshipPosts: "无",
            achievements: Self.empty, papers: Self.papers, awards: Self.empty)
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }

    @Test func unitRecommendationPage() {
        let page = UnitRecommendationPage(
            applicant: F.printApplicant, back: F.url.unit,
            panel: [PanelMember(name: "李建国", role: .unitLeader, post: "院长"), PanelMember(name: "孙丽", role: .peerExpert, post: "高级工程师")],
            ratings: EvaluationCriterion.allCases.map { ($0.label, EvaluationRating.good.label) }, authenticityChecked: true,
            opinion: Self.opinion,
            publicities: [("评审条件程序公示", "2022年7月5日至2022年7月11日"), ("个人申报材料公示", "2022年7月12日至2022年7月18日")],
            draft: nil)
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }

    @Test func publicityNoticePageForTheMaterials() {
        let page = PublicityNoticePage(
            applicant: F.printApplicant, back: F.url.unit, kind: .materials,
            publicity: Publicity(kind: .materials, starts: Self.d("2022-07-12"), ends: Self.d("2022-07-18")),
            days: 5, documentNumber: F.review.documentNumber, minimumDays: F.review.publicityWorkingDays, opinion: nil)
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }

    @Test func publicitySummaryPageDraft() {
        let page = PublicitySummaryPage(
            applicant: F.printApplicant, back: F.url.unit, minimumDays: F.review.publicityWorkingDays,
            rows: [.init(kind: PublicityKind.conditions.label, period: "2022年7月5日至2022年7月11日", days: "5",
                         objections: "无", result: "无异议"),
                   .init(kind: PublicityKind.opinion.label, period: "—", days: "—", objections: "—", result: "尚未公示")],
            draft: "尚有公示未完成，此为草稿")
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }

    @Test func summaryTablePrintPage() {
        let page = SummaryTablePrintPage(
            year: 2022, reportingBody: "长治市水利局", date: "2022年8月20日", level: "工程师", back: SiteURL.summary.path,
            cells: SummaryTable.cells([ReviewPageSnapshotTests.summaryRow]))
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }
}
