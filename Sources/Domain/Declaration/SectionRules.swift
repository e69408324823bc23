/// Checks across the fields of one item (and its siblings) that a single
/// field's spec cannot express: dates in order, complete expert entries,
/// one assessment per year.
public enum SectionRules {
    /// Validates one item: field rules, then cross-field rules. `siblings` are
    /// the section's other saved items (the item itself excluded).
    public static func validate(_ section: DeclarationSection, _ values: FieldValues, siblings: [FieldValues],
                                today: LocalDate) -> [String: String] {
        var errors = FieldValidation.validate(values, specs: section.fields, today: today)
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
            for n in 1...3 {
                let parts = ["Name", "Title", "Unit"].map { (values["expert\(n)\($0)"] ?? "").isEmpty }
                if parts.contains(true), parts.contains(false) {
                    errors["expert\(n)Name"] = "请完整填写推荐专家\(n)的姓名、职称和单位"
                }
            }
        case .assessments:
            if let year = values["year"], errors["year"] == nil, siblings.contains(where: { $0["year"] == year }) {
                errors["year"] = "\(year)年度的考核结果已填写，请修改原记录"
            }
        case .education, .skills, .papers, .technicalReports, .achievements, .awards, .qualifications,
             .continuingEducation:
            break
        }
        return errors
    }

    /// How many of a material's three recommending experts are fully entered.
    public static func expertCount(_ values: FieldValues) -> Int {
        (1...3).filter { n in ["Name", "Title", "Unit"].allSatisfy { !(values["expert\(n)\($0)"] ?? "").isEmpty } }.count
    }
}
