/// The non-repeated answers of a declaration that the eligibility rules read.
public struct DeclarationBasics: Sendable, Equatable {
    public var targetLevel: TargetLevel
    public var track: Track
    public var specialty: String
    public var unitKind: UnitKind
    public var professionalPost: Bool
    public var civilServant: Bool
    public var retired: Bool
    public var vocationalExamSpecialty: Bool
    public var probationCompleted: LocalDate?
    public var probationPassed: Bool
    public var hasWorkReport: Bool

    public init(targetLevel: TargetLevel, track: Track = .regular, specialty: String = "", unitKind: UnitKind,
                professionalPost: Bool = false, civilServant: Bool = false, retired: Bool = false,
                vocationalExamSpecialty: Bool = false, probationCompleted: LocalDate? = nil,
                probationPassed: Bool = false, hasWorkReport: Bool = false) {
        self.targetLevel = targetLevel
        self.track = track
        self.specialty = specialty
        self.unitKind = unitKind
        self.professionalPost = professionalPost
        self.civilServant = civilServant
        self.retired = retired
        self.vocationalExamSpecialty = vocationalExamSpecialty
        self.probationCompleted = probationCompleted
        self.probationPassed = probationPassed
        self.hasWorkReport = hasWorkReport
    }
}

/// Builds the eligibility contract's profile from a saved declaration, so the
/// live self-check runs the very engine the command line and reviewers use.
/// Items that cannot be read (never saved that way, but old data may differ)
/// are left out rather than guessed.
public enum DeclarationProfile {
    public static func build(_ basics: DeclarationBasics, items: [(DeclarationSection, FieldValues)]) -> Profile {
        var p = Profile(targetLevel: basics.targetLevel, unit: .init(kind: basics.unitKind, professionalPost: basics.professionalPost))
        p.track = basics.track
        p.specialty = basics.specialty
        p.status.civilServant = basics.civilServant
        p.status.retired = basics.retired
        p.status.vocationalExamSpecialty = basics.vocationalExamSpecialty
        if basics.probationPassed || basics.probationCompleted != nil {
            p.probation = .init(completed: basics.probationCompleted, passed: basics.probationPassed)
        }
        p.workReport = basics.hasWorkReport
        for (section, v) in items {
            func date(_ k: String) -> LocalDate? { v[k].flatMap { LocalDate(iso: $0) } }
            func flag(_ k: String) -> Bool { v[k] == "1" }
            func int(_ k: String) -> Int? { v[k].flatMap { Int($0) } }
            switch section {
            case .education:
                guard let level = v["level"].flatMap(EducationLevel.init(jsonName:)) else { continue }
                p.education.append(.init(level: level, discipline: v["discipline"].flatMap(Discipline.init(jsonName:)) ?? .other,
                                         sameAsSpecialty: flag("sameAsSpecialty"), engineeringDegree: flag("engineeringDegree"),
                                         graduated: date("graduated"), major: v["major"] ?? ""))
            case .titles:
                guard let series = v["series"].flatMap(TitleSeries.init(jsonName:)),
                      let tier = v["tier"].flatMap(TitleTier.init(jsonName:)), let qualified = date("qualified") else { continue }
                p.titles.append(.init(series: series, tier: tier, qualified: qualified, appointed: date("appointed")))
            case .skills:
                guard let grade = v["grade"].flatMap(SkillGrade.init(jsonName:)), let obtained = date("obtained") else { continue }
                p.skills.append(.init(grade: grade, obtained: obtained))
            case .work:
                guard let from = date("from") else { continue }
                p.work.append(.init(from: from, to: date("to"), technical: flag("technical"),
                                    engineeringPost: flag("engineeringPost"), grassroots: flag("grassroots")))
            case .assessments:
                guard let year = int("year"), let result = v["result"].flatMap(AssessmentResult.init(jsonName:)) else { continue }
                p.assessments.append(.init(year: year, result: result))
            case .papers:
                guard let published = date("published"), let characters = int("characters") else { continue }
                let database = v["database"] ?? "none"
                p.papers.append(.init(published: published, characters: characters,
                                      authorship: v["authorship"].flatMap(Authorship.init(jsonName:)) ?? .other,
                                      publicJournal: flag("publicJournal"), indexed: database != "none",
                                      relevant: flag("relevant"), title: v["title"] ?? "", journal: v["journal"] ?? ""))
            case .technicalMaterials:
                guard let kind = v["kind"].flatMap(TechnicalMaterialKind.init(jsonName:)), let d = date("date"),
                      let characters = int("characters") else { continue }
                p.technicalMaterials.append(.init(kind: kind, characters: characters,
                                                  expertRecommendations: SectionRules.expertCount(v), date: d))
            case .technicalReports:
                p.technicalReports.append(.init(title: v["title"] ?? "", date: date("date")))
            case .achievements:
                guard let kind = v["kind"].flatMap(AchievementKind.init(jsonName:)),
                      let level = v["level"].flatMap(AchievementLevel.init(jsonName:)),
                      let rank = int("rank"), let d = date("date") else { continue }
                p.achievements.append(.init(kind: kind, level: level, rank: rank, accepted: flag("accepted"), date: d))
            case .sanctions:
                guard let kind = v["kind"].flatMap(SanctionKind.init(jsonName:)),
                      let severity = v["severity"].flatMap(SanctionSeverity.init(jsonName:)), let from = date("from") else { continue }
                p.status.sanctions.append(.init(kind: kind, severity: severity, from: from, until: date("until")))
            case .books, .awards, .qualifications, .examCertificates, .continuingEducation, .societies, .hardshipPosts:
                break
            }
        }
        return p
    }
}
