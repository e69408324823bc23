/// The weights of section 九 as exact fractions over one power of ten: an expert's
/// score is materials × 40% + on-site × 60%; the review score is defense × 30% plus
/// the quantitative score × the rest (70%).
///
/// The bundle holds the weights as decimals (`defenseMaterialWeight` 0.4,
/// `defenseLiveWeight` 0.6, `reviewScoreDefenseWeight` 0.3). They are converted
/// once, exactly, to integers over the smallest power of ten that holds them all
/// (4, 6 and 3 over 10), so no rounding decision ever sees a binary fraction.
public struct DefenseWeights: Sendable, Hashable {
    /// The materials' academic level (答辩材料学术水平评价), over `denominator`.
    public let materials: Int
    /// The on-site defense (现场答辩评价), over `denominator`.
    public let onsite: Int
    /// The defense score's share of the review score (答辩成绩（30%）), over `denominator`.
    public let reviewDefense: Int
    /// A power of ten; `materials + onsite == denominator`.
    public let denominator: Int

    /// The quantitative score's share of the review score: the rest.
    public var reviewQuantitative: Int { denominator - reviewDefense }

    /// Weights over a power of ten. The two defense weights must add up to the whole and
    /// every weight must lie between 0 and the whole.
    public init(materials: Int, onsite: Int, reviewDefense: Int, denominator: Int) {
        precondition(denominator > 0 && materials >= 0 && onsite >= 0 && materials + onsite == denominator
                     && (0...denominator).contains(reviewDefense), "inconsistent defense weights")
        self.materials = materials; self.onsite = onsite; self.reviewDefense = reviewDefense
        self.denominator = denominator
    }

    /// Parameter ids in the policy bundle.
    public static let materialsParameter = "defenseMaterialWeight"
    public static let onsiteParameter = "defenseLiveWeight"
    public static let reviewDefenseParameter = "reviewScoreDefenseWeight"

    /// Most decimals a weight may have (0.125 is fine; a weight is a share, not a measurement).
    static let maximumDecimals = 6

    /// Reads the three weights of the year's policy.
    public init(policy: Policy) throws(PolicyError) {
        let ids = [Self.materialsParameter, Self.onsiteParameter, Self.reviewDefenseParameter]
        var literals: [DecimalLiteral] = []
        for id in ids {
            let value = try ScoringParameter.value(id, in: policy)
            let literal: DecimalLiteral?
            switch value {
            case .integer(let i): literal = DecimalLiteral(String(i))
            case .decimal(let d): literal = DecimalLiteral(d)
            default: literal = nil
            }
            guard let literal, !literal.negative || literal.isZero, literal.compare(to: 1) != .greater else {
                throw ScoringParameter.error(id, in: policy, "expected a share between 0 and 1")
            }
            guard literal.decimals <= Self.maximumDecimals else {
                throw ScoringParameter.error(id, in: policy, "a weight may have at most \(Self.maximumDecimals) decimals")
            }
            literals.append(literal)
        }
        let decimals = literals.map(\.decimals).max() ?? 0
        let parts = literals.map { $0.scaled(by: decimals)! }
        let denominator = ExactArithmetic.powerOfTen(decimals)
        guard parts[0] + parts[1] == denominator else {
            throw ScoringParameter.error(Self.onsiteParameter, in: policy,
                                         "\(Self.materialsParameter) and \(Self.onsiteParameter) must add up to 1")
        }
        self.init(materials: parts[0], onsite: parts[1], reviewDefense: parts[2], denominator: denominator)
    }

    /// A share as a percentage without trailing zeros: `40%`, `12.5%`.
    public func percent(_ share: Int) -> String {
        let decimals = String(denominator).count - 1
        return DecimalText.format(share * 100, decimals: decimals) + "%"
    }

    /// One expert's score for one applicant, exactly, in units of 1 / (10 × denominator)
    /// (tenths of a point times the weights' denominator): materials × w₁ + on-site × w₂.
    public func expertScoreUnits(materials m: Tenths, onsite o: Tenths) -> Int {
        m.rawValue * materials + o.rawValue * onsite
    }

    /// The mean of experts' scores (their sum in `expertScoreUnits`), rounded half up to
    /// two decimals (九 and the scoring contract's rule 1).
    public func defenseScore(expertScoreUnitsSum sum: Int, experts: Int) -> Hundredths {
        precondition(experts > 0)
        // sum / (10 × denominator × experts) points = sum × 10 / (denominator × experts) hundredths.
        return Hundredths(ExactArithmetic.roundedHalfUp(sum * 10, over: denominator * experts))
    }

    /// Review score = defense × 30% + quantitative × 70% (the policy's weights), rounded
    /// half up to two decimals (九: 答辩成绩（30%）和量化评审赋分组成评审成绩).
    public func reviewScore(defense: Hundredths, quantitative: Tenths) -> Hundredths {
        // In hundredths × denominator: defense × w + quantitative × 10 × (1 − w).
        let numerator = defense.rawValue * reviewDefense + quantitative.rawValue * 10 * reviewQuantitative
        return Hundredths(ExactArithmetic.roundedHalfUp(numerator, over: denominator))
    }

    /// Junior levels have no defense: their review score is the quantitative score.
    public static func juniorReviewScore(quantitative: Tenths) -> Hundredths { quantitative.hundredths }
}

/// Reading the scoring parameters out of a policy, with errors that name them the
/// way a broken bundle's errors do (`parameters.defenseGradeRatio: ...`).
enum ScoringParameter {
    static func value(_ id: String, in policy: Policy) throws(PolicyError) -> ParameterValue {
        guard let p = policy.parameter(id) else {
            throw PolicyError(file: "\(policy.id).json", problem: "missing required field", path: [.key("parameters"), .key(id)])
        }
        return p.value
    }

    static func error(_ id: String, in policy: Policy, _ problem: String) -> PolicyError {
        PolicyError(file: "\(policy.id).json", problem: problem, path: [.key("parameters"), .key(id), .key("value")])
    }
}
