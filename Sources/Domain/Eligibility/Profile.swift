/// An applicant's profile as the eligibility contract defines it (`eligibility.md`).
/// Plain values mirroring the JSON field for field, so a web form can fill one and
/// `ProfileJSON` can read and write it. Defaults are the contract's defaults.
public struct Profile: Sendable, Equatable {
    public var targetLevel: TargetLevel
    public var track: Track = .regular
    /// 申报专业 (informational).
    public var specialty: String = ""
    public var status = Status()
    public var unit: Unit
    public var education: [Education] = []
    public var titles: [Title] = []
    public var skills: [Skill] = []
    public var work: [WorkPeriod] = []
    public var probation: Probation?
    public var assessments: [Assessment] = []
    public var papers: [Paper] = []
    public var technicalMaterials: [TechnicalMaterial] = []
    public var technicalReports: [TechnicalReport] = []
    public var achievements: [Achievement] = []
    /// 专业技术工作报告 (engineer, assistant engineer) or 工作总结 (technician).
    public var workReport: Bool = false

    public init(targetLevel: TargetLevel, unit: Unit) {
        self.targetLevel = targetLevel
        self.unit = unit
    }

    public struct Status: Sendable, Equatable {
        /// 公务员或参照公务员法管理单位工作人员.
        public var civilServant = false
        public var retired = false
        /// 从事实行职业资格考试的专业.
        public var vocationalExamSpecialty = false
        public var sanctions: [Sanction] = []
        public init() {}
    }

    public struct Sanction: Sendable, Equatable {
        public var kind: SanctionKind
        public var severity: SanctionSeverity
        public var from: LocalDate
        /// nil: no end date.
        public var until: LocalDate?
        public init(kind: SanctionKind, severity: SanctionSeverity, from: LocalDate, until: LocalDate? = nil) {
            self.kind = kind; self.severity = severity; self.from = from; self.until = until
        }
    }

    public struct Unit: Sendable, Equatable {
        public var kind: UnitKind
        /// 事业单位: 在专业技术岗位聘用并兑现相应岗位工资.
        public var professionalPost = false
        public init(kind: UnitKind, professionalPost: Bool = false) { self.kind = kind; self.professionalPost = professionalPost }
    }

    public struct Education: Sendable, Equatable {
        public var level: EducationLevel
        public var major = ""
        public var discipline: Discipline = .other
        /// 与申报专业相同.
        public var sameAsSpecialty = false
        /// 工程类专业学位 (工程硕士、工程博士).
        public var engineeringDegree = false
        public var graduated: LocalDate?
        public init(level: EducationLevel, discipline: Discipline = .other, sameAsSpecialty: Bool = false,
                    engineeringDegree: Bool = false, graduated: LocalDate? = nil, major: String = "") {
            self.level = level; self.discipline = discipline; self.sameAsSpecialty = sameAsSpecialty
            self.engineeringDegree = engineeringDegree; self.graduated = graduated; self.major = major
        }
    }

    /// A title held, in any series.
    public struct Title: Sendable, Equatable {
        public var series: TitleSeries
        public var tier: TitleTier
        /// 取得资格.
        public var qualified: LocalDate
        /// 聘任, nil when not appointed or not known.
        public var appointed: LocalDate?
        public init(series: TitleSeries, tier: TitleTier, qualified: LocalDate, appointed: LocalDate? = nil) {
            self.series = series; self.tier = tier; self.qualified = qualified; self.appointed = appointed
        }
    }

    /// 工人技术等级.
    public struct Skill: Sendable, Equatable {
        public var grade: SkillGrade
        public var obtained: LocalDate
        public init(grade: SkillGrade, obtained: LocalDate) { self.grade = grade; self.obtained = obtained }
    }

    public struct WorkPeriod: Sendable, Equatable {
        public var from: LocalDate
        /// nil: ongoing.
        public var to: LocalDate?
        /// 从事专业技术工作.
        public var technical = false
        /// 在工程技术岗位.
        public var engineeringPost = false
        /// 乡镇及以下基层一线.
        public var grassroots = false
        public init(from: LocalDate, to: LocalDate? = nil, technical: Bool = false, engineeringPost: Bool = false, grassroots: Bool = false) {
            self.from = from; self.to = to; self.technical = technical; self.engineeringPost = engineeringPost; self.grassroots = grassroots
        }
    }

    /// 见习期满并经考察.
    public struct Probation: Sendable, Equatable {
        public var completed: LocalDate?
        public var passed = false
        public init(completed: LocalDate? = nil, passed: Bool) { self.completed = completed; self.passed = passed }
    }

    public struct Assessment: Sendable, Equatable {
        public var year: Int
        public var result: AssessmentResult
        public init(year: Int, result: AssessmentResult) { self.year = year; self.result = result }
    }

    public struct Paper: Sendable, Equatable {
        public var title = ""
        public var journal = ""
        /// 公开发行的本专业学术期刊.
        public var publicJournal = false
        public var authorship: Authorship = .other
        public var characters = 0
        /// 可在知网、万方、维普检索.
        public var indexed = false
        /// 与所从事专业技术工作一致.
        public var relevant = false
        public var published: LocalDate
        /// The defaults describe a paper that counts; JSON without these fields decodes
        /// to one that does not (the contract's defaults are false / other).
        public init(published: LocalDate, characters: Int, authorship: Authorship = .sole, publicJournal: Bool = true,
                    indexed: Bool = true, relevant: Bool = true, title: String = "", journal: String = "") {
            self.published = published; self.characters = characters; self.authorship = authorship
            self.publicJournal = publicJournal; self.indexed = indexed; self.relevant = relevant
            self.title = title; self.journal = journal
        }
    }

    /// 实用技术材料.
    public struct TechnicalMaterial: Sendable, Equatable {
        public var kind: TechnicalMaterialKind
        public var characters = 0
        public var expertRecommendations = 0
        public var date: LocalDate
        public init(kind: TechnicalMaterialKind, characters: Int, expertRecommendations: Int, date: LocalDate) {
            self.kind = kind; self.characters = characters; self.expertRecommendations = expertRecommendations; self.date = date
        }
    }

    /// 技术报告 (assistant engineer, clause 3.2.4).
    public struct TechnicalReport: Sendable, Equatable {
        public var title = ""
        public var date: LocalDate?
        public init(title: String = "", date: LocalDate? = nil) { self.title = title; self.date = date }
    }

    /// 业绩成果.
    public struct Achievement: Sendable, Equatable {
        public var kind: AchievementKind
        public var level: AchievementLevel
        /// Position in the project's list; 1 = 主持.
        public var rank: Int
        /// 经验收/批复/评审/审定/鉴定通过 (funded: 获得资金支持).
        public var accepted = false
        public var date: LocalDate
        public init(kind: AchievementKind, level: AchievementLevel, rank: Int, accepted: Bool, date: LocalDate) {
            self.kind = kind; self.level = level; self.rank = rank; self.accepted = accepted; self.date = date
        }
    }
}
