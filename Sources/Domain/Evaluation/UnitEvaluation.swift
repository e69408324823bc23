/// The employer's part of one application (四（二）, 十（一）（二）): the evaluation
/// panel and its ratings, the check of authenticity, the three publicities, the
/// appraisal opinion and the unit's half of the dual commitment. Pure rules:
/// the order the notice implies and what is still missing before recommending.
public struct UnitEvaluation: Sendable, Equatable {
    public var panel: [PanelMember] = []
    public var ratings: [EvaluationCriterion: EvaluationRating] = [:]
    /// 评议组对申报材料真实性进行审核把关.
    public var authenticityChecked = false
    public var opinion: AppraisalOpinion?
    /// 单位承诺 (双承诺): signed by the clerk in the unit's name.
    public var unitCommitmentSigned = false
    public var publicities: [PublicityKind: Publicity] = [:]
    /// Publicities and an opinion recorded for an earlier submission whose content has
    /// since changed (returned, corrected, resubmitted): shown, no longer counted.
    public var superseded: [PublicityKind: Publicity] = [:]
    public var supersededOpinion: AppraisalOpinion?

    public init() {}

    /// What a publicity or the opinion covers: the declaration as submitted. The
    /// materials publicity, the opinion and its publicity speak of the applicant's
    /// materials, so they hold for a later submission only when its content is the
    /// same; the conditions-and-procedure publicity speaks of the year's conditions,
    /// which a resubmission does not change.
    public static func isTiedToContent(_ kind: PublicityKind) -> Bool { kind != .conditions }

    /// Whether something recorded for submission `covered` still holds at submission
    /// `current`. `sameContent` compares the two submissions' declarations; nil when
    /// either is not kept, and then it cannot be shown to hold (deny by default).
    public static func stillCovers(covered: Int, current: Int, sameContent: Bool?) -> Bool {
        covered == current || (covered < current && sameContent == true)
    }

    /// The days a publicity of one application may occupy (十（一））: not before the
    /// unit took the application up, and ending by the last day of the declaration
    /// period (or of a reopening the office recorded for the unit).
    public struct Window: Sendable, Equatable {
        public var takenUpOn: LocalDate
        public var lastDay: LocalDate
        public init(takenUpOn: LocalDate, lastDay: LocalDate) {
            self.takenUpOn = takenUpOn; self.lastDay = lastDay
        }
    }

    /// The year's rules these checks read: at least N working days on the official calendar.
    public struct Rules: Sendable {
        public var calendar: WorkingDayCalendar
        public var minimumWorkingDays: Int
        public init(calendar: WorkingDayCalendar, minimumWorkingDays: Int) {
            self.calendar = calendar; self.minimumWorkingDays = minimumWorkingDays
        }
    }

    /// Why a step of the unit's part is refused, in Chinese.
    public enum Refusal: Error, Equatable, Sendable {
        case calendar(CalendarError)
        case outOfOrder(String)
        case invalid(String)

        public var message: String {
            switch self {
            case .calendar(let e): e.message
            case .outOfOrder(let m), .invalid(let m): m
            }
        }
    }

    // MARK: the panel

    /// The panel must seat every one of the four kinds of member the notice names.
    public var missingPanelRoles: [PanelMemberRole] {
        PanelMemberRole.allCases.filter { role in !panel.contains { $0.role == role } }
    }

    public var ratingsComplete: Bool { EvaluationCriterion.allCases.allSatisfy { ratings[$0] != nil } }

    // MARK: publicities

    /// A publicity is over on the working day after its last day, and only then
    /// may the step that depends on it be taken (workflow contract).
    public static func isOver(_ p: Publicity, today: LocalDate, rules: Rules) throws(CalendarError) -> Bool {
        today >= (try rules.calendar.nextWorkday(after: p.ends))
    }

    /// Where a publicity stands on `today`, as the prints and pages name it.
    public enum Status: Equatable, Sendable {
        case notStarted, running, openObjections(Int), noObjection, objectionsResolved

        public var label: String {
            switch self {
            case .notStarted: "未开始"
            case .running: "公示中"
            case .openObjections(let n): "有\(n)条异议未处理"
            case .noObjection: "无异议"
            case .objectionsResolved: "异议已处理"
            }
        }

