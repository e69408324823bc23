import Foundation
import Testing
@testable import Domain

/// The employer's part (四（二）, 十（一）): the panel, the three publicities on the
/// official calendar (at least the policy's working days), objections, the opinion.
@Suite struct UnitEvaluationTests {
    let rules = UnitEvaluation.Rules(calendar: try! WorkingDayCalendar.official(), minimumWorkingDays: 5)

    func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }
    /// A window that constrains nothing, for the tests of order and working days.
    var wide: UnitEvaluation.Window { .init(takenUpOn: d("2000-01-01"), lastDay: d("2099-12-31")) }

    func ready() -> UnitEvaluation {
        var e = UnitEvaluation()
        e.panel = PanelMemberRole.allCases.map { PanelMember(name: "成员\($0.rawValue)", role: $0, post: "") }
        for c in EvaluationCriterion.allCases { e.ratings[c] = .good }
        e.authenticityChecked = true
        return e
    }

    @Test func publicityEndsAfterFiveWorkingDaysAcrossNationalDay() throws {
        // 2022: 10月1日–7日 off, 10月8日(六)、9日(日) make-up working days (国办发明电〔2021〕11号).
        let e = UnitEvaluation()
        let p = try e.startingPublicity(.conditions, on: d("2022-09-29"), today: d("2022-09-29"), window: wide, rules: rules)
        // 9/29, 9/30, 10/8, 10/9, 10/10.
        #expect(p.ends == d("2022-10-10"))
    }

    @Test func publicityEndsAcrossSpringFestival2022() throws {
        // 1月29日(六)、30日(日) make-up; 1月31日–2月6日 off.
        let p = try UnitEvaluation().startingPublicity(.conditions, on: d("2022-01-27"), today: d("2022-01-27"), window: wide, rules: rules)
        // 1/27, 1/28, 1/29, 1/30, 2/7.
        #expect(p.ends == d("2022-02-07"))
    }

    @Test func materialsPublicityNeedsTheConditionsPublicityFirst() throws {
        var e = ready()
        #expect(throws: UnitEvaluation.Refusal.self) {
            try e.startingPublicity(.materials, on: d("2022-06-01"), today: d("2022-06-01"), window: wide, rules: rules)
        }
        e.publicities[.conditions] = try e.startingPublicity(.conditions, on: d("2022-06-06"), today: d("2022-06-06"), window: wide, rules: rules)
        #expect(throws: UnitEvaluation.Refusal.self) {
            try e.startingPublicity(.materials, on: d("2022-06-01"), today: d("2022-06-06"), window: wide, rules: rules)
        }
        let m = try e.startingPublicity(.materials, on: d("2022-06-06"), today: d("2022-06-06"), window: wide, rules: rules)
        #expect(m.ends == d("2022-06-10"))
    }

    @Test func aStartedPublicityCannotBeMovedOrCutShort() throws {
        var e = ready()
        e.publicities[.conditions] = try e.startingPublicity(.conditions, on: d("2022-06-06"), today: d("2022-06-06"), window: wide, rules: rules)
        #expect(throws: UnitEvaluation.Refusal.self) {
            try e.startingPublicity(.conditions, on: d("2022-06-07"), today: d("2022-06-08"), window: wide, rules: rules)
        }
    }

    @Test func aYearWithoutTheOfficialScheduleIsRefused() {
        #expect(throws: UnitEvaluation.Refusal.calendar(.missingYear(2027))) {
            try UnitEvaluation().startingPublicity(.conditions, on: d("2027-03-01"), today: d("2027-03-01"), window: wide, rules: rules)
        }
    }

    @Test func opinionOnlyAfterBothPublicitiesEndedWithoutOpenObjections() throws {
        var e = ready()
        e.publicities[.conditions] = Publicity(kind: .conditions, starts: d("2022-06-06"), ends: d("2022-06-10"))
        e.publicities[.materials] = Publicity(kind: .materials, starts: d("2022-06-06"), ends: d("2022-06-10"))
        let meets = Dictionary(uniqueKeysWithValues: OpinionItem.allCases.map { ($0, true) })
        let early = AppraisalOpinion(meets: meets, text: "同意", decidedOn: d("2022-06-10"), recommend: true, headName: "张三")
        #expect(throws: UnitEvaluation.Refusal.self) { try e.checkOpinion(early, today: d("2022-06-20"), rules: rules) }
        // 6月11日、12日 weekend; 6月13日 the next working day.
        let onTime = AppraisalOpinion(meets: meets, text: "同意", decidedOn: d("2022-06-13"), recommend: true, headName: "张三")
        try e.checkOpinion(onTime, today: d("2022-06-20"), rules: rules)
        e.publicities[.materials]!.objections = [Objection(receivedOn: d("2022-06-08"), content: "论文非本人撰写")]
        #expect(throws: UnitEvaluation.Refusal.self) { try e.checkOpinion(onTime, today: d("2022-06-20"), rules: rules) }
        e.publicities[.materials]!.objections[0].resolvedOn = "2022-06-09"
        e.publicities[.materials]!.objections[0].resolution = "经核实系本人撰写"
        try e.checkOpinion(onTime, today: d("2022-06-20"), rules: rules)
    }

    @Test func missingListsEverythingBeforeRecommending() throws {
        var e = UnitEvaluation()
        let first = e.missing(today: d("2022-07-01"), rules: rules)
        #expect(first.contains { $0.contains("群众代表") })
        #expect(first.contains("单位鉴定意见"))
        #expect(first.contains("单位承诺（双承诺）"))
        e = ready()
        for kind in PublicityKind.allCases {
            e.publicities[kind] = Publicity(kind: kind, starts: d("2022-06-06"), ends: d("2022-06-10"))
        }
        let meets = Dictionary(uniqueKeysWithValues: OpinionItem.allCases.map { ($0, true) })
        e.opinion = AppraisalOpinion(meets: meets, text: "同意", decidedOn: d("2022-06-13"), recommend: true, headName: "张三")
        e.unitCommitmentSigned = true
        // On the last day of the publicity it is not over yet; the next working day it is.
        #expect(e.missing(today: d("2022-06-10"), rules: rules) == PublicityKind.allCases.map { "\($0.label)至2022年6月10日结束" })
        #expect(e.missing(today: d("2022-06-13"), rules: rules).isEmpty)
        e.publicities[.opinion]!.objections = [Objection(receivedOn: d("2022-06-09"), content: "x")]
        #expect(e.missing(today: d("2022-06-13"), rules: rules) == ["单位鉴定意见公示有1条异议未处理"])
    }

    // MARK: honest dates (issue 17, item 1)

    /// Taken up on 2022-07-04 (a Monday); the 2022 declaration period closes on 8月25日.
    var window: UnitEvaluation.Window { .init(takenUpOn: d("2022-07-04"), lastDay: d("2022-08-25")) }

    func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let refusal as UnitEvaluation.Refusal { return refusal.message } catch { return "\(error)" }
    }

    @Test func aPublicityCannotBeBackdated() throws {
        let e = ready()
        // Today is 7月6日: starting on 7月5日 would record a publicity nobody saw.
        let m = message { _ = try e.startingPublicity(.conditions, on: d("2022-07-05"), today: d("2022-07-06"), window: window, rules: rules) }
        #expect(m == "开始日期不能早于今天（2022年7月6日）：公示须实际张贴，不能补记过去的日期")
        let p = try e.startingPublicity(.conditions, on: d("2022-07-06"), today: d("2022-07-06"), window: window, rules: rules)
        #expect(p.ends == d("2022-07-12"))
    }

    @Test func aPublicityStartsNoEarlierThanTheUnitTookTheApplicationUp() {
        let e = ready()
        // The clock can be before the acceptance only in a misset test or demo; the rule holds anyway.
        let m = message { _ = try e.startingPublicity(.conditions, on: d("2022-07-01"), today: d("2022-07-01"), window: window, rules: rules) }
        #expect(m == "开始日期不能早于单位受理该申报的日期（2022年7月4日）")
    }

    @Test func aPublicityEndsInsideTheDeclarationPeriod() throws {
        let e = ready()
        // 8月19日 (Friday) + 5 working days ends 8月25日: allowed. 8月22日 ends 8月26日: refused.
        let last = try e.startingPublicity(.conditions, on: d("2022-08-19"), today: d("2022-07-04"), window: window, rules: rules)
        #expect(last.ends == d("2022-08-25"))
        let m = message { _ = try e.startingPublicity(.conditions, on: d("2022-08-22"), today: d("2022-07-04"), window: window, rules: rules) }
        #expect(m == "公示期将至2022年8月26日结束，晚于本年度申报截止日（2022年8月25日）；请提前开始公示")
        // A mistyped year is refused too, instead of locking the application for months.
        #expect(message { _ = try e.startingPublicity(.conditions, on: d("2023-07-04"), today: d("2022-07-04"), window: window, rules: rules) } != nil)
    }

    @Test func aPublicityNotYetBegunCanBeMovedOrCancelled() throws {
        var e = ready()
        // Mistyped: 8月4日 instead of 7月4日. Before 8月4日 it can be moved back to today…
        e.publicities[.conditions] = try e.startingPublicity(.conditions, on: d("2022-08-04"), today: d("2022-07-04"), window: window, rules: rules)
        let moved = try e.startingPublicity(.conditions, on: d("2022-07-04"), today: d("2022-07-04"), window: window, rules: rules)
        #expect(moved.ends == d("2022-07-08"))
        // …or cancelled.
        #expect(message { try e.cancellingPublicity(.conditions, today: d("2022-07-04")) } == nil)
        // Once begun, neither.
        #expect(message { try e.cancellingPublicity(.conditions, today: d("2022-08-04")) } == "评审条件程序公示已于2022年8月4日开始，不能取消")
        #expect(message { _ = try e.startingPublicity(.conditions, on: d("2022-08-05"), today: d("2022-08-04"), window: window, rules: rules) }
                == "评审条件程序公示已于2022年8月4日开始，不能更改开始日期或提前结束")
    }

    @Test func movingOrCancellingKeepsTheOrder() throws {
        var e = ready()
        e.publicities[.conditions] = try e.startingPublicity(.conditions, on: d("2022-07-05"), today: d("2022-07-04"), window: window, rules: rules)
        e.publicities[.materials] = try e.startingPublicity(.materials, on: d("2022-07-06"), today: d("2022-07-04"), window: window, rules: rules)
        #expect(message { _ = try e.startingPublicity(.conditions, on: d("2022-07-07"), today: d("2022-07-04"), window: window, rules: rules) }
                == "个人申报材料公示定于2022年7月6日开始，评审条件程序公示不能晚于它；请先更改或取消个人申报材料公示")
        #expect(message { try e.cancellingPublicity(.conditions, today: d("2022-07-04")) }
                == "个人申报材料公示以评审条件程序公示为前提，请先取消个人申报材料公示")
        #expect(message { try e.cancellingPublicity(.materials, today: d("2022-07-04")) } == nil)
    }

    @Test func statusNamesWhereAPublicityStands() throws {
        var p = Publicity(kind: .materials, starts: d("2022-07-04"), ends: d("2022-07-08"))
        #expect(try UnitEvaluation.status(p, today: d("2022-07-01"), rules: rules) == .notStarted)
        #expect(try UnitEvaluation.status(p, today: d("2022-07-08"), rules: rules) == .running)
        #expect(try UnitEvaluation.status(p, today: d("2022-07-11"), rules: rules) == .noObjection)
        p.objections = [Objection(receivedOn: d("2022-07-05"), content: "x")]
        #expect(try UnitEvaluation.status(p, today: d("2022-07-11"), rules: rules) == .openObjections(1))
        p.objections[0].resolvedOn = "2022-07-06"; p.objections[0].resolution = "已核实"
        #expect(try UnitEvaluation.status(p, today: d("2022-07-07"), rules: rules) == .running)
        #expect(try UnitEvaluation.status(p, today: d("2022-07-11"), rules: rules) == .objectionsResolved)
        var e = ready()
        for kind in PublicityKind.allCases { e.publicities[kind] = Publicity(kind: kind, starts: d("2022-07-04"), ends: d("2022-07-08")) }
        #expect(!e.publicitiesFinal(today: d("2022-07-08"), rules: rules))
        #expect(e.publicitiesFinal(today: d("2022-07-11"), rules: rules))
        e.publicities[.opinion] = nil
        #expect(!e.publicitiesFinal(today: d("2022-07-11"), rules: rules))
    }

    @Test func anItemNotMetCannotBeRecommended() throws {
        var e = ready()
        e.publicities[.conditions] = Publicity(kind: .conditions, starts: d("2022-06-06"), ends: d("2022-06-10"))
        e.publicities[.materials] = Publicity(kind: .materials, starts: d("2022-06-06"), ends: d("2022-06-10"))
        var meets = Dictionary(uniqueKeysWithValues: OpinionItem.allCases.map { ($0, true) })
        meets[.achievements] = false
        let recommending = AppraisalOpinion(meets: meets, text: "同意", decidedOn: d("2022-06-13"), recommend: true, headName: "张三")
        #expect(message { try e.checkOpinion(recommending, today: d("2022-06-13"), rules: rules) }
                == "鉴定意见认定业绩成果不符合申报条件，不能“同意推荐”；请更正逐项意见，或将结论改为“不同意推荐”")
        let declining = AppraisalOpinion(meets: meets, text: "不同意", decidedOn: d("2022-06-13"), recommend: false, headName: "张三")
        #expect(message { try e.checkOpinion(declining, today: d("2022-06-13"), rules: rules) } == nil)
        // An opinion stored before the rule is caught before recommending.
        e.opinion = recommending
        #expect(e.missing(today: d("2022-06-20"), rules: rules).contains { $0.hasPrefix("鉴定意见认定业绩成果不符合申报条件") })
    }

    @Test func whatWasRecordedForAnEarlierSubmissionHoldsOnlyForTheSameContent() {
        #expect(UnitEvaluation.stillCovers(covered: 2, current: 2, sameContent: nil))
        #expect(UnitEvaluation.stillCovers(covered: 1, current: 2, sameContent: true))
        #expect(!UnitEvaluation.stillCovers(covered: 1, current: 2, sameContent: false))
        #expect(!UnitEvaluation.stillCovers(covered: 1, current: 2, sameContent: nil))
        #expect(!UnitEvaluation.isTiedToContent(.conditions))
        #expect(UnitEvaluation.isTiedToContent(.materials) && UnitEvaluation.isTiedToContent(.opinion))
    }
}
