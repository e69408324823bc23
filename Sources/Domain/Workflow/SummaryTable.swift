/// 评审材料汇总表 (六.1, 六.2): 《长治市工程系列中、初级（非建筑、建材、环保专业）职务任职资格评审材料汇总表》,
/// the list a reporting body fills for the applications it passes on.
///
/// The notice names the form but prints no blank, so its columns are the ones such
/// a table carries, each filled from what the declaration holds:
///
/// | column            | from                                                         |
/// |-------------------|--------------------------------------------------------------|
/// | 姓名 性别 出生年月 | the account's name; sex and birth month from the ID number    |
/// | 工作单位           | the application's unit — kept although the list lacks it: a county or a department passes on several units' people |
/// | 毕业院校及专业 学历 毕业时间 | the highest declared education (学历学位 section)     |
/// | 参加工作时间       | the basics' `workStart`                                       |
/// | 现职称及取得时间   | the latest title (专业技术职称 section), by 取得资格时间        |
/// | 申报职称及专业     | the application's level and 申报专业                          |
/// | 论文               | counts of 学术论文, 论著, 实用技术材料, 技术报告 — titles do not fit one A4 row |
/// | 业绩成果           | the count of declared 业绩成果                                 |
/// | 联系电话           | the applicant's mobile, masked unless the viewer may see it (`PersonalData`) |
/// | 备注               | 同级转评 where it is one, and where the application stands now |
///
/// Not in the table: the ID number (masked personal data has no place on a list
/// that travels between offices), 民族 and 政治面貌 (the 评审表 carries them).
public enum SummaryTable {
    /// The form's name as the notice writes it (六.1, 六.2).
    public static let formTitle = "长治市工程系列中、初级（非建筑、建材、环保专业）职务任职资格评审材料汇总表"

    public struct Row: Sendable, Equatable {
        public var name: String
        public var sex: String
        public var birth: LocalDate?
        public var unit: String
        /// The highest education's 学历层次 label, school, major and graduation date.
        public var education: String
        public var school: String
        public var major: String
        public var graduated: LocalDate?
        public var workStart: LocalDate?
        public var currentTitle: String
        public var titleDate: LocalDate?
        public var targetLevel: String
        public var specialty: String
        /// What the declaration lists as its written work, already counted (`writtenWork`).
        public var papers: String
        public var achievements: Int
        /// Already masked for the viewer where it must be.
        public var phone: String
        /// Where the application stands (`ApplicationState.label`).
        public var state: String
        public var transfer: Bool

        public init(name: String, sex: String, birth: LocalDate?, unit: String, education: String, school: String,
                    major: String, graduated: LocalDate?, workStart: LocalDate?, currentTitle: String, titleDate: LocalDate?,
                    targetLevel: String, specialty: String, papers: String, achievements: Int, phone: String,
                    state: String, transfer: Bool) {
            self.name = name; self.sex = sex; self.birth = birth; self.unit = unit; self.education = education
            self.school = school; self.major = major; self.graduated = graduated; self.workStart = workStart
            self.currentTitle = currentTitle; self.titleDate = titleDate; self.targetLevel = targetLevel
            self.specialty = specialty; self.papers = papers; self.achievements = achievements; self.phone = phone
            self.state = state; self.transfer = transfer
        }
    }

    public static let headers = ["序号", "姓名", "性别", "出生年月", "工作单位", "毕业院校及专业", "学历", "毕业时间",
                                 "参加工作时间", "现职称及取得时间", "申报职称及专业", "论文", "业绩成果", "联系电话", "备注"]

    /// The cells of each row, numbered from 1, months as the forms print them (1988年3月).
    public static func cells(_ rows: [Row]) -> [[String]] {
        func month(_ date: LocalDate?) -> String { date.map { "\($0.year)年\($0.month)月" } ?? "" }
        return rows.enumerated().map { index, r in
            [String(index + 1), r.name, r.sex, month(r.birth), r.unit,
             [r.school, r.major].filter { !$0.isEmpty }.joined(separator: " "), r.education, month(r.graduated),
             month(r.workStart),
             r.currentTitle.isEmpty ? "无" : r.currentTitle + (r.titleDate.map { "（\($0.chinese)）" } ?? ""),
             r.targetLevel + (r.specialty.isEmpty ? "" : "（\(r.specialty)）"),
             r.papers, r.achievements > 0 ? "\(r.achievements)项" : "无", r.phone,
             (r.transfer ? "同级转评；" : "") + r.state]
        }
    }

    /// The 论文 cell: the written work the declaration lists, by kind (an engineer's
    /// papers or the practical materials that replace them, an assistant engineer's
    /// technical reports), "无" when there is none.
    public static func writtenWork(papers: Int, books: Int, technicalMaterials: Int, technicalReports: Int) -> String {
        let parts = [(papers, "论文", "篇"), (books, "论著", "部"), (technicalMaterials, "实用技术材料", "项"),
                     (technicalReports, "技术报告", "篇")]
            .filter { $0.0 > 0 }.map { "\($0.1)\($0.0)\($0.2)" }
        return parts.isEmpty ? "无" : parts.joined(separator: "、")
    }

    /// Which applications the table lists: those still under way between the unit's
    /// recommendation and the vote, and those passed. A returned application is back
    /// with its applicant and a rejected, cancelled, eliminated or failed one is not
    /// passed on, so none of them is listed (issue 17 item 4). The switch is
    /// exhaustive on purpose: a new state must be placed here.
    public static func lists(_ state: ApplicationState) -> Bool {
        switch state {
        case .unitReview, .agencyReview, .countyHRReview, .countyIndustryReview, .departmentReview, .cityHRFiling,
             .cityHRReview, .intake, .accepted, .scheduled, .defended, .awaitingVote, .passed, .certified:
            return true
        case .draft, .submitted, .returned, .rejected, .cancelled, .eliminated, .failed:
            return false
        }
    }

    /// The listed states, for the query.
    public static let listedStates: [ApplicationState] = ApplicationState.allCases.filter(lists)

    /// Whose rows a body's table holds: a unit's recommended applications; what
    /// reached a reviewing body (its county, its department, the city); the
    /// office's intake onwards. Only states `lists` accepts.
    public static func includes(_ actor: AccessActor, _ app: ApplicationFacts) -> Bool {
        guard lists(app.state) else { return false }
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
