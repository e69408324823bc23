import Foundation
import Testing
@testable import Domain

/// The employer's part (四（二）, 十（一）): the panel, the three publicities on the
/// official calendar (at least the policy's working days), objections, the opinion.
@Suite struct UnitEvaluationTests {
    let rules = UnitEvaluation.Rules(calendar: try! WorkingDayCalendar.official(), minimumWorkingDays: 5)

    func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

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
        let p = try e.startingPublicity(.conditions, on: d("2022-09-29"), today: d("2022-09-29"), rules: rules)
        // 9/29, 9/30, 10/8, 10/9, 10/10.
        #expect(p.ends == d("2022-10-10"))
    }

    @Test func publicityEndsAcrossSpringFestival2022() throws {
        // 1月29日(六)、30日(日) make-up; 1月31日–2月6日 off.
        let p = try UnitEvaluation().startingPublicity(.conditions, on: d("2022-01-27"), today: d("2022-01-27"), rules: rules)
        // 1/27, 1/28, 1/29, 1/30, 2/7.
        #expect(p.ends == d("2022-02-07"))
    }

    @Test func materialsPublicityNeedsTheConditionsPublicityFirst() throws {
        var e = ready()
        #expect(throws: UnitEvaluation.Refusal.self) {
            try e.startingPublicity(.materials, on: d("2022-06-01"), today: d("2022-06-01"), rules: rules)
        }
        e.publicities[.conditions] = try e.startingPublicity(.conditions, on: d("2022-06-06"), today: d("2022-06-06"), rules: rules)
        #expect(throws: UnitEvaluation.Refusal.self) {
            try e.startingPublicity(.materials, on: d("2022-06-01"), today: d("2022-06-06"), rules: rules)
        }
        let m = try e.startingPublicity(.materials, on: d("2022-06-06"), today: d("2022-06-06"), rules: rules)
        #expect(m.ends == d("2022-06-10"))
    }

    @Test func aStartedPublicityCannotBeMovedOrCutShort() throws {
        var e = ready()
        e.publicities[.conditions] = try e.startingPublicity(.conditions, on: d("2022-06-06"), today: d("2022-06-06"), rules: rules)
        #expect(throws: UnitEvaluation.Refusal.self) {
            try e.startingPublicity(.conditions, on: d("2022-06-07"), today: d("2022-06-08"), rules: rules)
        }
    }

    @Test func aYearWithoutTheOfficialScheduleIsRefused() {
        #expect(throws: UnitEvaluation.Refusal.calendar(.missingYear(2027))) {
            try UnitEvaluation().startingPublicity(.conditions, on: d("2027-03-01"), today: d("2027-03-01"), rules: rules)
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
}
