import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

@Suite struct ConditionsPageTests {
    static let eligibleEngineer: [String: String] = [
        "targetLevel": "engineer", "track": "regular", "unitKind": "enterprise", "educationLevel": "bachelor",
        "discipline": "engineering", "titleSeries": "engineering", "titleTier": "assistant", "titleQualified": "2018-12-31",
        "assessment2019": "competent", "assessment2020": "competent", "assessment2021": "excellent", "assessment2022": "competent",
        "assessment2018": "competent", "papers": "2", "achievementKind": "project", "achievementLevel": "city",
        "achievementRank": "1", "achievementAccepted": "1", "workReport": "1",
    ]

    static func query(_ values: [String: String]) -> String {
        values.sorted { $0.key < $1.key }.map { "\($0.key)=\(Browser.encode($0.value))" }.joined(separator: "&")
    }

    @Test func anyoneReadsTheClausesParametersAndInterpretations() async throws {
        try await withTestApp(demo: false) { app in
            var b = Browser(app)
            let page = try await b.get("/conditions")
            #expect(page.status == .ok)
            #expect(page.text.contains("长工信〔2022〕139号"))
            #expect(page.text.contains("第3.1.3条 任职资格要求"))
            #expect(page.text.contains("即2018年12月31日前聘任助理级"))
            #expect(page.text.contains("本系统的解释口径"))
            #expect(page.text.contains("2022年7月25日至2022年8月25日"))
            #expect(page.text.contains("每人300元"))
            #expect(page.text.contains(#"action="/conditions/check""#))
        }
    }

    @Test func quickCheckOnTheBoundaryDay() async throws {
        try await withTestApp(demo: false) { app in
            var b = Browser(app)
            // Qualified 2018-12-31 with a clean record: 4 years by 2022-12-31 (interpretation 3).
            let onTime = try await b.get("/conditions/check?" + Self.query(Self.eligibleEngineer))
            #expect(onTime.status == .ok)
            #expect(onTime.text.contains("符合申报工程师的条件"))
            #expect(!onTime.text.contains("暂不符合"))
            var late = Self.eligibleEngineer
            late["titleQualified"] = "2019-01-01"
            let tooLate = try await b.get("/conditions/check?" + Self.query(late))
            #expect(tooLate.text.contains("暂不符合申报工程师的条件"))
            #expect(tooLate.text.contains("不足4年"))
            #expect(tooLate.text.contains("最早可于2023年1月1日满足"))
            #expect(tooLate.text.contains("依据：第3.1.3条"))
            // What was typed stays in the form.
            #expect(tooLate.text.contains(#"value="2019-01-01""#))
        }
    }

    @Test func badInputGetsMessagesNotAVerdict() async throws {
        try await withTestApp(demo: false) { app in
            var b = Browser(app)
            let response = try await b.get("/conditions/check?targetLevel=phd&titleSeries=engineering&titleQualified=2019-02-30&papers=-1")
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("请从列表中选择申报级别"))
            #expect(response.text.contains("取得资格时间不是有效日期"))
            #expect(response.text.contains("请填写职称层级"))
            #expect(response.text.contains("不能小于0"))
            #expect(!response.text.contains(#"id="self-check""#))
        }
    }
}