        /// Over, with nothing left open: the result a final print may state.
        public var isFinal: Bool { self == .noObjection || self == .objectionsResolved }
    }

    public static func status(_ p: Publicity, today: LocalDate, rules: Rules) throws(CalendarError) -> Status {
        if today < p.starts { return .notStarted }
        if p.openObjections > 0 { return .openObjections(p.openObjections) }
        if !(try isOver(p, today: today, rules: rules)) { return .running }
        return p.objections.isEmpty ? .noObjection : .objectionsResolved
    }

    /// The three publicities are all over without an open objection: only then may the
    /// 公示情况一览表 and the 推荐报告 be printed as final (十（一））.
    public func publicitiesFinal(today: LocalDate, rules: Rules) -> Bool {
        PublicityKind.allCases.allSatisfy { kind in
            guard let p = publicities[kind] else { return false }
            return (try? Self.status(p, today: today, rules: rules).isFinal) == true
        }
    }

    /// The first day the next step may be taken after a publicity.
    public static func firstDayAfter(_ p: Publicity, rules: Rules) throws(CalendarError) -> LocalDate {
        try rules.calendar.nextWorkday(after: p.ends)
    }

    /// Starts a publicity on `start` (or moves one not yet begun); its end is computed.
    /// Honest dates (十（一））: never before today on the review's clock (a publicity
    /// is posted, not recorded after the fact), never before the unit took the
    /// application up, and over by the end of the window. The order: 评审条件程序
    /// first, 个人申报材料 no earlier than it, 单位鉴定意见 only for a recorded opinion
    /// and not before its decision. A publicity that has begun cannot be moved (it
    /// could otherwise be cut short); one not yet begun can, so a mistyped date never
    /// locks the application.
    public func startingPublicity(_ kind: PublicityKind, on start: LocalDate, today: LocalDate,
                                  window: Window, rules: Rules) throws(Refusal) -> Publicity {
        if let existing = publicities[kind], existing.starts <= today {
            throw .outOfOrder("\(kind.label)已于\(existing.starts.chinese)开始，不能更改开始日期或提前结束")
        }
        guard start >= today else {
            throw .invalid("开始日期不能早于今天（\(today.chinese)）：公示须实际张贴，不能补记过去的日期")
        }
        guard start >= window.takenUpOn else {
            throw .invalid("开始日期不能早于单位受理该申报的日期（\(window.takenUpOn.chinese)）")
        }
        switch kind {
        case .conditions:
            if let materials = publicities[.materials], materials.starts < start {
                throw .outOfOrder("\(PublicityKind.materials.label)定于\(materials.starts.chinese)开始，\(kind.label)不能晚于它；请先更改或取消\(PublicityKind.materials.label)")
            }
        case .materials:
            guard let conditions = publicities[.conditions] else {
                throw .outOfOrder("请先进行\(PublicityKind.conditions.label)")
            }
            guard start >= conditions.starts else {
                throw .outOfOrder("\(kind.label)不能早于\(PublicityKind.conditions.label)（\(conditions.starts.chinese)开始）")
            }
        case .opinion:
            guard let opinion, let decided = opinion.decisionDate else {
                throw .outOfOrder("请先出具单位鉴定意见，再公示鉴定意见")
            }
            guard start >= decided else {
                throw .outOfOrder("鉴定意见公示不能早于鉴定意见的集体研究日期（\(decided.chinese)）")
            }
        }
        let end: LocalDate
        do { end = try rules.calendar.publicityEnd(start: start, workingDays: rules.minimumWorkingDays) } catch {
            throw .calendar(error)
        }
        guard end <= window.lastDay else {
            throw .invalid("公示期将至\(end.chinese)结束，晚于本年度申报截止日（\(window.lastDay.chinese)）；请提前开始公示")
        }
        return Publicity(kind: kind, starts: start, ends: end)
    }

