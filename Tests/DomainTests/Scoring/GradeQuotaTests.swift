import Foundation
import Testing
@testable import Domain

/// Scoring contract rule 3: places per grade by the largest-remainder method over 3:6:1 (九).
@Suite struct GradeQuotaTests {
    let ratio = shippedRules.ratio

    @Test func theShippedRatioIsThreeSixOne() {
        #expect(ratio.shares == [3, 6, 1])
        #expect(ratio.description == "3:6:1")
    }

    /// The contract's own examples.
    @Test(arguments: [(5, GradeCounts(excellent: 2, medium: 3, poor: 0)),
                      (7, GradeCounts(excellent: 2, medium: 4, poor: 1)),
                      (10, GradeCounts(excellent: 3, medium: 6, poor: 1))])
    func contractExamples(n: Int, expected: GradeCounts) {
        #expect(DefenseGrading.quotas(n: n, ratio: ratio) == expected)
        #expect(DefenseGrading.quotas(n: n, ratio: [3, 6, 1]) == expected)
    }

    /// Worked by hand from rule 3, n = 1 … 10 (fractional parts in the comment).
    @Test func smallPanelsWorkedByHand() {
        let expected: [Int: (Int, Int, Int)] = [
            0: (0, 0, 0),
            1: (0, 1, 0),  // .3 .6 .1 -> 中
            2: (1, 1, 0),  // .6 .2 .2 -> 优
            3: (1, 2, 0),  // .9 .8 .3 -> 优, 中
            4: (1, 3, 0),  // .2 .4 .4 -> tie 中/差 favours 中
            5: (2, 3, 0),  // .5 0 .5 -> tie 优/差 favours 优
            6: (2, 4, 0),  // .8 .6 .6 -> 优, then tie 中/差 favours 中
            7: (2, 4, 1),  // .1 .2 .7 -> 差
            8: (2, 5, 1),  // .4 .8 .8 -> 中, 差
            9: (3, 5, 1),  // .7 .4 .9 -> 差, 优
            10: (3, 6, 1),
        ]
        for (n, e) in expected {
            let q = DefenseGrading.quotas(n: n, ratio: ratio)
            #expect((q.excellent, q.medium, q.poor) == e, "n = \(n)")
        }
    }

    /// An independent, straightforward computation in base-10 `Decimal`: sort the
    /// fractional parts with the better grade first among equals.
    static func reference(n: Int, shares: [Int]) -> [Int] {
        let total = Decimal(shares.reduce(0, +))
        var whole: [Int] = [], fractions: [Decimal] = []
        for s in shares {
            let quota = Decimal(n) * Decimal(s) / total
            var floor = Decimal()
            var q = quota
            NSDecimalRound(&floor, &q, 0, .down)
            whole.append(NSDecimalNumber(decimal: floor).intValue)
            fractions.append(quota - floor)
        }
        var left = n - whole.reduce(0, +)
        let order = (0..<shares.count).sorted { fractions[$0] != fractions[$1] ? fractions[$0] > fractions[$1] : $0 < $1 }
        for i in order where left > 0 { whole[i] += 1; left -= 1 }
        return whole
    }

    @Test func everyPanelSizeFromOneToFifty() {
        for n in 1...50 {
            let quota = GradeQuota(applicants: n, ratio: ratio)
            let q = quota.counts
            #expect(q.total == n, "n = \(n): counts add up to n")
            #expect([q.excellent, q.medium, q.poor] == Self.reference(n: n, shares: [3, 6, 1]), "n = \(n)")
            // Each count is the whole part of its quota or one more.
            for g in DefenseGrade.allCases {
                let exact = n * ratio.share(g)
                #expect(q[g] * 10 >= exact - 9 && q[g] * 10 <= exact + 9, "n = \(n), \(g)")
            }
        }
    }

    @Test func otherRatiosAgreeWithTheReference() {
        for shares in [[1, 1, 1], [2, 7, 1], [1, 2, 1], [0, 1, 0], [5, 4, 1]] {
            for n in 1...30 {
                let q = DefenseGrading.quotas(n: n, ratio: shares)
                #expect([q.excellent, q.medium, q.poor] == Self.reference(n: n, shares: shares), "\(shares), n = \(n)")
            }
        }
    }

    @Test func explanationNamesTheRule() {
        let q = GradeQuota(applicants: 7, ratio: ratio)
        #expect(q.explanation == "共7人，按优、中、差3:6:1的比例：优2.1、中4.2、差0.7，先各取整数部分2、4、0，余下1名依次给小数部分最大的差（小数部分相同时给较好的等次）：优2名、中4名、差1名")
        #expect(GradeQuota(applicants: 10, ratio: ratio).explanation.hasSuffix("先各取整数部分3、6、1：优3名、中6名、差1名"))
    }
}
