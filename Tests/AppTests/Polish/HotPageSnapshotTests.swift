import Domain
import Foundation
import Plot
import SnapshotTesting
import Testing
@testable import App

/// Issue 18, item 2: the three pages the speed work changes most (the queue, an
/// applicant's overview with its self-check, the public conditions page), rendered
/// from their models like every other page. To accept an intended change, delete the
/// reference and run twice.
@Suite(.serialized) struct HotPageSnapshotTests {
    typealias F = SnapshotFixtures

    @Test func reviewQueuePageWithBatchApproval() {
        let rows = (1...3).map { n in
            ReviewQueuePage.Row(id: F.id(n).uuidString, path: DeclarationURL(id: F.id(n)).progress,
                                applicant: ["张伟", "李娜", "王<强>"][n - 1], level: "工程师", specialty: "水利水电工程",
                                unit: F.unitName, state: "单位审核中", submittedAt: "2022年8月\(n)日 09:3\(n)")
        }
        let page = ReviewQueuePage(chrome: F.clerk("待我办理", path: SiteURL.reviews.path), csrf: "csrf-token",
                                   total: 103, page: 2, pageSize: 50, level: "engineer", batchApprove: true,
                                   approveTitle: "审核通过", rows: rows)
        let html = F.html(page.render())
        #expect(html.contains("共103件，第2/3页。") && html.contains("王&lt;强&gt;"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func reviewQueuePageEmptyForTheOffice() {
        let page = ReviewQueuePage(chrome: F.office("待我办理", path: SiteURL.reviews.path), csrf: "csrf-token",
                                   total: 0, page: 1, pageSize: 50, level: "", batchApprove: false,
                                   approveTitle: "审核通过", rows: [])
        let html = F.html(page.render())
        #expect(html.contains("暂无等待您办理的申报。") && !html.contains("ids[]"))
        assertSnapshot(of: html, as: .lines)
    }

    static let selfCheck = SelfCheckModel(
        verdict: .ineligible, levelName: "工程师", routeName: "regular", earliestEligible: LocalDate(iso: "2023-12-31"),
        items: [
            .init(outcome: .pass, message: "具备大学本科学历，取得助理工程师资格后从事本专业技术工作满4年。", clauseID: "3.1.3",
                  clauseHeading: F.policy.clause("3.1.3")?.heading ?? "", clauseText: F.policy.clause("3.1.3")?.text ?? "",
                  interpretations: [], fixLink: nil),
            .init(outcome: .fail, message: "2021年度考核结果为“基本合格”，近五年年度考核须均为合格以上。", clauseID: "3.1.1",
                  clauseHeading: F.policy.clause("3.1.1")?.heading ?? "", clauseText: F.policy.clause("3.1.1")?.text ?? "",
                  interpretations: ["年度考核按自然年度计算。"], fixLink: F.url.section(.assessments)),
        ])

    @Test func applicationOverviewPageWithAFailingFinding() {
        let page = ApplicationOverviewPage(
            chrome: F.applicant("申报概览", path: F.url.overview), url: F.url,
            frame: F.frame(editable: true, active: F.url.overview), selfCheck: Self.selfCheck,
            checklist: [.init(title: "基本信息", required: true, satisfied: true, detail: nil, link: F.url.basics),
                        .init(title: "年度考核", required: true, satisfied: false, detail: "须填写近5年的年度考核", link: F.url.section(.assessments))],
            submittedAt: nil, commitmentSignedAt: nil,
            printLinks: [("专业技术职务任职资格评审综合考评表", F.url.evaluationForm)])
        let html = F.html(page.render())
        #expect(html.contains("申报概览") && html.contains("须填写近5年的年度考核"))
        assertSnapshot(of: html, as: .lines)
    }

    /// The public page with a quick check's answer; every date and fee from the bundle.
    @Test func conditionsPageWithAQuickCheckAnswer() {
        let page = ConditionsPage.make(F.policy, year: F.review, chrome: F.chrome("评审条件", nil, path: SiteURL.conditions.path),
                                       values: ["track": "regular", "targetLevel": "engineer"], errors: [:], result: Self.selfCheck)
        let html = F.html(page.render())
        #expect(html.contains(F.review.feesText) && html.contains(F.policy.documentNumber))
        assertSnapshot(of: html, as: .lines)
    }
}
