import Testing
@testable import Domain

/// Scoring contract rules 1, 2, 4 and 5 (九: 答辩材料学术水平评价占40%，现场答辩评价占60%；
/// 优、中、差3：6：1；差的列为淘汰对象).
@Suite struct DefenseGradingTests {
    let rules = shippedRules

    // MARK: rule 1, the defense score

    @Test func theShippedWeightsAreFortySixtyAndThirty() {
        let w = rules.weights
        #expect(w.denominator == 10 && w.materials == 4 && w.onsite == 6 && w.reviewDefense == 3 && w.reviewQuantitative == 7)
        #expect(w.percent(w.materials) == "40%" && w.percent(w.onsite) == "60%" && w.percent(w.reviewDefense) == "30%")
    }

    /// 84 × 0.4 + 78.5 × 0.6 = 33.6 + 47.1 = 80.7 (the contract's example).
    @Test func oneExpertWeightedScore() {
        let r = DefenseGrading.grade([entry("A01", "E1", 840, 785)], rules: rules)
        #expect(r.applicants.first?.defenseScore == Hundredths(8070))
        #expect(r.applicants.first?.defenseScore.description == "80.7")
    }

    @Test func theMeanOverTheExpertsOfThatApplicant() {
        // 90/90 -> 90; 80/70 -> 74; 60.5/61.5 -> 24.2 + 36.9 = 61.1; mean 225.1 / 3 = 75.0333 -> 75.03.
        let r = DefenseGrading.grade([entry("A", "E1", 900, 900), entry("A", "E2", 800, 700), entry("A", "E3", 605, 615),
                                      entry("B", "E1", 500, 500)], rules: rules)
        #expect(r.applicant("A")?.defenseScore == Hundredths(7503))
        #expect(r.applicant("A")?.expertCount == 3)
        #expect(r.applicant("B")?.defenseScore == Hundredths(5000))
    }

    /// A mean ending in 5 at the third decimal rounds up: 70.135 -> 70.14. In binary floating
    /// point (0.4 × 70 + 0.6 × 70.9 + 3 × 70) / 4 comes out just below 70.135 and rounds to 70.13.
    @Test func halfUpWhereBinaryFloatingPointWouldRoundDown() {
        var entries = [entry("A", "E1", 700, 709)]
        for e in 2...4 { entries.append(entry("A", "E\(e)", 700, 700)) }
        let r = DefenseGrading.grade(entries, rules: rules)
        #expect(r.applicants[0].defenseScore == Hundredths(7014))
        // The same pattern with eight experts: (70 + 0.6 × 1.8 … ) 561.08 / 8 = 70.135 -> 70.14.
        var eight = [entry("B", "E1", 700, 718)]
        for e in 2...8 { eight.append(entry("B", "E\(e)", 700, 700)) }
        #expect(DefenseGrading.grade(eight, rules: rules).applicants[0].defenseScore == Hundredths(7014))
    }

    @Test func halfUpAtExactlyHalfAndJustBelow() {
        // 80.1 × 0.4 + 80 × 0.6 = 80.04; with seven experts at 80: 640.04 / 8 = 80.005 -> 80.01 (half up).
        var half = [entry("A", "E1", 801, 800)]
        for e in 2...8 { half.append(entry("A", "E\(e)", 800, 800)) }
        #expect(DefenseGrading.grade(half, rules: rules).applicants[0].defenseScore == Hundredths(8001))
        // 79.9 × 0.4 + 80.1 × 0.6 = 31.96 + 48.06 = 80.02; with seven at 80: 640.02 / 8 = 80.0025 -> 80.
        var below = [entry("C", "E1", 799, 801)]
        for e in 2...8 { below.append(entry("C", "E\(e)", 800, 800)) }
        #expect(DefenseGrading.grade(below, rules: rules).applicants[0].defenseScore == Hundredths(8000))
        // In the weights' units (hundredths here, denominator 10): 80.02 + 3 × 80 over 4 = 80.005 -> 80.01;
        // 80.02 + 2 × 80 over 3 = 80.00666… -> 80.01.
        let w = rules.weights
        #expect(w.defenseScore(expertScoreUnitsSum: 8002 + 3 * 8000, experts: 4) == Hundredths(8001))
        #expect(w.defenseScore(expertScoreUnitsSum: 8002 + 2 * 8000, experts: 3) == Hundredths(8001))
        #expect(w.defenseScore(expertScoreUnitsSum: 8001 + 8000, experts: 2) == Hundredths(8001))  // 80.005
        #expect(w.defenseScore(expertScoreUnitsSum: 8000 + 8000 + 8001, experts: 3) == Hundredths(8000))  // 80.0033
    }

