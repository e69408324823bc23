import Foundation
import Testing
@testable import Domain

/// The review's own dates, not the machine's (issue 7 item 6): the declaration
/// period from the bundle, and date fields bounded by the clock and the review.
@Suite struct ReviewDatesTests {
    let policy = try! Policy.load(id: "changzhi-2022")
    func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    @Test func theBundleSaysWhenDeclarationsOpenAndClose() {
        // 十（三）: the declaration closes with the intake, on the status date.
        #expect(policy.declaration.opens == day("2022-06-01"))
        #expect(policy.declaration.closes == day("2022-08-25"))
        #expect(policy.declaration.closes == policy.applicationDate)
        #expect(policy.declaration.clause == "10.3")
        #expect(policy.declaration.note.contains("收审"))
    }

    @Test func startingAndSubmittingOnlyInsideThePeriod() {
        let period = policy.declaration
        // The day before, on and after each boundary.
        #expect(period.refusal(.start, on: day("2022-05-31")) != nil)
        #expect(period.refusal(.start, on: day("2022-06-01")) == nil)
        #expect(period.refusal(.submit, on: day("2022-08-25")) == nil)
        let late = period.refusal(.submit, on: day("2022-08-26"))
        #expect(late == "本年度申报期为2022年6月1日至2022年8月25日，已于2022年8月25日截止，今天（2022年8月26日）不能再提交申报。如确有特殊情况，请由单位联系评委会办公室为本单位重新开放申报。")
        // Years later, the 2022 review is still closed.
        #expect(period.refusal(.start, on: day("2026-11-30"))?.contains("2022年8月25日") == true)
        let early = period.refusal(.start, on: day("2022-05-31"))
        #expect(early?.hasPrefix("本年度申报将于2022年6月1日开始") == true)
    }

    @Test func aReopeningForTheUnitLetsItThroughUntilItsLastDay() {
        let period = policy.declaration
        #expect(period.refusal(.submit, on: day("2022-09-05"), reopenedUntil: day("2022-09-05")) == nil)
        #expect(period.refusal(.submit, on: day("2022-09-06"), reopenedUntil: day("2022-09-05")) != nil)
    }

    @Test func aBundleWithoutTheDeclarationPeriodDoesNotLoad() throws {
        var root = try bundle()
        root = root.removing("declaration")
        do { _ = try Policy.load(json: root.serialized); Issue.record("loaded") } catch {
            #expect(error.description == "declaration: missing required field")
        }
        var reversed = try bundle()
        reversed = reversed.setting("declaration", .object([("opens", .string("2022-09-01")), ("closes", .string("2022-08-25")),
                                                            ("clause", .string("10.3")), ("note", .string("x"))]))
        do { _ = try Policy.load(json: reversed.serialized); Issue.record("loaded") } catch {
            #expect(error.description == "declaration: declarations close before they open")
        }
    }

    /// 三（一）4 and I1: a paper dated 2025 or an assessment for 2024 does not
    /// belong in the 2022 review, even when the clock has run past it.
    @Test func datesAfterTheReviewAreRefusedWhateverTheClock() {
        let lateClock = day("2026-11-30")
        let end = policy.referenceDate
        let paper = SectionRules.validate(.papers, ["published": "2025-03-01"], siblings: [], today: lateClock, reviewEnd: end)
        #expect(paper["published"] == "发表时间不能晚于2022年12月31日（本年度评审的计算截止日）")
        let assessment = SectionRules.validate(.assessments, ["year": "2024", "result": "competent"], siblings: [],
                                               today: lateClock, reviewEnd: end)
        #expect(assessment["year"] == "年度不能晚于2022年（本次评审为2022年度）")
        // Inside the period the clock itself is the limit.
        let inPeriod = SectionRules.validate(.papers, ["published": "2022-08-20"], siblings: [], today: day("2022-08-15"),
                                             reviewEnd: end)
        #expect(inPeriod["published"] == "发表时间不能晚于今天")
        #expect(SectionRules.validate(.assessments, ["year": "2022", "result": "competent"], siblings: [],
                                      today: day("2022-08-15"), reviewEnd: end).isEmpty)
    }

    /// Item 8 of the eligibility contract: dated after the status date, marked as not counting.
    @Test func aBookAfterTheStatusDateIsMarkedNotCounting() {
        let window = OutputDates.Window(start: day("2016-10-01"), closes: day("2022-08-25"))
        #expect(OutputDates.warning(.books, ["published": "2022-08-26"], window: window)?.contains("不计入本年度评审") == true)
        #expect(OutputDates.warning(.books, ["published": "2022-08-25"], window: window) == nil)
    }

    func bundle() throws -> JSONValue {
        let bytes = try Policy.bundleBytes(id: "changzhi-2022")
        return try JSONValue.parse(bytes)
    }
}

fileprivate extension JSONValue {
    func removing(_ key: String) -> JSONValue {
        guard case .object(let members) = self else { return self }
        return .object(members.filter { $0.key != key })
    }

    func setting(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(let members) = self else { return self }
        return .object(members.map { $0.key == key ? (key: key, value: value) : $0 })
    }
}
