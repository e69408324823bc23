/// 量化赋分的预填: the units of each kind the declaration already states, turned into
/// points by the year's table, with the basis in words so the office can check them
/// before adjusting (九). Only what the declaration holds is counted; a kind with
/// nothing to count is left out (the office enters it).
///
/// Counting rules (the notice gives none; these are the product's documented defaults,
/// docs/quantitative-prefill.md):
/// - 完成技术项目: achievements accepted (验收通过), weighted by level — national 3,
///   provincial 2, any other level 1 — because a higher-level project is worth more;
/// - 技术项目获奖: awards weighted the same way (national 3, provincial 2, others 1);
/// - 论文论著: each paper and each book 1;
/// - 学历（学位）: the highest education — doctorate or master 2, bachelor 1, lower 0;
/// - 专业工作年限: full years of work marked 从事专业技术工作, up to the application date;
/// - 任职经历: each professional title held 1;
/// - 考核: each year assessed 优秀 1;
/// - 职业资格, 学术团体任职, 艰苦岗位: each entry 1.
public enum QuantitativePrefill {
    public struct Line: Sendable, Equatable {
        public let kind: QuantitativeKind
        public let units: Int
        public let points: Tenths
        /// 业绩成果3项（国家级1、省级1、其他1），折合6项.
        public let basis: String
    }

    public static func lines(items: [(DeclarationSection, FieldValues)], table: QuantitativeTable,
                             applicationDate: LocalDate) -> [Line] {
        func of(_ s: DeclarationSection) -> [FieldValues] { items.filter { $0.0 == s }.map(\.1) }
        var out: [Line] = []
        func add(_ kind: QuantitativeKind, _ units: Int, _ basis: String) {
            guard units > 0 else { return }
            out.append(Line(kind: kind, units: units, points: table.points(kind, units: units), basis: basis))
        }
        func weighted(_ entries: [FieldValues], noun: String) -> (Int, String) {
            let national = entries.filter { $0["level"] == "national" }.count
            let provincial = entries.filter { $0["level"] == "provincial" }.count
            let other = entries.count - national - provincial
            let units = national * 3 + provincial * 2 + other
            return (units, "\(noun)\(entries.count)项（国家级\(national)、省级\(provincial)、其他\(other)），折合\(units)项")
        }
        let accepted = of(.achievements).filter { $0["accepted"] == "1" }
        let (projectUnits, projectBasis) = weighted(accepted, noun: "已验收的业绩成果")
        add(.projects, projectUnits, projectBasis)
        let (awardUnits, awardBasis) = weighted(of(.awards), noun: "获奖")
        add(.awards, awardUnits, awardBasis)
        let papers = of(.papers).count, books = of(.books).count
        add(.papers, papers + books, "论文\(papers)篇、论著\(books)部")
        let levels = of(.education).compactMap { $0["level"].flatMap(EducationLevel.init(jsonName:)) }
        if let best = levels.max() {   // EducationLevel: doctorate is the highest
            let units: Int
            switch best {
            case .doctorate, .master: units = 2
            case .secondBachelor, .bachelor: units = 1
            default: units = 0
            }
            add(.education, units, "最高学历：\(label(best))，折合\(units)项")
        }
        var months = 0
        for w in of(.work) where w["technical"] == "1" {
            guard let from = w["from"].flatMap({ LocalDate(iso: $0) }) else { continue }
            let to = min(w["to"].flatMap { LocalDate(iso: $0) } ?? applicationDate, applicationDate)
            months += max(0, fullMonths(from: from, to: to))
        }
        add(.workYears, months / 12, "从事专业技术工作累计\(months / 12)年（\(months)个月，算至\(applicationDate.iso)）")
        add(.posts, of(.titles).count, "取得职称\(of(.titles).count)个")
        let excellent = of(.assessments).filter { $0["result"] == "excellent" }.count
        add(.assessments, excellent, "年度考核优秀\(excellent)次")
        add(.qualifications, of(.qualifications).count, "职业资格\(of(.qualifications).count)项")
        add(.societies, of(.societies).count, "学术团体任职\(of(.societies).count)项")
        add(.hardship, of(.hardshipPosts).count, "艰苦岗位经历\(of(.hardshipPosts).count)段")
        return out
    }

    static func label(_ level: EducationLevel) -> String {
        switch level {
        case .doctorate: "博士研究生"
        case .master: "硕士研究生"
        case .secondBachelor: "第二学士学位"
        case .bachelor: "大学本科"
        case .associate: "大学专科"
        case .secondaryVocational: "中专"
        case .highSchool: "高中"
        }
    }

    /// Whole months from one date to another (a month counts once its day is reached).
    static func fullMonths(from: LocalDate, to: LocalDate) -> Int {
        var m = (to.year - from.year) * 12 + (to.month - from.month)
        if to.day < from.day { m -= 1 }
        return m
    }
}
