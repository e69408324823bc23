/// Papers, practical materials and achievements count only from the start of
/// the current tenure (三（一）4、5: "任助理工程师期间"). The engine already leaves
/// earlier ones out of its findings; this names them on the item itself, so
/// the applicant sees which entry does not count and why. A warning, not an
/// error: the entry may still belong in the dossier.
public enum OutputDates {
    /// The tenure start the engine used for outputs, if it had one.
    public static func periodStart(_ answer: EligibilityAnswer) -> LocalDate? {
        for finding in answer.findings {
            switch finding.detail {
            case .papers(let facts): if let start = facts.period?.start { return start }
            case .achievements(let facts): if let start = facts.period?.start { return start }
            default: continue
            }
        }
        return nil
    }

    /// The warning for one item, or nil when it counts (or dates do not matter).
    public static func warning(_ section: DeclarationSection, _ values: FieldValues, periodStart: LocalDate?) -> String? {
        guard let start = periodStart else { return nil }
        let (field, clause): (String, String)
        switch section {
        case .papers: (field, clause) = ("published", "3.1.4")
        case .technicalMaterials: (field, clause) = ("date", "3.1.4")
        case .achievements: (field, clause) = ("date", "3.1.5")
        default: return nil
        }
        guard let date = values[field].flatMap({ LocalDate(iso: $0) }), date < start else { return nil }
        return "早于任现职起算日\(start.chinese)，不计入第\(clause)条的条件"
    }
}
