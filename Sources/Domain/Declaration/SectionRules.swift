/// Checks across the fields of one item (and its siblings) that a single
/// field's spec cannot express: dates in order, complete expert entries,
/// one assessment per year.
public enum SectionRules {
    /// Validates one item: field rules, then cross-field rules. `siblings` are
    /// the section's other saved items (the item itself excluded).
    public static func validate(_ section: DeclarationSection, _ values: FieldValues, siblings: [FieldValues],
                                today: LocalDate, reviewEnd: LocalDate? = nil) -> [String: String] {
        var errors = FieldValidation.validate(values, specs: section.fields, today: today, reviewEnd: reviewEnd)
        func date(_ name: String) -> LocalDate? { errors[name] == nil ? values[name].flatMap { LocalDate(iso: $0) } : nil }
        func ordered(_ from: String, _ to: String, _ message: String) {
            if let a = date(from), let b = date(to), b < a { errors[to] = message }
        }
        switch section {
        case .titles:
            ordered("qualified", "appointed", "聘任时间不能早于取得资格时间")
        case .work, .societies, .hardshipPosts:
            ordered("from", "to", "结束时间不能早于起始时间")
        case .sanctions:
            ordered("from", "until", "处分期满不能早于处分开始")
            if errors["kind"] == nil, errors["severity"] == nil,
               let kind = values["kind"].flatMap(SanctionKind.init(jsonName:)),
               let severity = values["severity"].flatMap(SanctionSeverity.init(jsonName:)),
               !SanctionSeverity.allowed(for: kind).contains(severity) {
                errors["severity"] = kind == .party ? "党纪处分没有这一种类" : "政务处分没有这一种类"
            }
        case .technicalMaterials:
            for n in 1...DeclarationSection.maxExperts {
                let parts = expertParts.map { (values["expert\(n)\($0)"] ?? "").isEmpty }
                if parts.contains(true), parts.contains(false) {
                    errors["expert\(n)Name"] = "请完整填写推荐专家\(n)的姓名、职称、专业和单位"
                }
            }
        case .assessments:
            if let year = values["year"], errors["year"] == nil, siblings.contains(where: { $0["year"] == year }) {
                errors["year"] = "\(year)年度的考核结果已填写，请修改原记录"
            }
        case .education, .skills, .papers, .books, .technicalReports, .achievements, .awards, .qualifications,
             .examCertificates, .continuingEducation:
            break
        }
        return errors
    }

    /// What each recommending expert's entry holds (七.2: 本行业、本专业专家).
    static let expertParts = ["Name", "Title", "Specialty", "Unit"]

    /// The numbers (1-based) of a material's fully entered recommending experts.
    public static func experts(_ values: FieldValues) -> [Int] {
        (1...DeclarationSection.maxExperts).filter { n in
            expertParts.allSatisfy { !(values["expert\(n)\($0)"] ?? "").isEmpty }
        }
    }

    /// How many of a material's recommending experts are fully entered (三名及以上 count).
    public static func expertCount(_ values: FieldValues) -> Int { experts(values).count }
}
