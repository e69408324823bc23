/// The public quick self-check (评审条件公示页的快速自测): one flat form covering
/// the profile's fields, turned into the contract's profile for the engine.
/// Counts stand in for lists where a visitor would not type every paper:
/// "N qualifying papers" become N papers meeting every requirement.
public enum QuickCheckForm {
    typealias F = FieldSpec
    typealias C = DeclarationChoices

    static let none = FieldSpec.Choice("", "无")
    public static let unitKinds = UnitKind.all.map { FieldSpec.Choice($0.code, $0.label) }

    public static func assessmentYears(_ policy: Policy) -> [Int] {
        Array((policy.referenceDate.year - 4)...policy.referenceDate.year)
    }

    public struct Group: Sendable {
        public let title: String
        public let fields: [FieldSpec]
    }

    public static func groups(_ policy: Policy) -> [Group] {
        [
            Group(title: "申报级别与单位", fields: [
                F("targetLevel", "申报级别", .choice(BasicsForm.levels), required: true),
                F("track", "申报类型", .choice(BasicsForm.tracks), required: true),
                F("unitKind", "单位性质", .choice(unitKinds), required: true),
                F("professionalPost", "（事业单位）在专业技术岗位聘用并兑现岗位工资", .flag),
            ]),
            Group(title: "不得申报的情形", fields: [
                F("civilServant", "公务员或参照公务员法管理单位工作人员", .flag),
                F("retired", "已退休", .flag),
                F("vocationalExamSpecialty", "从事实行职业资格考试的专业", .flag),
                F("sanctionKind", "受处分类别", .choice(C.sanctionKind)),
                F("sanctionSeverity", "处分种类", .choice(C.sanctionSeverity)),
                F("sanctionFrom", "处分开始", .date),
                F("sanctionUntil", "处分期满", .date),
            ]),
            Group(title: "最高有效学历", fields: [
                F("educationLevel", "学历层次", .choice(C.education), required: true),
                F("discipline", "学科门类", .choice(C.discipline), required: true),
                F("sameAsSpecialty", "与申报专业相同", .flag),
                F("engineeringDegree", "工程类专业学位", .flag),
                F("graduated", "毕业时间", .date),
            ]),
            Group(title: "现任职称或技术等级", fields: [
                F("titleSeries", "职称系列", .choice(C.series)),
                F("titleTier", "职称层级", .choice(C.tier)),
                F("titleQualified", "取得资格时间", .date),
                F("titleAppointed", "聘任时间", .date),
                F("skillGrade", "工人技术等级", .choice(C.skill)),
                F("skillObtained", "取得时间", .date),
                F("probationPassed", "见习期满1年并经考察合格", .flag),
                F("probationCompleted", "见习期满时间", .date),
            ]),
            Group(title: "工作经历", fields: [
                F("workStart", "现岗位起始时间", .date,
                  hint: "按从事专业技术工作计；技师途径的年限和基层一线学历放宽只计从事专业技术工作的时间"),
                F("engineeringPost", "在工程技术岗位", .flag),
                F("grassroots", "在乡镇及以下基层一线从事本专业技术工作", .flag),
            ]),
            Group(title: "年度考核", fields: assessmentYears(policy).map {
                F("assessment\($0)", "\($0)年度", .choice(C.assessment))
            }),
            Group(title: "论文、材料与业绩", fields: [
                F("papers", "任现职后符合条件的论文篇数", .integer(min: 0, max: 20),
                  hint: "独立或第一作者、公开发行的本专业期刊、不少于2000字、可在知网万方维普检索"),
                F("materials", "任现职后符合条件的实用技术材料项数", .integer(min: 0, max: 20),
                  hint: "2000字以上、经三名以上专家推荐"),
                F("achievementKind", "业绩成果类别", .choice(C.achievementKind)),
                F("achievementLevel", "项目级别", .choice(C.achievementLevel)),
                F("achievementRank", "本人排名", .integer(min: 1, max: 999)),
                F("achievementAccepted", "已验收（批复、鉴定）通过", .flag),
                F("technicalReports", "本人直接参加项目的技术报告篇数", .integer(min: 0, max: 20)),
                F("workReport", "已撰写专业技术工作报告（总结）", .flag),
            ]),
        ]
    }

    public static func fields(_ policy: Policy) -> [FieldSpec] { groups(policy).flatMap(\.fields) }

    public enum Outcome: Sendable {
        case profile(Profile)
        /// Field name → Chinese message.
        case invalid([String: String])
    }

