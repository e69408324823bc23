/// Whether the copy-ratio rule (七.1) lets an application into the defense: the
/// ratios above the limit raise a flag; the committee office then confirms it (the
/// application is not admitted to the defense) or overrides it with a recorded
/// reason (e.g. the "copied" passages are the applicant's own earlier paper).
public enum DefenseAdmission: Sendable, Equatable {
    /// No ratio above the limit (or none known yet).
    case admitted
    /// A ratio above the limit, waiting for the office's decision.
    case flagged([String])
    /// The office confirmed the flag: not admitted to the defense (取消答辩资格).
    case barred(reason: String)
    /// The office overrode the flag with a reason: admitted.
    case overridden(reason: String)

    /// The office's decision on a flag.
    public enum Decision: String, Sendable, Equatable {
        case confirm, override
    }

    /// `ours` is the system's check, `external` the ratio of the outside report the
    /// office entered; either above the limit flags. A decision only counts while
    /// there is a flag to decide on.
    public static func decide(_ rule: CopyRatioRule, ours: Double?, external: Double?,
                              decision: Decision?, reason: String = "") -> DefenseAdmission {
        var why: [String] = []
        if let ours, rule.exceeds(ours) { why.append("本系统检测抄袭率 \(percent(ours)) 超过 \(percent(rule.limit))") }
        if let external, rule.exceeds(external) { why.append("外部检测报告抄袭率 \(percent(external)) 超过 \(percent(rule.limit))") }
        guard !why.isEmpty else { return .admitted }
        switch decision {
        case .confirm: return .barred(reason: reason)
        case .override: return .overridden(reason: reason)
        case nil: return .flagged(why)
        }
    }

    /// Blocks scheduling the defense (安排答辩): only a flag the office confirmed.
    public var blocksDefense: Bool {
        if case .barred = self { return true }
        return false
    }

    public var isFlagged: Bool {
        switch self {
        case .admitted: false
        case .flagged, .barred, .overridden: true
        }
    }

    /// The status as the office's pages show it.
    public var label: String {
        switch self {
        case .admitted: "可参加答辩"
        case .flagged: "抄袭率超限，待办公室确认"
        case .barred: "不予参加答辩（已确认）"
        case .overridden: "超限已复核，准予参加答辩"
        }
    }

    /// "12.3%": one decimal, as the reports show ratios.
    public static func percent(_ fraction: Double) -> String {
        let tenths = (fraction * 1000).rounded()
        let whole = Int(tenths) / 10, decimal = Int(tenths) % 10
        return decimal == 0 ? "\(whole)%" : "\(whole).\(decimal)%"
    }
}
