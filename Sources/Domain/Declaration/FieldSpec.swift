import Foundation

/// One input of a declaration form: what it is called, what it accepts and
/// whether it is required. Pages render from these, and `FieldValidation`
/// checks against them, so a section is declared once.
public struct FieldSpec: Sendable {
    public struct Choice: Sendable, Equatable {
        public let code: String
        public let label: String
        public init(_ code: String, _ label: String) { self.code = code; self.label = label }
    }

    public enum Kind: Sendable {
        case text(maxLength: Int)
        case longText(maxLength: Int)
        /// `YYYY-MM-DD`, not after today (the clock's) nor after the review's reference date.
        case date
        /// A calendar year, not after this year nor after the review's year.
        case year
        case integer(min: Int, max: Int)
        /// A checkbox: "1" when ticked.
        case flag
        case choice([Choice])
    }

    public let name: String
    public let label: String
    public let kind: Kind
    public let required: Bool
    public let hint: String?

    public init(_ name: String, _ label: String, _ kind: Kind, required: Bool = false, hint: String? = nil) {
        self.name = name
        self.label = label
        self.kind = kind
        self.required = required
        self.hint = hint
    }

    public var choices: [Choice] {
        if case .choice(let choices) = kind { return choices }
        return []
    }

    /// The label shown for a stored value (choice labels, 是/否 for flags).
    public func display(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return kind.isFlag ? "否" : "" }
        switch kind {
        case .flag: return value == "1" ? "是" : "否"
        case .choice(let choices): return choices.first { $0.code == value }?.label ?? value
        case .date: return LocalDate(iso: value)?.chinese ?? value
        case .year: return value + "年"
        default: return value
        }
    }
}

extension FieldSpec.Kind {
    var isFlag: Bool {
        if case .flag = self { return true }
        return false
    }
}

/// Values of one item or section as typed: field name → text.
public typealias FieldValues = [String: String]

/// Checks values against their specs; returns field name → Chinese message.
///
/// Dates are checked against the injectable clock's `today` and, when given,
/// the review's `reviewEnd` (the policy's reference date, 2022-12-31): a
/// declaration for the 2022 review holds nothing dated in 2025, whatever the
/// machine's date is.
public enum FieldValidation {
    public static func validate(_ values: FieldValues, specs: [FieldSpec], today: LocalDate,
                                reviewEnd: LocalDate? = nil) -> [String: String] {
        var errors: [String: String] = [:]
        for spec in specs {
            let raw = (values[spec.name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if raw.isEmpty {
                if spec.required, !spec.kind.isFlag { errors[spec.name] = "请填写\(spec.label)" }
                continue
            }
            if let problem = problem(raw, spec: spec, today: today, reviewEnd: reviewEnd) { errors[spec.name] = problem }
        }
        return errors
    }

    static func problem(_ raw: String, spec: FieldSpec, today: LocalDate, reviewEnd: LocalDate?) -> String? {
        switch spec.kind {
        case .text(let max), .longText(let max):
            return raw.count > max ? "\(spec.label)不能超过\(max)个字" : nil
        case .date:
            guard let date = LocalDate(iso: raw) else { return "\(spec.label)不是有效日期（格式：2020-07-01）" }
            if date > today { return "\(spec.label)不能晚于今天" }
            if let end = reviewEnd, date > end { return "\(spec.label)不能晚于\(end.chinese)（本年度评审的计算截止日）" }
            if date.year < 1950 { return "\(spec.label)不能早于1950年" }
            return nil
        case .year:
            guard let year = Int(raw), raw.count == 4 else { return "\(spec.label)应为四位年份" }
            if year > today.year { return "\(spec.label)不能晚于今年" }
            if let end = reviewEnd, year > end.year { return "\(spec.label)不能晚于\(end.year)年（本次评审为\(end.year)年度）" }
            if year < 1950 { return "\(spec.label)不能早于1950年" }
            return nil
        case .integer(let min, let max):
            guard let value = Int(raw) else { return "\(spec.label)应为整数" }
            if value < min { return "\(spec.label)不能小于\(min)" }
            if value > max { return "\(spec.label)不能大于\(max)" }
            return nil
        case .flag:
            return raw == "1" || raw == "0" ? nil : "\(spec.label)取值无效"
        case .choice(let choices):
            return choices.contains { $0.code == raw } ? nil : "请从列表中选择\(spec.label)"
        }
    }

    /// Keeps only declared fields, trimmed; unticked flags become "0".
    public static func normalized(_ values: FieldValues, specs: [FieldSpec]) -> FieldValues {
        var out: FieldValues = [:]
        for spec in specs {
            let raw = (values[spec.name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if spec.kind.isFlag {
                out[spec.name] = raw == "1" ? "1" : "0"
            } else if !raw.isEmpty {
                out[spec.name] = raw
            }
        }
        return out
    }
}