    @Test func extremesOfTheScale() {
        let r = DefenseGrading.grade([entry("A", "E1", 1000, 1000), entry("B", "E1", 0, 0)], rules: rules)
        #expect(r.applicant("A")?.defenseScore.description == "100")
        #expect(r.applicant("B")?.defenseScore.description == "0")
    }

    // MARK: rule 2, ranks

    @Test func ranksShareAndSkip() {
        let scores = [9000, 8500, 8500, 8000, 8000, 8000, 7000].map(Hundredths.init)
        #expect(DefenseGrading.ranks(scores) == [1, 2, 2, 4, 4, 4, 7])
        #expect(DefenseGrading.ranks([]) == [])
    }

    @Test func applicantsInRankOrderTiesInOrderOfFirstAppearance() {
        // B and D tie; B appears first in the scores (even though D's entry with E1 comes earlier).
        let entries = [entry("A", "E1", 700, 700), entry("B", "E2", 800, 800), entry("D", "E1", 800, 800),
                       entry("C", "E1", 900, 900), entry("B", "E1", 800, 800), entry("A", "E2", 700, 700),
                       entry("C", "E2", 900, 900), entry("D", "E2", 800, 800)]
        let r = DefenseGrading.grade(entries, rules: rules)
        #expect(r.applicants.map(\.applicant) == ["C", "B", "D", "A"])
        #expect(r.applicants.map(\.rank) == [1, 2, 2, 4])
    }

    // MARK: rules 4 and 5, grades

    @Test func distinctScoresGetTheirPlacesGrades() {
        // n = 7: 2/4/1.
        let r = DefenseGrading.grade(panel([95, 90, 85, 80, 75, 70, 65]), rules: rules)
        #expect(r.applicants.map(\.grade) == [.excellent, .excellent, .medium, .medium, .medium, .medium, .poor])
        #expect(r.counts == GradeCounts(excellent: 2, medium: 4, poor: 1))
        #expect(r.applicants.map(\.eliminated) == [false, false, false, false, false, false, true])
    }

    /// n = 10 (3/6/1): a tie across the 优/中 boundary makes both 优.
    @Test func tieAtTheExcellentMediumBoundary() {
        let r = DefenseGrading.grade(panel([99, 98, 90, 90, 80, 79, 78, 77, 76, 60]), rules: rules)
        #expect(r.applicants.map(\.grade.label).joined() == "优优优优中中中中中差")
        #expect(r.counts == GradeCounts(excellent: 4, medium: 5, poor: 1))
        #expect(r.applicants[3].placeGrade == .medium && r.applicants[3].rank == 3)
        #expect(r.quota.counts == GradeCounts(excellent: 3, medium: 6, poor: 1))
    }

    /// n = 10: a tie across the 中/差 boundary: nobody is eliminated.
    @Test func tieAtTheMediumPoorBoundary() {
        let r = DefenseGrading.grade(panel([99, 98, 97, 90, 89, 88, 87, 86, 60, 60]), rules: rules)
        #expect(r.applicants.map(\.grade.label).joined() == "优优优中中中中中中中")
        #expect(r.counts == GradeCounts(excellent: 3, medium: 7, poor: 0))
        #expect(r.applicants.allSatisfy { !$0.eliminated })
    }

