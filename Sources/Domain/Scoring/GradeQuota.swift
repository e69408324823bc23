/// The number of places per grade in a panel of n applicants, by the largest-remainder
/// method over the ratio's shares (scoring contract rule 3).
///
/// Quotas 0.3n, 0.6n, 0.1n; each grade first gets the whole part of its quota; the
/// places left go one each to the grades with the largest fractional parts, equal
/// fractional parts favouring the better grade. n = 5 gives 2/3/0, n = 7 gives
/// 2/4/1, n = 10 gives 3/6/1. All in integers: a quota's fractional part is kept as
/// the remainder of n × share over the ratio's total.
public struct GradeQuota: Sendable, Hashable {
    public let applicants: Int
    public let ratio: GradeRatio
    /// The whole parts of the quotas, per grade.
    public let wholeParts: GradeCounts
    /// The remainders (n × share mod total): the fractional parts, in units of 1 / total.
    public let remainders: GradeCounts
    /// The grades that got one of the places left over, best first.
    public let roundedUp: [DefenseGrade]
    /// The final places per grade; they add up to `applicants`.
    public let counts: GradeCounts

    public init(applicants n: Int, ratio: GradeRatio) {
        precondition(n >= 0)
        applicants = n
        self.ratio = ratio
        var whole = GradeCounts(excellent: 0, medium: 0, poor: 0), rest = whole
        for g in DefenseGrade.allCases {
            whole[g] = n * ratio.share(g) / ratio.total
            rest[g] = n * ratio.share(g) % ratio.total
        }
        wholeParts = whole
        remainders = rest
        let left = n - whole.total
        // Largest fractional part first; equal parts: the better grade first (`allCases` is best first).
        let order = DefenseGrade.allCases.sorted { a, b in
            rest[a] != rest[b] ? rest[a] > rest[b] : a < b
        }
        roundedUp = Array(order.prefix(left)).sorted()
        var counts = whole
        for g in roundedUp { counts[g] += 1 }
        self.counts = counts
    }

    /// 共7人，按3:6:1：优2.1、中4.2、差0.7，先各取整数部分2、4、0，余下1名给小数部分最大的差：优2名、中4名、差1名.
    public var explanation: String {
        func quota(_ g: DefenseGrade) -> String {
            // n × share / total as a decimal; total may not be a power of ten, so show a fraction then.
            let n = applicants * ratio.share(g)
            if ratio.total == 10 { return DecimalText.format(n, decimals: 1) }
            return n % ratio.total == 0 ? String(n / ratio.total) : "\(n)/\(ratio.total)"
        }
        var text = "共\(applicants)人，按优、中、差\(ratio)的比例："
        text += DefenseGrade.allCases.map { "\($0.label)\(quota($0))" }.joined(separator: "、")
        text += "，先各取整数部分" + DefenseGrade.allCases.map { String(wholeParts[$0]) }.joined(separator: "、")
        if !roundedUp.isEmpty {
            text += "，余下\(roundedUp.count)名依次给小数部分最大的"
            text += roundedUp.map(\.label).joined(separator: "、")
            text += "（小数部分相同时给较好的等次）"
        }
        text += "：" + counts.chinese
        return text
    }
}

extension DefenseGrading {
    /// The places per grade for a panel of `n` (scoring contract rule 3).
    public static func quotas(n: Int, ratio: GradeRatio) -> GradeCounts {
        GradeQuota(applicants: n, ratio: ratio).counts
    }

    /// The same with the ratio as the bundle writes it, `[3, 6, 1]`.
    public static func quotas(n: Int, ratio: [Int]) -> GradeCounts {
        precondition(ratio.count == 3, "a grade ratio has three shares: 优, 中, 差")
        return quotas(n: n, ratio: GradeRatio(excellent: ratio[0], medium: ratio[1], poor: ratio[2]))
    }
}
