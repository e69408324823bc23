/// Deterministic, varied profiles for the benchmark and the property tests: the same
/// seed always gives the same profiles. Proportions roughly follow a real intake
/// (half engineers, a few transfers, occasional exclusions, mostly competent records).
public struct ProfileGenerator: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    /// SplitMix64: small, fast and good enough for test data.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// True with the given probability in percent.
    public mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    public mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    public mutating func date(_ from: Int, _ to: Int) -> LocalDate {
        LocalDate(year: int(from...to), month: int(1...12), day: int(1...28))!
    }

    private static let specialties = ["机械工程", "电气工程及其自动化", "化学工程与工艺", "计算机科学与技术", "采矿工程", "冶金工程", "通信工程"]
    private static let paperTitles = ["齿轮传动系统振动特性分析", "煤矿井下供电系统优化设计", "焦化废水处理工艺改进研究",
                                      "数控机床主轴热变形补偿方法", "工业互联网平台数据采集实践"]

    public mutating func profile() -> Profile {
        let target: TargetLevel = chance(50) ? .engineer : (chance(60) ? .assistantEngineer : .technician)
        let kind: UnitKind = chance(25) ? .publicInstitution : pick([.enterprise, .enterprise, .enterprise, .nonPublic, .socialOrganization])
        var p = Profile(targetLevel: target, unit: Profile.Unit(kind: kind, professionalPost: chance(90)))
        p.track = chance(8) ? .transfer : .regular
        p.specialty = pick(Self.specialties)
        p.status.civilServant = chance(1)
        p.status.retired = chance(1)
        p.status.vocationalExamSpecialty = chance(2)
        if chance(3) {
            let government = chance(60)
            p.status.sanctions = [Profile.Sanction(
                kind: government ? .government : .party,
                severity: government ? pick(SanctionSeverity.government) : pick(SanctionSeverity.party),
                from: date(2018, 2022), until: chance(85) ? date(2021, 2024) : nil)]
        }
        let graduated = date(2000, 2020)
        let level: EducationLevel
        switch target {
        case .engineer: level = pick([.bachelor, .bachelor, .bachelor, .associate, .associate, .master, .doctorate, .secondaryVocational])
        case .assistantEngineer: level = pick([.associate, .associate, .secondaryVocational, .bachelor, .master])
        case .technician: level = pick([.associate, .secondaryVocational, .secondaryVocational, .bachelor, .highSchool])
        }
        var e = Profile.Education(level: level, discipline: pick([.engineering, .engineering, .engineering, .science, .interdisciplinary, .other]),
                                  sameAsSpecialty: chance(70), engineeringDegree: level == .master && chance(25),
                                  graduated: graduated, major: p.specialty)
        if chance(10) { e.discipline = .other; e.sameAsSpecialty = false }
        p.education = [e]
        if chance(20) { p.education.append(Profile.Education(level: .associate, discipline: .engineering, sameAsSpecialty: true, graduated: graduated.adding(years: -3))) }

        let tier: TitleTier = target == .engineer ? .assistant : .entry
        if p.track == .transfer {
            let transferTier: TitleTier = target == .engineer ? .intermediate : (target == .assistantEngineer ? .assistant : .entry)
            p.titles = [Profile.Title(series: chance(90) ? .other : .engineering, tier: transferTier, qualified: date(2010, 2021))]
        } else if target != .technician && chance(90) {
            let q = date(2014, 2021)
            let appointed: LocalDate? = chance(85) ? q.adding(days: int(0...200)) : nil
            p.titles = [Profile.Title(series: chance(95) ? .engineering : .other, tier: tier, qualified: q, appointed: appointed)]
        }
        if target == .engineer && chance(10) {
            p.skills = [Profile.Skill(grade: pick([.seniorWorker, .technician, .seniorTechnician]), obtained: date(2012, 2021))]
        }
        let start = graduated
        // Some careers start outside technical work (a worker before the 技师 grade, a
        // grassroots post that is not technical): the rules count only technical periods.
        if chance(30) {
            let cut = start.adding(days: int(200...3000))
            p.work = [Profile.WorkPeriod(from: start, to: cut, technical: chance(70), engineeringPost: chance(50), grassroots: chance(30)),
                      Profile.WorkPeriod(from: cut.adding(days: 1), to: nil, technical: chance(95), engineeringPost: chance(90), grassroots: chance(20))]
        } else {
            p.work = [Profile.WorkPeriod(from: start, to: nil, technical: chance(97), engineeringPost: chance(90), grassroots: chance(15))]
        }
        if chance(75) { p.probation = Profile.Probation(completed: start.adding(years: 1), passed: chance(95)) }
        let firstYear = int(2014...2020), lastYear = chance(20) ? 2022 : (chance(90) ? 2021 : 2020)
        if firstYear <= lastYear {
            for y in firstYear...lastYear {
                let r: AssessmentResult = chance(88) ? (chance(15) ? .excellent : .competent)
                    : pick([.basicallyCompetent, .incompetent, .undetermined])
                p.assessments.append(Profile.Assessment(year: y, result: r))
            }
        }
        if target == .engineer {
            for _ in 0..<int(0...3) {
                p.papers.append(Profile.Paper(published: date(2015, 2022), characters: int(1500...6000),
                                              authorship: pick([.sole, .first, .first, .other]), publicJournal: chance(92),
                                              indexed: chance(92), relevant: chance(95), title: pick(Self.paperTitles), journal: "机械工程学报"))
            }
            for _ in 0..<int(0...1) {
                p.technicalMaterials.append(Profile.TechnicalMaterial(kind: pick([.feasibilityReport, .technicalSummary, .specialPlan]),
                                                                      characters: int(1500...5000), expertRecommendations: int(1...4),
                                                                      date: date(2016, 2022)))
            }
            for _ in 0..<int(0...2) {
                p.achievements.append(Profile.Achievement(kind: pick([.project, .project, .funded, .planning, .standard, .promotion]),
                                                          level: pick([.national, .provincial, .city, .city, .largeEnterprise, .enterprise]),
                                                          rank: int(1...12), accepted: chance(90), date: date(2015, 2022)))
            }
        }
        if target == .assistantEngineer {
            for i in 0..<int(0...3) { p.technicalReports.append(Profile.TechnicalReport(title: "技术报告\(i + 1)", date: date(2018, 2022))) }
        }
        p.workReport = chance(95)
        return p
    }
}