    /// Cancels a publicity not yet begun (a wrong date, or a wrong step): refused once
    /// it has begun, and while a later publicity rests on it.
    public func cancellingPublicity(_ kind: PublicityKind, today: LocalDate) throws(Refusal) {
        guard let existing = publicities[kind] else { throw .invalid("\(kind.label)尚未安排，无需取消") }
        guard existing.starts > today else {
            throw .outOfOrder("\(kind.label)已于\(existing.starts.chinese)开始，不能取消")
        }
        if kind == .conditions, publicities[.materials] != nil {
            throw .outOfOrder("\(PublicityKind.materials.label)以\(kind.label)为前提，请先取消\(PublicityKind.materials.label)")
        }
    }

    // MARK: the opinion

    /// 无异议的方可出具鉴定意见 (十（一）): the opinion is recorded after the panel has
    /// sat and rated, the materials were checked, and the conditions and materials
    /// publicities are over without open objections.
    public func checkOpinion(_ opinion: AppraisalOpinion, today: LocalDate, rules: Rules) throws(Refusal) {
        guard let decided = opinion.decisionDate else { throw .invalid("请填写集体研究日期") }
        guard decided <= today else { throw .invalid("集体研究日期不能晚于今天（\(today.chinese)）") }
        guard OpinionItem.allCases.allSatisfy({ opinion.meets($0) != nil }) else {
            throw .invalid("请逐项说明学历、资历、工作能力、业绩成果、学术技术是否符合申报条件")
        }
        guard !opinion.headName.isEmpty else { throw .invalid("请填写签字的单位主要负责人姓名") }
        // 四（二）: the opinion states item by item whether the conditions are met; an
        // item it finds not met cannot be followed by a recommendation.
        if opinion.recommend, !opinion.unmet.isEmpty {
            throw .invalid(Self.unmetRecommendation(opinion))
        }
        if !missingPanelRoles.isEmpty || !ratingsComplete || !authenticityChecked {
            throw .outOfOrder("请先完成评议组组成、材料真实性审核和综合评议，再出具鉴定意见")
        }
        for kind in [PublicityKind.conditions, .materials] {
            guard let p = publicities[kind] else { throw .outOfOrder("请先完成\(kind.label)") }
            let firstDay: LocalDate
            do { firstDay = try Self.firstDayAfter(p, rules: rules) } catch { throw .calendar(error) }
            guard decided >= firstDay else {
                throw .outOfOrder("\(kind.label)至\(p.ends.chinese)结束，鉴定意见最早于\(firstDay.chinese)出具")
            }
            guard p.openObjections == 0 else { throw .outOfOrder("\(kind.label)有未处理的异议，处理后方可出具鉴定意见") }
        }
    }

    // MARK: before recommending

    /// Everything still missing before the unit may recommend, in Chinese, in order.
    public func missing(today: LocalDate, rules: Rules) -> [String] {
        var out: [String] = []
        if !missingPanelRoles.isEmpty {
            out.append("评议组须包括" + missingPanelRoles.map(\.label).joined(separator: "、"))
        }
        if !authenticityChecked { out.append("评议组审核申报材料真实性") }
        if !ratingsComplete { out.append("评议组综合评议（" + EvaluationCriterion.allCases.map(\.label).joined(separator: "、") + "）") }
        for kind in PublicityKind.allCases {
            guard let p = publicities[kind] else { out.append(kind.label); continue }
            do {
                if !(try Self.isOver(p, today: today, rules: rules)) {
                    out.append("\(kind.label)至\(p.ends.chinese)结束")
                }
            } catch {
                out.append(error.message)
            }
            if p.openObjections > 0 { out.append("\(kind.label)有\(p.openObjections)条异议未处理") }
        }
        if let opinion {
            if !opinion.recommend { out.append("鉴定意见未同意推荐（如不推荐，请选择“不予推荐”）") }
            else if !opinion.unmet.isEmpty { out.append(Self.unmetRecommendation(opinion)) }
        } else {
            out.append("单位鉴定意见")
        }
        if !unitCommitmentSigned { out.append("单位承诺（双承诺）") }
        return out
    }

    static func unmetRecommendation(_ opinion: AppraisalOpinion) -> String {
        "鉴定意见认定" + opinion.unmet.map(\.label).joined(separator: "、")
            + "不符合申报条件，不能“同意推荐”；请更正逐项意见，或将结论改为“不同意推荐”"
    }
}
