/// Papers, practical materials and achievements count only from the start of
/// the current tenure (三（一）4、5: "任助理工程师期间") and only up to the status
/// date, when the dossier closes (eligibility contract 1.1, item 8: an item dated
/// after 2022-08-25 does not count, on any route). The engine already leaves such
/// items out of its findings; this names them on the item itself, so the
/// applicant sees which entry does not count and why. A warning, not an error:
/// the entry may still belong in the dossier.
public enum OutputDates {
    /// The dates an item must fall between to count, as the engine used them.
    public struct Window: Sendable, Equatable {
        /// The tenure start; nil on the doctorate route, which has no floor.
        public let start: LocalDate?
        /// The status date: items dated after it do not count.
        public let closes: LocalDate

        public init(start: LocalDate?, closes: LocalDate) { self.start = start; self.closes = closes }
    }

    /// The window the engine used for outputs, if it judged any (engineers on the
    /// regular track).
    public static func window(_ answer: EligibilityAnswer) -> Window? {
        for finding in answer.findings {
            switch finding.detail {
            case .papers(let facts): return Window(start: facts.period?.start, closes: facts.closes)
            case .achievements(let facts): return Window(start: facts.period?.start, closes: facts.closes)
            default: continue
            }
        }
        return nil
    }

    /// The warning for one item, or nil when it counts (or dates do not matter).
    public static func warning(_ section: DeclarationSection, _ values: FieldValues, window: Window?) -> String? {
        guard let window else { return nil }
        let (field, clause): (String, String)
        switch section {
        case .books:
            // Books are no eligibility condition, but the dossier closes for them too (量化赋分).
            guard let date = values["published"].flatMap({ LocalDate(iso: $0) }), date > window.closes else { return nil }
            return "晚于申报截止日\(window.closes.chinese)，申报材料截至该日，不计入本年度评审"
        case .papers: (field, clause) = ("published", "3.1.4")
        case .technicalMaterials: (field, clause) = ("date", "3.1.4")
        case .achievements: (field, clause) = ("date", "3.1.5")
        default: return nil
        }
        guard let date = values[field].flatMap({ LocalDate(iso: $0) }) else { return nil }
        if let start = window.start, date < start {
            return "早于任现职起算日\(start.chinese)，不计入第\(clause)条的条件"
        }
        if date > window.closes {
            return "晚于申报截止日\(window.closes.chinese)，申报材料截至该日，不计入第\(clause)条的条件"
        }
        return nil
    }
}