    /// n = 10: ties inside a grade change nothing; a tie spanning 优, 中 and 差 makes all 优.
    @Test func tiesInsideAGradeAndAcrossAllThree() {
        let inside = DefenseGrading.grade(panel([99, 99, 97, 90, 90, 88, 87, 86, 85, 60]), rules: rules)
        #expect(inside.counts == GradeCounts(excellent: 3, medium: 6, poor: 1))
        let across = DefenseGrading.grade(panel([99, 98, 80, 80, 80, 80, 80, 80, 80, 80]), rules: rules)
        #expect(across.applicants.map(\.grade.label).joined() == "优优优优优优优优优优")
        #expect(across.counts == GradeCounts(excellent: 10, medium: 0, poor: 0))
        let all = DefenseGrading.grade(panel(Array(repeating: 75, count: 7)), rules: rules)
        #expect(all.counts == GradeCounts(excellent: 7, medium: 0, poor: 0))
        #expect(all.applicants.allSatisfy { $0.rank == 1 })
    }

    /// A panel of one: rule 3 gives 0/1/0 (the quotas .3, .6, .1 leave the one place to 中).
    @Test func aPanelOfOneIsMedium() {
        let r = DefenseGrading.grade([entry("A01", "E1", 840, 785)], rules: rules)
        #expect(r.applicants[0].grade == .medium)
        #expect(r.counts == GradeCounts(excellent: 0, medium: 1, poor: 0))
    }

    /// An independent grader: for each applicant, the best place grade over every place
    /// held by an applicant with the same score; ranks counted from strictly higher scores.
    static func reference(_ scores: [Int], quotas: GradeCounts) -> [(rank: Int, grade: DefenseGrade)] {
        let sorted = scores.sorted(by: >)
        func placeGrade(_ p: Int) -> DefenseGrade {
            p < quotas.excellent ? .excellent : (p >= scores.count - quotas.poor ? .poor : .medium)
        }
        return scores.map { s in
            let places = sorted.indices.filter { sorted[$0] == s }
            return (scores.filter { $0 > s }.count + 1, places.map(placeGrade).min()!)
        }
    }

    @Test func everyPanelSizeFromOneToFiftyWithRandomTies() {
        var rng = SplitMix64(seed: 361)
        for n in 1...50 {
            for round in 0..<20 {
                // Narrow ranges make many ties, wide ones few.
                let spread = [2, 5, 20, 400][round % 4]
                let scores = (0..<n).map { _ in 60 + Int.random(in: 0..<spread, using: &rng) }
                let entries = scores.enumerated().map { entry("A\($0.offset)", "E1", $0.element * 10, $0.element * 10) }
                let r = DefenseGrading.grade(entries, rules: rules)
                let quotas = DefenseGrading.quotas(n: n, ratio: rules.ratio)
                let expected = Self.reference(scores, quotas: quotas)
                #expect(r.applicants.count == n)
                #expect(r.counts.total == n)
                #expect(r.counts.excellent >= quotas.excellent && r.counts.poor <= quotas.poor, "ties never move anyone down")
                for a in r.applicants {
                    let i = Int(a.applicant.dropFirst())!
                    #expect(a.rank == expected[i].rank && a.grade == expected[i].grade, "n = \(n), \(a.applicant)")
                    #expect(a.eliminated == (a.grade == .poor))
                }
                // Rank order, and ties in input order.
                for (x, y) in zip(r.applicants, r.applicants.dropFirst()) {
                    #expect(x.defenseScore > y.defenseScore
                            || (x.defenseScore == y.defenseScore && Int(x.applicant.dropFirst())! < Int(y.applicant.dropFirst())!))
                }
                if spread == 400 && Set(scores).count == n { #expect(r.counts == quotas, "no ties: the quotas exactly") }
            }
        }
    }

    // MARK: rule 6, the review score

