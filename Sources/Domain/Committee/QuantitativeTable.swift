/// 量化赋分: the ten item kinds section 九 lists, each with points per unit and a cap.
/// The notice names the kinds but gives no points, so the bundle ships a documented
/// default table (`quantitativeItemKinds`, `quantitativeItemPoints`,
/// `quantitativeItemCaps`) that the office may change for the year before scoring starts.
public enum QuantitativeKind: String, CaseIterable, Sendable, Codable {
    case projects, awards, papers, education, workYears = "work_years", posts, assessments, qualifications,
         societies, hardship

    /// The notice's words (九).
    public var label: String {
        switch self {
        case .projects: "完成技术项目"
        case .awards: "技术项目获奖"
        case .papers: "论文论著"
        case .education: "学历（学位）"
        case .workYears: "专业工作年限"
        case .posts: "任职经历"
        case .assessments: "考核"
        case .qualifications: "职业资格"
        case .societies: "学术团体任职"
        case .hardship: "艰苦岗位"
        }
    }
}

/// The year's table, read from the policy, with the rule text for the pages.
public struct QuantitativeTable: Sendable {
    public struct Item: Sendable, Hashable {
        public let kind: QuantitativeKind
        /// Points per unit (per project, per paper, per year ...).
        public let points: Tenths
        /// The most points the kind can give.
        public let cap: Tenths
        /// 完成技术项目：每项5分，最高20分.
        public var rule: String { "\(kind.label)：每项\(points)分，最高\(cap)分" }

        public init(kind: QuantitativeKind, points: Tenths, cap: Tenths) {
            self.kind = kind; self.points = points; self.cap = cap
        }
    }

    public let items: [Item]
    /// The most a quantitative score can be: the caps' sum (100 in the default table).
    public var maximum: Tenths { Tenths(items.reduce(0) { $0 + $1.cap.rawValue }) }

    public static let kindsParameter = "quantitativeItemKinds"
    public static let pointsParameter = "quantitativeItemPoints"
    public static let capsParameter = "quantitativeItemCaps"

    public init(items: [Item]) { self.items = items }

    public init(policy: Policy) throws(PolicyError) {
        func list(_ id: String) throws(PolicyError) -> [ParameterValue] {
            guard case .list(let values) = try ScoringParameter.value(id, in: policy) else {
                throw ScoringParameter.error(id, in: policy, "expected a list")
            }
            return values
        }
        let kinds = try list(Self.kindsParameter), points = try list(Self.pointsParameter), caps = try list(Self.capsParameter)
        guard kinds.count == points.count, kinds.count == caps.count else {
            throw ScoringParameter.error(Self.capsParameter, in: policy, "kinds, points and caps must have the same length")
        }
        func tenths(_ v: ParameterValue, _ id: String) throws(PolicyError) -> Tenths {
            let literal: DecimalLiteral?
            switch v {
            case .integer(let i): literal = DecimalLiteral(String(i))
            case .decimal(let d): literal = DecimalLiteral(d)
            default: literal = nil
            }
            guard let literal, !literal.negative, literal.decimals <= 1, let t = literal.scaled(by: 1) else {
                throw ScoringParameter.error(id, in: policy, "expected a non-negative number with at most one decimal")
            }
            return Tenths(t)
        }
        var items: [Item] = []
        for i in kinds.indices {
            guard case .text(let name) = kinds[i], let kind = QuantitativeKind(rawValue: name) else {
                throw ScoringParameter.error(Self.kindsParameter, in: policy, "unknown kind at \(i)")
            }
            items.append(Item(kind: kind, points: try tenths(points[i], Self.pointsParameter),
                              cap: try tenths(caps[i], Self.capsParameter)))
        }
        guard Set(items.map(\.kind)).count == QuantitativeKind.allCases.count else {
            throw ScoringParameter.error(Self.kindsParameter, in: policy, "the ten kinds of section 9 must each appear once")
        }
        self.items = items
    }

    public func item(_ kind: QuantitativeKind) -> Item? { items.first { $0.kind == kind } }

    /// The points for `units` of a kind, capped.
    public func points(_ kind: QuantitativeKind, units: Int) -> Tenths {
        guard let item = item(kind) else { return Tenths(0) }
        return Tenths(min(item.cap.rawValue, max(0, units) * item.points.rawValue))
    }

    /// Why an entered number of points is not acceptable, in Chinese; nil when fine.
    public func problem(_ kind: QuantitativeKind, points: Tenths) -> String? {
        guard let item = item(kind) else { return "未知的赋分项目" }
        if points.rawValue < 0 { return "\(kind.label)的分值不能为负" }
        if points > item.cap { return "\(kind.label)最高\(item.cap)分，填写的\(points)分超过上限" }
        return nil
    }

    /// The quantitative score: the sum of the items' points.
    public func total(_ points: [QuantitativeKind: Tenths]) -> Tenths {
        Tenths(points.values.reduce(0) { $0 + $1.rawValue })
    }
}
