/// 优 / 中 / 差: the grades of a defense panel (九: 严格控制答辩成绩的优、中、差等次比例（3：6：1），
/// 答辩成绩为差的列为淘汰对象). Ordered best first.
public enum DefenseGrade: String, Sendable, CaseIterable, Comparable {
    case excellent, medium, poor

    /// 优, 中, 差.
    public var label: String {
        switch self {
        case .excellent: return "优"
        case .medium: return "中"
        case .poor: return "差"
        }
    }

    /// Poor is eliminated (九: 答辩成绩为差的列为淘汰对象).
    public var isEliminated: Bool { self == .poor }

    /// Best first: `excellent < medium` reads "better than".
    public static func < (a: DefenseGrade, b: DefenseGrade) -> Bool { a.order < b.order }

    var order: Int {
        switch self {
        case .excellent: return 0
        case .medium: return 1
        case .poor: return 2
        }
    }
}

/// How many applicants hold each grade: the quotas of the 3:6:1 rule or the grades given.
public struct GradeCounts: Sendable, Hashable, CustomStringConvertible {
    public var excellent: Int
    public var medium: Int
    public var poor: Int

    public init(excellent: Int, medium: Int, poor: Int) {
        self.excellent = excellent; self.medium = medium; self.poor = poor
    }

    public subscript(grade: DefenseGrade) -> Int {
        get {
            switch grade {
            case .excellent: return excellent
            case .medium: return medium
            case .poor: return poor
            }
        }
        set {
            switch grade {
            case .excellent: excellent = newValue
            case .medium: medium = newValue
            case .poor: poor = newValue
            }
        }
    }

    public var total: Int { excellent + medium + poor }

    /// `2/4/1`.
    public var description: String { "\(excellent)/\(medium)/\(poor)" }

    /// 优2名、中4名、差1名.
    public var chinese: String {
        DefenseGrade.allCases.map { "\($0.label)\(self[$0])名" }.joined(separator: "、")
    }
}
