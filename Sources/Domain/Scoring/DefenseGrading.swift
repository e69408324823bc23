/// Section 九's defense scoring as pure functions over integers (the scoring contract).
///
/// 1. An expert's score = materials × 40% + on-site × 60%; the defense score is the
///    mean over the panel's experts, rounded half up to two decimals.
/// 2. Ranks by defense score, highest first; equal scores share a rank (1, 2, 2, 4).
/// 3. Places per grade by the largest-remainder method over 3:6:1 (`GradeQuota`).
/// 4. The top places are 优, the bottom ones 差, the rest 中; applicants with equal
///    scores get the best grade their places span, so a tie never moves anyone down.
/// 5. 差 is eliminated. 6. Review score = defense × 30% + quantitative × 70%.
///
/// The application's panel pages and `title-review defense grade` both call
/// `grade`, so every number a page shows can be recomputed from the raw scores.
public enum DefenseGrading {
    /// Standard competition ranks for scores already in rank order (highest first):
    /// `[90, 85, 85, 80]` gives `[1, 2, 2, 4]`.
    public static func ranks(_ scoresInRankOrder: [Hundredths]) -> [Int] {
        var ranks: [Int] = []
        ranks.reserveCapacity(scoresInRankOrder.count)
        for (i, s) in scoresInRankOrder.enumerated() {
            ranks.append(i > 0 && scoresInRankOrder[i - 1] == s ? ranks[i - 1] : i + 1)
        }
        return ranks
    }

    /// The grade of a place (0-based, in rank order) under the quotas, before ties.
    public static func placeGrade(_ place: Int, quotas: GradeCounts) -> DefenseGrade {
        if place < quotas.excellent { return .excellent }
        if place >= quotas.total - quotas.poor { return .poor }
        return .medium
    }

    /// Each applicant's defense score from the raw scores, in the order the applicants
    /// first appear in `entries`.
    public static func defenseScores(_ entries: [DefenseScoreEntry], weights: DefenseWeights)
        -> [(applicant: String, score: Hundredths, experts: Int)] {
        var order: [String] = []
        var sums: [String: (units: Int, experts: Int)] = [:]
        for e in entries {
            let units = weights.expertScoreUnits(materials: e.materials, onsite: e.onsite)
            if let s = sums[e.applicant] {
                sums[e.applicant] = (s.units + units, s.experts + 1)
            } else {
                order.append(e.applicant)
                sums[e.applicant] = (units, 1)
            }
        }
        return order.map { a in
            let s = sums[a]!
            return (a, weights.defenseScore(expertScoreUnitsSum: s.units, experts: s.experts), s.experts)
        }
    }

    /// Grades one panel from its raw scores. `quantitative` holds the applicants'
    /// quantitative scores where known; the others get no review score. Entries are
    /// expected valid (one per expert and applicant, scores 0–100): the JSON reader
    /// and the score entry form check that first.
    public static func grade(_ entries: [DefenseScoreEntry], quantitative: [String: Tenths] = [:],
                             rules: DefenseRules) -> PanelResult {
        let weights = rules.weights
        let scored = defenseScores(entries, weights: weights)
        // Stable: equal scores keep the order of first appearance.
        let ordered = scored.enumerated().sorted { a, b in
            a.element.score != b.element.score ? a.element.score > b.element.score : a.offset < b.offset
        }.map(\.element)
        let ranks = ranks(ordered.map(\.score))
        let quota = GradeQuota(applicants: ordered.count, ratio: rules.ratio)
        let quotas = quota.counts

        var applicants: [GradedApplicant] = []
        applicants.reserveCapacity(ordered.count)
        var counts = GradeCounts(excellent: 0, medium: 0, poor: 0)
        var groupStart = 0
        while groupStart < ordered.count {
            var groupEnd = groupStart + 1
            while groupEnd < ordered.count && ordered[groupEnd].score == ordered[groupStart].score { groupEnd += 1 }
            // Grades get worse down the places, so the group's first place holds its best grade.
            let grade = placeGrade(groupStart, quotas: quotas)
            let spanned = Array(Set((groupStart..<groupEnd).map { placeGrade($0, quotas: quotas) })).sorted()
            for place in groupStart..<groupEnd {
                let item = ordered[place]
                let q = quantitative[item.applicant]
                let review = q.map { weights.reviewScore(defense: item.score, quantitative: $0) }
                let own = placeGrade(place, quotas: quotas)
                applicants.append(GradedApplicant(
                    applicant: item.applicant, defenseScore: item.score, rank: ranks[place], place: place,
                    placeGrade: own, grade: grade, quantitative: q, reviewScore: review,
                    expertCount: item.experts, tiedWith: groupEnd - groupStart,
                    defenseScoreRule: Explanation.defenseScore(item.score, experts: item.experts, weights: weights),
                    gradeRule: Explanation.grade(rank: ranks[place], of: ordered.count, quota: quota, grade: grade,
                                                 tied: groupEnd - groupStart, spanned: spanned),
                    reviewScoreRule: q.flatMap { qs in review.map { Explanation.review(defense: item.score, quantitative: qs, result: $0, weights: weights) } }))
                counts[grade] += 1
            }
            groupStart = groupEnd
        }
        return PanelResult(applicants: applicants, counts: counts, quota: quota, rules: rules)
    }
}

/// The Chinese sentences that say which rule made a number (九 and the scoring contract).
enum Explanation {
    static func defenseScore(_ score: Hundredths, experts: Int, weights: DefenseWeights) -> String {
        "\(experts)位专家评分的平均值（每位专家：答辩材料学术水平×\(weights.percent(weights.materials)) + "
            + "现场答辩×\(weights.percent(weights.onsite))），四舍五入保留两位小数：\(score)"
    }

    static func grade(rank: Int, of n: Int, quota: GradeQuota, grade: DefenseGrade, tied: Int,
                      spanned: [DefenseGrade]) -> String {
        var text = "第\(rank)名，共\(n)人。按优、中、差\(quota.ratio)的比例，本组\(quota.counts.chinese)"
        if tied > 1 {
            text += "；与另\(tied - 1)人同分并列第\(rank)名"
            if spanned.count > 1 {
                text += "，所占名次跨" + spanned.map(\.label).joined(separator: "、") + "，按较好的等次"
            }
        }
        text += "，定为\(grade.label)"
        if grade.isEliminated { text += "，列为淘汰对象" }
        return text
    }

    static func review(defense: Hundredths, quantitative: Tenths, result: Hundredths, weights: DefenseWeights) -> String {
        "答辩成绩\(defense)×\(weights.percent(weights.reviewDefense)) + 量化赋分\(quantitative)×"
            + "\(weights.percent(weights.reviewQuantitative)) = \(result)（四舍五入保留两位小数）"
    }
}
