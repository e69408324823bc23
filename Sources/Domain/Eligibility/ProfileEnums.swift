// The contract's enumerations (`/shared/contracts/eligibility.md`), in its order.
// Raw values are positions in `jsonNames`; see `JSONEnum`.

/// 申报层级: the level applied for.
public enum TargetLevel: UInt8, JSONEnum {
    case engineer, assistantEngineer, technician
    public static let jsonNames: [StaticString] = ["engineer", "assistant_engineer", "technician"]
}

/// regular 正常申报 | transfer 同级转评.
public enum Track: UInt8, JSONEnum {
    case regular, transfer
    public static let jsonNames: [StaticString] = ["regular", "transfer"]
}

/// 单位性质. (The organization directory adds `label` and `code` to it.)
public enum UnitKind: UInt8, JSONEnum {
    case publicInstitution, enterprise, nonPublic, socialOrganization
    public static let jsonNames: [StaticString] = ["public_institution", "enterprise", "non_public", "social_organization"]
}

/// 学历层次, highest first: a smaller raw value is a higher level.
public enum EducationLevel: UInt8, JSONEnum, Comparable {
    case doctorate, master, secondBachelor, bachelor, associate, secondaryVocational, highSchool
    public static let jsonNames: [StaticString] = [
        "doctorate", "master", "second_bachelor", "bachelor", "associate", "secondary_vocational", "high_school",
    ]
    /// `a < b` when `a` is the LOWER level, so `max` picks the highest education.
    public static func < (a: Self, b: Self) -> Bool { a.rawValue > b.rawValue }
}

/// 学科门类.
public enum Discipline: UInt8, JSONEnum {
    case engineering, science, interdisciplinary, other
    public static let jsonNames: [StaticString] = ["engineering", "science", "interdisciplinary", "other"]
}

/// 职称系列: engineering or any other series.
public enum TitleSeries: UInt8, JSONEnum {
    case engineering, other
    public static let jsonNames: [StaticString] = ["engineering", "other"]
}

/// 职称层级.
public enum TitleTier: UInt8, JSONEnum {
    case entry, assistant, intermediate, deputySenior, senior
    public static let jsonNames: [StaticString] = ["entry", "assistant", "intermediate", "deputy_senior", "senior"]
}

/// 工人技术等级.
public enum SkillGrade: UInt8, JSONEnum {
    case seniorWorker, technician, seniorTechnician
    public static let jsonNames: [StaticString] = ["senior_worker", "technician", "senior_technician"]
}

/// 年度考核结果.
public enum AssessmentResult: UInt8, JSONEnum {
    case excellent, competent, basicallyCompetent, incompetent, undetermined
    public static let jsonNames: [StaticString] = [
        "excellent", "competent", "basically_competent", "incompetent", "undetermined",
    ]
}

/// government 政务处分 | party 党纪处分.
public enum SanctionKind: UInt8, JSONEnum {
    case government, party
    public static let jsonNames: [StaticString] = ["government", "party"]
}

/// Severities of both kinds of sanction; which are allowed depends on the kind.
public enum SanctionSeverity: UInt8, JSONEnum {
    case warning, demerit, majorDemerit, demotion, dismissalFromPost, expulsion
    case seriousWarning, removalFromPost, probation
    public static let jsonNames: [StaticString] = [
        "warning", "demerit", "major_demerit", "demotion", "dismissal_from_post", "expulsion",
        "serious_warning", "removal_from_post", "probation",
    ]
    /// Allowed severities per kind, lightest first (the order the exclusion rule compares in).
    public static let government: [SanctionSeverity] = [.warning, .demerit, .majorDemerit, .demotion, .dismissalFromPost, .expulsion]
    public static let party: [SanctionSeverity] = [.warning, .seriousWarning, .removalFromPost, .probation, .expulsion]

    public static func allowed(for kind: SanctionKind) -> [SanctionSeverity] { kind == .government ? government : party }
}

/// 论文作者排序.
public enum Authorship: UInt8, JSONEnum {
    case sole, first, other
    public static let jsonNames: [StaticString] = ["sole", "first", "other"]
}

/// 实用技术材料种类.
public enum TechnicalMaterialKind: UInt8, JSONEnum {
    case researchResult, standard, patent, method, feasibilityReport, specialPlan, technicalSummary
    public static let jsonNames: [StaticString] = [
        "research_result", "standard", "patent", "method", "feasibility_report", "special_plan", "technical_summary",
    ]
}

/// 业绩成果种类, items (1)–(7) of clause 3.1.5.
public enum AchievementKind: UInt8, JSONEnum {
    case project, funded, platform, planning, standard, promotion, drug
    public static let jsonNames: [StaticString] = ["project", "funded", "platform", "planning", "standard", "promotion", "drug"]
}

/// 项目级别.
public enum AchievementLevel: UInt8, JSONEnum {
    case national, provincial, city, largeEnterprise, enterprise
    public static let jsonNames: [StaticString] = ["national", "provincial", "city", "large_enterprise", "enterprise"]
}
