/// 评审材料汇总表 (六.1, 六.2): the list a reporting body fills for the applications
/// it passes on — 序号, 姓名, 性别, 出生年月, 工作单位, 学历, 所学专业, 现职称及取得时间,
/// 申报职称, 申报专业 — and what the office adds to it (the state, the route's county).
public enum SummaryTable {
    public struct Row: Sendable, Equatable {
        public var name: String
        public var sex: String
        public var birth: LocalDate?
        public var unit: String
        public var education: String
        public var major: String
        public var currentTitle: String
        public var titleDate: LocalDate?
        public var targetLevel: String
        public var specialty: String
        public var state: String

        public init(name: String, sex: String, birth: LocalDate?, unit: String, education: String, major: String,
                    currentTitle: String, titleDate: LocalDate?, targetLevel: String, specialty: String, state: String) {
            self.name = name; self.sex = sex; self.birth = birth; self.unit = unit; self.education = education
            self.major = major; self.currentTitle = currentTitle; self.titleDate = titleDate
            self.targetLevel = targetLevel; self.specialty = specialty; self.state = state
        }
    }

    public static let headers = ["序号", "姓名", "性别", "出生年月", "工作单位", "学历", "所学专业", "现职称及取得时间",
                                 "申报职称", "申报专业", "办理状态"]

    /// The cells of each row, numbered from 1, dates as the forms print them (1988年3月).
    public static func cells(_ rows: [Row]) -> [[String]] {
        rows.enumerated().map { index, r in
            [String(index + 1), r.name, r.sex, r.birth.map { "\($0.year)年\($0.month)月" } ?? "", r.unit, r.education, r.major,
             r.currentTitle.isEmpty ? "无" : r.currentTitle + (r.titleDate.map { "（\($0.chinese)）" } ?? ""),
             r.targetLevel, r.specialty, r.state]
        }
    }

    /// Whose rows a body's table holds: a unit's recommended applications; what
    /// reached a reviewing body (its county, its department, the city); the
    /// office's intake onwards.
    public static func includes(_ actor: AccessActor, _ app: ApplicationFacts) -> Bool {
        switch actor.role {
        case .unitClerk:
            return app.unitID == actor.organizationID && app.reachedStep >= 1
        case .committeeOffice:
            guard let office = app.route.firstIndex(of: .committeeOffice) else { return false }
            return app.reachedStep >= office
        default:
            guard AccessPolicy.reviewingRoles.contains(actor.role) else { return false }
            return ReviewParty.hasReached(actor, app)
        }
    }

    /// The highest of the declared educations (学历层次), by the eligibility order.
    public static func highestEducation(_ levels: [String]) -> String? {
        levels.compactMap { EducationLevel(jsonName: $0) }.max().map(\.jsonName)
    }
}
