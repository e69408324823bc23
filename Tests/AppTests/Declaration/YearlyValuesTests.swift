import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
@testable import Domain

/// One source for yearly values (issue 7 item 11): a copy of the bundle with
/// other values, and the pages follow; the role guide reads the notice right.
@Suite struct YearlyValuesTests {
    static func changedBundle() throws -> Policy {
        var text = String(decoding: try Policy.bundleBytes(id: "changzhi-2022"), as: UTF8.self)
        let swaps = [
            (#""reviewFeeIntermediate": {"value": 300"#, #""reviewFeeIntermediate": {"value": 320"#),
            (#""reviewFeeJunior": {"value": 260"#, #""reviewFeeJunior": {"value": 270"#),
            (#""copyRatioLimit": {"value": 0.25"#, #""copyRatioLimit": {"value": 0.2"#),
            (#""copyRatioAtLimitDefends": {"value": true"#, #""copyRatioAtLimitDefends": {"value": false"#),
            (#""defenseGradeRatio": {"value": [3, 6, 1]"#, #""defenseGradeRatio": {"value": [2, 7, 1]"#),
            (#""publicityMinimumWorkingDays": {"value": 5"#, #""publicityMinimumWorkingDays": {"value": 7"#),
            (#""integrityRecordYears": {"value": 3"#, #""integrityRecordYears": {"value": 4"#),
            (#""reviewFormCopies": {"value": 3"#, #""reviewFormCopies": {"value": 4"#),
            (#""evaluationFormCopies": {"value": 25"#, #""evaluationFormCopies": {"value": 20"#),
            (#""reviewScoreDefenseWeight": {"value": 0.3"#, #""reviewScoreDefenseWeight": {"value": 0.35"#),
            (#""declaration": {"opens": "2022-06-01""#, #""declaration": {"opens": "2022-06-15""#),
        ]
        for (old, new) in swaps {
            #expect(text.contains(old), "bundle lacks \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return try Policy.load(json: text)
    }

    @Test func pagesFollowAChangedBundle() async throws {
        try await withTestApp { app in
            app.policies = try PolicyStore.make(try Self.changedBundle())
            var visitor = Browser(app)
            let home = try await visitor.get("/")
            #expect(home.text.contains("工程师（中级）每人320元；助理工程师、技术员（初级）每人270元"))
            #expect(home.text.contains("2022年6月15日至2022年8月25日"))
            #expect(home.text.contains("长治市2022年度工程系列中、初级职称评审"))
            #expect(!home.text.contains("300元"))
            #expect(try await visitor.get("/conditions").text.contains("每人320元"))

            var office = Browser(app)
            try await office.login("office")
            let guide = try await office.get("/home")
            #expect(guide.text.contains("中级320元/人，初级270元/人"))
            #expect(guide.text.contains("抄袭率低于20%的参加答辩，达到或高于20%的取消答辩资格"))
            #expect(guide.text.contains("记录期限4年"))
            #expect(!guide.text.contains("25%"))
            var expert = Browser(app)
            try await expert.login("expert1")
            #expect(try await expert.get("/home").text.contains("优、中、差比例2:7:1"))

            var b = Browser(app)
            try await b.login("applicant2")
            let overview = try await b.startDeclaration()
            #expect(try await b.get("\(overview)/commitment").text.contains("记录期限4年"))
            let review = try await b.get("\(overview)/print/review-form")
            #expect(review.text.contains("本表一式4份") && review.text.contains("不少于7个工作日"))
            let evaluation = try await b.get("\(overview)/print/evaluation-form")
            #expect(evaluation.text.contains("本表一式20份") && evaluation.text.contains("答辩成绩（35%）"))
        }
    }

    @Test func theChangedPeriodIsTheOneEnforced() async throws {
        try await withTestApp { app in
            app.policies = try PolicyStore.make(try Self.changedBundle())
            app.clock = .fixed(LocalDate(iso: "2022-06-10")!.beijingMorning)
            var b = Browser(app)
            try await b.login("applicant1")
            try await b.get("/applications")
            let refused = try await b.post("/applications", ["targetLevel": "engineer", "track": "regular", "specialty": "水利"])
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("本年度申报将于2022年6月15日开始"))
        }
    }

    /// The role guide as the notice reads (六.1, 六.2); recusal is the national
    /// rules', not 九's.
    @Test func theRoleGuideFollowsTheNotice() throws {
        let year = try ReviewYear(Policy.load(id: "changzhi-2022"))
        let expert = RoleGuide.duties(for: .expert, year: year)
        let recusal = try #require(expert.first { $0.text.contains("回避") })
        #expect(recusal.clause != "九" && recusal.clause.contains("职称评审管理暂行规定"))
        let office = RoleGuide.duties(for: .committeeOffice, year: year)
        #expect(!office.contains { $0.clause == "九" && $0.text.contains("回避") })
        let department = RoleGuide.duties(for: .competentDepartment, year: year)
        #expect(department.contains { $0.text.contains("市直单位申报工程师") && $0.clause.contains("六.1") })
        #expect(department.contains { $0.text.contains("单位填写的评审材料汇总表") && $0.clause == "六.2" })
        // 六.2: a city-direct unit's juniors go with its summary table to the competent department;
        // a unit whose route has no such step is not told to fill one.
        let cityDirect = RoleGuide.UnitRoute(levels: "助理工程师、技术员", steps: [.unit, .competentDepartment, .committeeOffice])
        let unit = RoleGuide.duties(for: .unitClerk, year: year, unitRoutes: [cityDirect])
        #expect(unit.contains { $0.text.contains("填写评审材料汇总表") && $0.clause == "六.2" })
        let county = RoleGuide.UnitRoute(levels: "助理工程师、技术员", steps: [.unit, .countyIndustryBureau, .committeeOffice])
        #expect(!RoleGuide.duties(for: .unitClerk, year: year, unitRoutes: [county]).contains { $0.text.contains("填写评审材料汇总表") })
    }

    @Test func loginMessagesSayTheConfiguredDurations() async throws {
        try await withTestApp(configure: { $0.lockoutSeconds = 20 * 60; $0.lockoutThreshold = 4 }) { app in
            var b = Browser(app)
            let page = try await b.get("/login")
            #expect(page.text.contains("连续4次输错密码，账号将锁定20分钟。"))
            let wrong = try await b.login("applicant1", "Wrong#password1")
            // The standing hint carries the durations; the error itself is the same for every
            // failure, so it cannot tell a stranger the account exists (issue 8, item 8).
            #expect(wrong.text.contains("连续4次输错密码，账号将锁定20分钟。"))
            #expect(wrong.text.contains(AuthController.badCredentials) && !wrong.text.contains("再错"))
        }
    }
}
