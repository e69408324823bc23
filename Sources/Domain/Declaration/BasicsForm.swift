/// The non-repeated part of the declaration (基本信息): the person and post
/// beyond what the account holds, and the status questions of clause 二.
public enum BasicsForm {
    public static let political: [FieldSpec.Choice] = [
        .init("cpc", "中共党员"), .init("cpc_probationary", "中共预备党员"), .init("cyl", "共青团员"),
        .init("democratic_party", "民主党派"), .init("non_party", "无党派人士"), .init("masses", "群众"),
    ]
    public static let levels = FieldSpec.choices(TargetLevel.self) { $0.append(level: $1) }
    public static let tracks: [FieldSpec.Choice] = [.init("regular", "正常申报"), .init("transfer", "同级转评（已有其他系列同级职称）")]

    /// Application-level choices (stored in their own columns).
    public static let application: [FieldSpec] = [
        FieldSpec("targetLevel", "申报级别", .choice(levels), required: true),
        FieldSpec("track", "申报类型", .choice(tracks), required: true),
        FieldSpec("specialty", "申报专业", .text(maxLength: 40), required: true, hint: "如：机械工程、电气工程、水利水电工程"),
    ]

    /// Stored together as the declaration's basic values.
    public static let fields: [FieldSpec] = [
        FieldSpec("ethnicity", "民族", .choice(EthnicGroup.choices), required: true),
        FieldSpec("political", "政治面貌", .choice(political), required: true),
        FieldSpec("email", "电子邮箱", .text(maxLength: 80)),
        FieldSpec("workStart", "参加工作时间", .date, required: true),
        FieldSpec("post", "现工作岗位", .text(maxLength: 60), required: true),
        FieldSpec("currentTitle", "现任专业技术职务", .text(maxLength: 40), hint: "无则不填"),
        FieldSpec("professionalPost", "（事业单位）在本单位专业技术岗位聘用并兑现相应岗位工资", .flag),
        FieldSpec("probationCompleted", "见习期满时间", .date, hint: "本科、专科、中专毕业申报助理工程师、技术员的填写"),
        FieldSpec("probationPassed", "见习期满经考察合格", .flag),
        FieldSpec("civilServant", "本人是公务员或参照公务员法管理单位工作人员", .flag),
        FieldSpec("retired", "本人已退休", .flag),
        FieldSpec("vocationalExamSpecialty", "本人从事实行职业资格考试的专业", .flag),
    ]

    /// Field problems beyond the specs: an e-mail must look like one.
    public static func validate(_ values: FieldValues, today: LocalDate, reviewEnd: LocalDate? = nil) -> [String: String] {
        var errors = FieldValidation.validate(values, specs: application + fields, today: today, reviewEnd: reviewEnd)
        if let email = values["email"], !email.isEmpty, errors["email"] == nil {
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            if parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || email.contains(" ") {
                errors["email"] = "电子邮箱格式不正确"
            }
        }
        if let from = values["probationCompleted"].flatMap({ LocalDate(iso: $0) }),
           let start = values["workStart"].flatMap({ LocalDate(iso: $0) }), from < start {
            errors["probationCompleted"] = "见习期满时间不能早于参加工作时间"
        }
        return errors
    }

    /// Labels of required basic fields still empty (for the checklist).
    public static func missing(_ values: FieldValues) -> [String] {
        fields.filter { $0.required && (values[$0.name] ?? "").isEmpty }.map(\.label)
    }

    public static func basics(level: TargetLevel, track: Track, specialty: String, unitKind: UnitKind,
                              values: FieldValues, hasWorkReport: Bool) -> DeclarationBasics {
        DeclarationBasics(
            targetLevel: level, track: track, specialty: specialty, unitKind: unitKind,
            professionalPost: values["professionalPost"] == "1", civilServant: values["civilServant"] == "1",
            retired: values["retired"] == "1", vocationalExamSpecialty: values["vocationalExamSpecialty"] == "1",
            probationCompleted: values["probationCompleted"].flatMap { LocalDate(iso: $0) },
            probationPassed: values["probationPassed"] == "1", hasWorkReport: hasWorkReport)
    }
}

/// Where an applicant fixes what a finding complains about.
public enum FindingLinks {
    public static func target(for rule: EligibilityRule) -> ChecklistEntry.Target {
        switch rule {
        case .exclusions, .professionalPost, .probation: .basics
        case .education: .section(.education)
        case .tenure, .transferTitle: .section(.titles)
        case .papers: .section(.papers)
        case .achievements: .section(.achievements)
        case .technicalReports: .section(.technicalReports)
        case .workReport: .workReport
        case .assessments, .recency: .section(.assessments)
        case .transferPost: .section(.work)
        }
    }
}