    @Test func reviewScoreThirtySeventy() {
        let r = DefenseGrading.grade([entry("A01", "E1", 840, 785)], quantitative: ["A01": Tenths(615)], rules: rules)
        #expect(r.applicants[0].reviewScore == Hundredths(6726))  // 80.7 × 0.3 + 61.5 × 0.7 = 24.21 + 43.05
        #expect(r.applicants[0].reviewScore?.description == "67.26")
        let w = rules.weights
        #expect(w.reviewScore(defense: Hundredths(10000), quantitative: Tenths(1000)) == Hundredths(10000))
        #expect(w.reviewScore(defense: Hundredths(10000), quantitative: Tenths(0)) == Hundredths(3000))
        #expect(w.reviewScore(defense: Hundredths(0), quantitative: Tenths(1000)) == Hundredths(7000))
    }

    /// 80.05 × 0.3 + 60.1 × 0.7 = 24.015 + 42.07 = 66.085 -> 66.09 (in doubles: 66.08).
    @Test func reviewScoreHalfUpWhereDoublesRoundDown() {
        #expect(rules.weights.reviewScore(defense: Hundredths(8005), quantitative: Tenths(601)) == Hundredths(6609))
        // 80.01 × 0.3 + 60 × 0.7 = 24.003 + 42 = 66.003 -> 66.
        #expect(rules.weights.reviewScore(defense: Hundredths(8001), quantitative: Tenths(600)) == Hundredths(6600))
    }

    @Test func reviewScoreOnlyWhereAQuantitativeScoreIsGiven() {
        let r = DefenseGrading.grade(panel([90, 80]), quantitative: ["A2": Tenths(700)], rules: rules)
        #expect(r.applicant("A1")?.reviewScore == nil)
        #expect(r.applicant("A2")?.reviewScore == Hundredths(7300))  // 24 + 49
    }

    /// Junior levels have no defense: the review score is the quantitative score.
    @Test func juniorReviewScoreIsTheQuantitativeScore() {
        #expect(DefenseWeights.juniorReviewScore(quantitative: Tenths(615)) == Hundredths(6150))
    }

    @Test func weightsOtherThanTheShippedOnesAreExact() {
        // A year with 35% / 65% and 25%: denominator 100.
        let w = DefenseWeights(materials: 35, onsite: 65, reviewDefense: 25, denominator: 100)
        // 0.35 × 80.1 + 0.65 × 70.3 = 28.035 + 45.695 = 73.73.
        let r = DefenseGrading.grade([entry("A", "E1", 801, 703)], rules: DefenseRules(weights: w, ratio: rules.ratio))
        #expect(r.applicants[0].defenseScore == Hundredths(7373))
        // 0.25 × 73.73 + 0.75 × 60.1 = 18.4325 + 45.075 = 63.5075 -> 63.51.
        #expect(w.reviewScore(defense: Hundredths(7373), quantitative: Tenths(601)) == Hundredths(6351))
        #expect(w.percent(w.materials) == "35%")
    }

    // MARK: the rule each result states

    @Test func explanationsAreBuiltFromTheParameters() {
        let r = DefenseGrading.grade(panel([95, 90, 85, 80, 75, 70, 65]), quantitative: ["A1": Tenths(615)], rules: rules)
        #expect(r.applicants[1].gradeRule == "第2名，共7人。按优、中、差3:6:1的比例，本组优2名、中4名、差1名，定为优")
        #expect(r.applicants[6].gradeRule.hasSuffix("定为差，列为淘汰对象"))
        #expect(r.applicants[0].defenseScoreRule == "1位专家评分的平均值（每位专家：答辩材料学术水平×40% + 现场答辩×60%），四舍五入保留两位小数：95")
        #expect(r.applicants[0].reviewScoreRule == "答辩成绩95×30% + 量化赋分61.5×70% = 71.55（四舍五入保留两位小数）")
        #expect(r.applicants[1].reviewScoreRule == nil)

        let tie = DefenseGrading.grade(panel([99, 98, 90, 90, 80, 79, 78, 77, 76, 60]), rules: rules)
        #expect(tie.applicants[3].gradeRule == "第3名，共10人。按优、中、差3:6:1的比例，本组优3名、中6名、差1名；与另1人同分并列第3名，所占名次跨优、中，按较好的等次，定为优")
    }
}
