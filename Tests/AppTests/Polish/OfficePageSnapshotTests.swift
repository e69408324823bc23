import Domain
import Foundation
import SnapshotTesting
import Testing
@testable import App

/// Issue 18, item 2: the committee office's policy-bundle pages (年度政策, the comparison,
/// the rehearsal with its activation) and the duplication check (查重) pages, rendered
/// from their models. To accept an intended change, delete the reference and run twice.
@Suite(.serialized) struct OfficePageSnapshotTests {
    typealias F = SnapshotFixtures

    static func chrome(_ title: String, _ path: String) -> PageChrome { F.office(title, path: path) }

    @Test func policiesPageWithARefusedUpload() {
        let page = PoliciesPage(
            chrome: Self.chrome("年度政策", SiteURL.policies.path), csrf: "csrf-token", activeID: F.policy.id,
            activeTitle: F.policy.title, activeReference: F.policy.referenceDate,
            rows: [.init(bundleID: "changzhi-2023", title: "长治市2023年度工程系列中、初级职称评审", summary: "参数12项变化",
                         uploaded: "2023年4月1日 09:00（赵敏）", status: "已保存，未启用")],
            years: [.init(year: 2022, bundleID: F.policy.id, text: "当前使用")],
            error: "第3行：参数 reviewFee 缺少单位", refusedFile: "changzhi-2024<草稿>.json")
        let html = F.html(page.render())
        #expect(html.contains("changzhi-2024&lt;草稿&gt;.json"))
        assertSnapshot(of: html, as: .lines)
    }

    /// The 2023 example against 2022 (the year before it), built as the page builds it.
    @Test func policyDiffPage() throws {
        let old = try Policy.load(id: "changzhi-2022")
        let new = try Policy.load(json: Policy.bundleBytes(id: "changzhi-2023-example"))
        let page = PolicyDiffPage.make(chrome: Self.chrome("比较年度政策", SiteURL.policyDiff(.value("changzhi-2023")).path),
                                       new: new, earlier: old, inUse: old, summary: "日期变化，参数与条款未变", example: true,
                                       activeYear: nil)
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }

    @Test func policyRehearsalPageOpenForActivation() {
        let page = PolicyRehearsalPage(
            chrome: Self.chrome("试运行", SiteURL.policyRehearsal(.value("changzhi-2023")).path), csrf: "csrf-token",
            oldID: F.policy.id, oldTitle: F.policy.title, newID: "changzhi-2023", newTitle: "长治市2023年度工程系列中、初级职称评审",
            year: 2022, example: false, total: 3, becameIneligible: 1, becameEligible: 0, other: 0,
            clauses: [.init(id: "3.1.3", heading: "申报工程师的资历条件", count: 1)],
            rows: [.init(name: "张伟", unit: F.unitName, level: "工程师", state: "草稿",
                         old: PolicyRehearsalPage.verdictLabel(.eligible), new: PolicyRehearsalPage.verdictLabel(.ineligible),
                         clauses: "3.1.3")],
            activation: .open(year: 2023, declaration: "2023年6月1日至2023年8月25日"), error: "请勾选确认后再启用")
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }

    @Test func similarityJobsPage() {
        let page = SimilarityJobsPage(
            chrome: Self.chrome("论文查重", SiteURL.committee(.similarity).path), csrf: "csrf-token",
            picker: YearPicker(years: [2022], selected: 2022, url: .committee(.similarity)),
            rule: F.review.copyRatioRule,
            jobs: [.init(state: "已完成", progress: "2/2", requested: "2022年9月10日 09:00", finished: "2022年9月10日 09:30", error: nil)],
            active: false, corpusCount: 300,
            rows: [.init(id: F.applicationID, applicant: "张伟", unit: F.unitName, specialty: "水利水电工程", ours: "12.0%",
                         external: "—", status: "可参加答辩", flagged: false),
                   .init(id: F.id(2), applicant: "李娜", unit: F.unitName, specialty: "水利水电工程", ours: "31.5%",
                         external: "—", status: "超过复制比，待办公室决定", flagged: true)],
            errors: [])
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }

    @Test func similarityReportPageWithARefusedDecision() {
        let page = SimilarityReportPage(
            chrome: Self.chrome("查重报告", SiteURL.committee(.similarity).path), csrf: "csrf-token", applicationID: F.id(2),
            applicant: "李娜", unit: F.unitName, specialty: "水利水电工程", rule: F.review.copyRatioRule,
            checked: "2022年9月10日 09:20", ours: "31.5%", characters: 5200, problem: nil, external: nil, externalValue: "",
            status: "超过复制比，待办公室决定", reasons: ["复制比31.5%超过限值"], decision: nil, flagged: true, blocked: true,
            sources: [.init(kind: "已收论文", title: "渠道衬砌施工技术探讨", ratio: "28.0%",
                            passages: [.init(paper: .init(before: "…本工程", match: "采用C20混凝土现浇衬砌", after: "，厚度10cm…"),
                                             source: .init(before: "…渠道", match: "采用C20混凝土现浇衬砌", after: "，伸缩缝…"))],
                            omitted: 2)],
            paper: [("本工程", false), ("采用C20混凝土现浇衬砌", true), ("，厚度10cm。", false)],
            errors: ["请填写决定理由"], reasonValue: "经专家复核<引用规范>")
        let html = F.html(page.render())
        #expect(html.contains("经专家复核&lt;引用规范&gt;") && html.contains("请填写决定理由"))
        assertSnapshot(of: html, as: .lines)
    }
}
