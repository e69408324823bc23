/// The shares of 优 : 中 : 差 in a panel (九: 严格控制答辩成绩的优、中、差等次比例（3：6：1）),
/// from the policy's `defenseGradeRatio`.
public struct GradeRatio: Sendable, Hashable, CustomStringConvertible {
    public let excellent: Int
    public let medium: Int
    public let poor: Int

    public init(excellent: Int, medium: Int, poor: Int) {
        precondition(excellent >= 0 && medium >= 0 && poor >= 0 && excellent + medium + poor > 0, "a grade ratio needs positive shares")
        self.excellent = excellent; self.medium = medium; self.poor = poor
    }

    public static let parameter = "defenseGradeRatio"

    /// Reads `defenseGradeRatio` (`[3, 6, 1]`).
    public init(policy: Policy) throws(PolicyError) {
        let value = try ScoringParameter.value(Self.parameter, in: policy)
        var shares: [Int] = []
        if case .list(let items) = value {
            for item in items { if case .integer(let i) = item, i >= 0 { shares.append(i) } }
            if shares.count != items.count { shares = [] }
        }
        guard shares.count == 3, shares.reduce(0, +) > 0 else {
            throw ScoringParameter.error(Self.parameter, in: policy,
                                         "expected three whole non-negative shares for 优, 中, 差 (e.g. [3, 6, 1])")
        }
        self.init(excellent: shares[0], medium: shares[1], poor: shares[2])
    }

    public var shares: [Int] { [excellent, medium, poor] }
    public var total: Int { excellent + medium + poor }

    public func share(_ grade: DefenseGrade) -> Int { shares[grade.order] }

    /// `3:6:1`.
    public var description: String { shares.map(String.init).joined(separator: ":") }
}

/// What the scoring rules of one year need: the weights and the grade ratio.
public struct DefenseRules: Sendable, Hashable {
    public let weights: DefenseWeights
    public let ratio: GradeRatio

    public init(weights: DefenseWeights, ratio: GradeRatio) {
        self.weights = weights; self.ratio = ratio
    }

    /// The year's rules from its policy bundle.
    public init(policy: Policy) throws(PolicyError) {
        self.init(weights: try DefenseWeights(policy: policy), ratio: try GradeRatio(policy: policy))
    }
}
