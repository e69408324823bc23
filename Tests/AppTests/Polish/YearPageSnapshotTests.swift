import Domain
import Foundation
import Plot
import SnapshotTesting
import Testing
@testable import App

/// Issue 19: snapshots of the office's pages that gained a review year (the diff
/// against the year before, integrity, similarity, reopenings, the demo clock),
/// rendered from their page models (no HTTP, no database, no clock). Reference files
/// live in __Snapshots__/ beside this file; to accept an intended change, delete the
/// reference and run the test twice.
@Suite(.serialized) struct YearPageSnapshotTests {
    static func office(_ title: String, _ path: String) -> PageChrome {
        PageChrome(title: title, user: .init(username: "office", realName: "赵敏", role: .committeeOffice, organizationName: "长治市职称评审委员会办公室"),
                   csrf: "csrf-token", activePath: path)
    }

    static let picker2023 = YearPicker(years: [2022, 2023], selected: 2023, url: .committee(.integrity))

    @Test func diffAgainstTheYearBefore() throws {
        let old = try Policy.load(id: "changzhi-2022")
        let bytes = try JSONValue.parse(Policy.bundleBytes(id: "changzhi-2023-example"))
            .merged(with: JSONValue.parse(Array(#"{"id": "changzhi-2023-fees", "parameters": {"reviewFeeJunior": {"value": 280}}}"#.utf8))).serialized
        let new = try Policy.load(json: bytes)
        let page = PolicyDiffPage.make(chrome: Self.office("年度政策比较", "/policies"), new: new, earlier: old, inUse: old,
                                       summary: "检查通过", example: true, activeYear: nil)
        let html = PageSnapshotTests.html(page.render())
        #expect(html.contains("260 元 → 280 元"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func diffWithNothingEarlier() throws {
        let policy = try Policy.load(id: "changzhi-2022")
        let page = PolicyDiffPage.make(chrome: Self.office("年度政策比较", "/policies"), new: policy, earlier: nil, inUse: policy,
                                       summary: "检查通过", example: false, activeYear: 2022)
        assertSnapshot(of: PageSnapshotTests.html(page.render()), as: .lines)
    }

    @Test func integrityPageOfAYearWithARecordOfTheYearBefore() {
        let page = IntegrityPage(
            chrome: Self.office("诚信核查与诚信档案", "/committee/integrity"), csrf: "csrf-token", errors: [], typed: [:],
            picker: Self.picker2023, recordYears: 3, flags: [], cancellable: [],
            records: [.init(name: "李强", maskedID: "140***********1234", reason: "学历证书系伪造",
                            term: "2022年8月15日至2025年8月14日（3年，2025年8月15日起解除）", unitFailure: "—")],
            lifted: [])
        assertSnapshot(of: PageSnapshotTests.html(page.render()), as: .lines)
    }

    @Test func similarityJobsOfAnEarlierYear() {
        let page = SimilarityJobsPage(
            chrome: Self.office("论文查重", "/committee/similarity"), csrf: "csrf-token",
            picker: YearPicker(years: [2022, 2023], selected: 2022, url: .committee(.similarity)),
            rule: "抄袭率超过30%的不得参加答辩", jobs: [.init(state: "已完成", progress: "3 / 3", requested: "2022年8月20日 09:00",
                                                  finished: "2022年8月20日 09:01", error: nil)],
            active: false, corpusCount: 0, rows: [], errors: [])
        assertSnapshot(of: PageSnapshotTests.html(page.render()), as: .lines)
    }

    @Test func reopeningsOfTheYearInUseAndOfAnEarlierYear() {
        func page(_ selected: Int) -> String {
            PageSnapshotTests.html(ReopeningsPage(
                chrome: Self.office("重新开放申报", "/office/reopenings"), csrf: "csrf-token",
                picker: YearPicker(years: [2022, 2023], selected: selected, url: .reopenings), currentYear: 2023,
                period: "2023年6月1日至2023年8月25日", today: "2023年6月10日", periodNote: "申报截止于收审截止日。",
                units: [Choice(value: "u1", label: "长治市示例水利设计院")],
                rows: selected == 2022 ? [.init(unit: "长治市示例水利设计院", until: "2022年9月5日", reason: "单位人事变动，经请示补报",
                                                by: "赵敏", at: "2022年8月26日 10:00", active: false)] : [],
                values: [:], errors: [:]).render())
        }
        let current = page(2023), earlier = page(2022)
        #expect(current.contains("reopen-form") && !earlier.contains("reopen-form"))
        assertSnapshot(of: current, as: .lines, named: "current")
        assertSnapshot(of: earlier, as: .lines, named: "earlier")
    }

    @Test func demoClockWithTwoYears() {
        let page = DemoClockPage(chrome: Self.office("演示日期", "/demo/clock"), csrf: "csrf-token", errors: [],
                                 today: "2022年8月15日", todayISO: "2022-08-15", typed: "", years: [2022, 2023])
        assertSnapshot(of: PageSnapshotTests.html(page.render()), as: .lines)
    }
}
