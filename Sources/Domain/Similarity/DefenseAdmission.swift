/// Whether the copy-ratio rule (七.1: 低于25%的参与答辩，高于25%的取消答辩资格) admits an
/// application to the defense. Admission is earned, not assumed: an engineer defends
/// only with a recorded ratio at or below the limit -- the system's check or the external
/// report (知网 etc.) the office entered. Either ratio above the limit takes the place
/// away at once; the office may confirm that (its reason on record) or override it with
/// a recorded reason (e.g. the "copied" passages are the applicant's own earlier paper).
/// A paper whose text cannot be read (an image-only PDF, no paper at all) has no ratio of
/// ours, so it waits until the office records the external report's ratio.
public enum DefenseAdmission: Sendable, Equatable {
    /// A recorded ratio at or below the limit, none above it.
    case admitted
    /// No usable ratio yet: not admitted (why, in Chinese).
    case pending(String)
    /// A ratio above the limit and no decision of the office covering it: not admitted.
    case exceeded([String])
    /// The office confirmed the exceeded limit: not admitted (取消答辩资格).
    case barred(reason: String)
    /// The office overrode the exceeded limit with a reason: admitted.
    case overridden(reason: String)

    /// The office's decision on an exceeded limit.
    public enum Decision: String, Sendable, Equatable {
        case confirm, override
    }

    /// What the system's own check found.
    public enum OwnCheck: Sendable, Equatable {
        /// The covered share of the paper's characters.
        case ratio(Double)
        /// The check ran but found no text to compare (its reason, in Chinese).
        case unreadable(String)
    }

    /// The lines saying which ratio is above the limit; a decision records them
    /// (`decidedOn`) so that it covers those ratios and no later, higher one.
    public static func exceededReasons(_ rule: CopyRatioRule, ours: OwnCheck?, external: Double?) -> [String] {
        var why: [String] = []
        if case .ratio(let r)? = ours, rule.exceeds(r) { why.append("本系统检测抄袭率 \(percent(r)) 超过 \(percent(rule.limit))") }
        if let external, rule.exceeds(external) { why.append("外部检测报告抄袭率 \(percent(external)) 超过 \(percent(rule.limit))") }
        return why
    }

    /// `decidedOn`: the exceeded reasons the decision was made on; nil for a decision
    /// recorded before they were kept (it covers whatever exceeds). A decision counts only
    /// while every current reason is among those it was made on: a new check or a new
    /// external ratio above the limit blocks again until the office decides again.
    public static func decide(_ rule: CopyRatioRule, ours: OwnCheck?, external: Double?,
                              decision: Decision?, reason: String = "", decidedOn: [String]? = nil) -> DefenseAdmission {
        let why = exceededReasons(rule, ours: ours, external: external)
        if !why.isEmpty {
            let covered = decidedOn.map { Set(why).isSubset(of: Set($0)) } ?? true
            switch covered ? decision : nil {
            case .confirm?: return .barred(reason: reason)
            case .override?: return .overridden(reason: reason)
            case nil: return .exceeded(why)
            }
        }
        if external != nil { return .admitted }
        switch ours {
        case .ratio?: return .admitted
        case .unreadable(let problem)?:
            return .pending("送审论文无法用于查重（\(problem)），须由评委会办公室录入外部检测报告的抄袭率")
        case nil:
            return .pending("尚无查重结果：须完成本系统查重或录入外部检测报告的抄袭率")
        }
    }

    /// Whether the application may be scheduled for the defense (安排答辩) and counted as
    /// waiting for a panel.
    public var admitsDefense: Bool {
        switch self {
        case .admitted, .overridden: true
        case .pending, .exceeded, .barred: false
        }
    }

    public var blocksDefense: Bool { !admitsDefense }

    /// Whether there is an exceeded limit the office may confirm or override.
    public var isFlagged: Bool {
        switch self {
        case .admitted, .pending: false
        case .exceeded, .barred, .overridden: true
        }
    }

    /// The status as the office's pages show it.
    public var label: String {
        switch self {
        case .admitted: "可参加答辩"
        case .pending: "暂不能参加答辩：尚无可用的抄袭率"
        case .exceeded: "抄袭率超限，不予参加答辩（待办公室确认或复核）"
        case .barred: "不予参加答辩（已确认）"
        case .overridden: "超限已复核，准予参加答辩"
        }
    }

    /// Why the application may not be scheduled, in Chinese (nil when it may).
    public var refusal: String? {
        switch self {
        case .admitted, .overridden: nil
        case .pending(let why): why
        case .exceeded(let why): why.joined(separator: "；") + "，取消答辩资格"
        case .barred(let reason): "评委会办公室已确认不予参加答辩：\(reason)"
        }
    }

    /// "12.3%": one decimal, as the reports show ratios.
    public static func percent(_ fraction: Double) -> String {
        let tenths = (fraction * 1000).rounded()
        let whole = Int(tenths) / 10, decimal = Int(tenths) % 10
        return decimal == 0 ? "\(whole)%" : "\(whole).\(decimal)%"
    }
}