    /// The profile for the form's values, or the field problems.
    public static func profile(_ values: FieldValues, policy: Policy, today: LocalDate) -> Outcome {
        var errors = FieldValidation.validate(values, specs: fields(policy), today: today)
        func date(_ k: String) -> LocalDate? { values[k].flatMap { LocalDate(iso: $0) } }
        func flag(_ k: String) -> Bool { values[k] == "1" }
        func int(_ k: String) -> Int { values[k].flatMap { Int($0) } ?? 0 }
        func needs(_ trigger: String, _ required: [String]) {
            guard !(values[trigger] ?? "").isEmpty else { return }
            for k in required where (values[k] ?? "").isEmpty { errors[k] = errors[k] ?? "请填写\(fields(policy).first { $0.name == k }?.label ?? k)" }
        }
        needs("titleSeries", ["titleTier", "titleQualified"])
        needs("skillGrade", ["skillObtained"])
        needs("sanctionKind", ["sanctionSeverity", "sanctionFrom"])
        needs("achievementKind", ["achievementLevel", "achievementRank"])
        guard errors.isEmpty,
              let level = values["targetLevel"].flatMap(TargetLevel.init(jsonName:)),
              let unitKind = values["unitKind"].flatMap({ UnitKind(code: $0) }),
              let education = values["educationLevel"].flatMap(EducationLevel.init(jsonName:)) else {
            return .invalid(errors)
        }
        var p = Profile(targetLevel: level, unit: .init(kind: unitKind, professionalPost: flag("professionalPost")))
        p.track = values["track"].flatMap(Track.init(jsonName:)) ?? .regular
        p.status.civilServant = flag("civilServant")
        p.status.retired = flag("retired")
        p.status.vocationalExamSpecialty = flag("vocationalExamSpecialty")
        if let kind = values["sanctionKind"].flatMap(SanctionKind.init(jsonName:)),
           let severity = values["sanctionSeverity"].flatMap(SanctionSeverity.init(jsonName:)), let from = date("sanctionFrom") {
            p.status.sanctions = [.init(kind: kind, severity: severity, from: from, until: date("sanctionUntil"))]
        }
        p.education = [.init(level: education, discipline: values["discipline"].flatMap(Discipline.init(jsonName:)) ?? .other,
                             sameAsSpecialty: flag("sameAsSpecialty"), engineeringDegree: flag("engineeringDegree"),
                             graduated: date("graduated"))]
        var tenureStart: LocalDate?
        if let series = values["titleSeries"].flatMap(TitleSeries.init(jsonName:)),
           let tier = values["titleTier"].flatMap(TitleTier.init(jsonName:)), let qualified = date("titleQualified") {
            p.titles = [.init(series: series, tier: tier, qualified: qualified, appointed: date("titleAppointed"))]
            tenureStart = date("titleAppointed") ?? qualified
        }
        if let grade = values["skillGrade"].flatMap(SkillGrade.init(jsonName:)), let obtained = date("skillObtained") {
            p.skills = [.init(grade: grade, obtained: obtained)]
            tenureStart = tenureStart ?? obtained
        }
        if flag("probationPassed") || date("probationCompleted") != nil {
            p.probation = .init(completed: date("probationCompleted"), passed: flag("probationPassed"))
        }
        if let start = date("workStart") {
            p.work = [.init(from: start, to: nil, technical: true, engineeringPost: flag("engineeringPost"), grassroots: flag("grassroots"))]
        }
        for year in assessmentYears(policy) {
            if let result = values["assessment\(year)"].flatMap(AssessmentResult.init(jsonName:)) {
                p.assessments.append(.init(year: year, result: result))
            }
        }
        // Counted outputs are dated on the application date: the visitor counted
        // only those since taking the current title.
        let dated = max(tenureStart ?? policy.applicationDate, policy.applicationDate)
        p.papers = (0..<int("papers")).map { _ in .init(published: dated, characters: 2000) }
        p.technicalMaterials = (0..<int("materials")).map { _ in
            .init(kind: .technicalSummary, characters: 2000, expertRecommendations: 3, date: dated)
        }
        if let kind = values["achievementKind"].flatMap(AchievementKind.init(jsonName:)),
           let level = values["achievementLevel"].flatMap(AchievementLevel.init(jsonName:)) {
            p.achievements = [.init(kind: kind, level: level, rank: max(1, int("achievementRank")),
                                    accepted: flag("achievementAccepted"), date: dated)]
        }
        p.technicalReports = (0..<int("technicalReports")).map { _ in .init() }
        p.workReport = flag("workReport")
        return .profile(p)
    }
}
