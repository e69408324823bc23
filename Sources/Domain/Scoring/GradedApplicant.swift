/// One applicant's derived results in a graded panel, with the rule that made each,
/// in Chinese, for the pages (built from the policy's parameters, not literals).
public struct GradedApplicant: Sendable, Hashable {
    public let applicant: String
    /// The mean of the experts' scores, rounded half up to two decimals.
    public let defenseScore: Hundredths
    /// 1, 2, 2, 4: equal scores share a rank and the next rank skips.
    public let rank: Int
    /// The 0-based place in rank order (ties in input order); the grade of a place
    /// alone is `placeGrade`.
    public let place: Int
    /// The grade the place alone would get under the quotas.
    public let placeGrade: DefenseGrade
    /// The grade given: the best grade over the places of the applicants tied with this one.
    public let grade: DefenseGrade
    /// Present when a quantitative score was given.
    public let quantitative: Tenths?
    public let reviewScore: Hundredths?
    /// How many experts scored this applicant.
    public let expertCount: Int
    /// How many applicants share this defense score (1 when nobody else has it).
    public let tiedWith: Int

    /// Poor is eliminated (九: 答辩成绩为差的列为淘汰对象).
    public var eliminated: Bool { grade.isEliminated }

    /// 5位专家评分的平均值（每位专家：答辩材料学术水平×40% + 现场答辩×60%），四舍五入保留两位小数：80.7.
    public let defenseScoreRule: String
    /// 第2名，共7人。按优、中、差3:6:1的比例，本组优2名、中4名、差1名；第1至2位为优。定为优.
    public let gradeRule: String
    /// 答辩成绩80.7×30% + 量化赋分61.5×70% = 67.26（四舍五入保留两位小数）.
    public let reviewScoreRule: String?
}

/// A graded defense panel: applicants in rank order and the grade counts.
public struct PanelResult: Sendable, Hashable {
    /// In rank order; equal scores in the order the applicants first appear in the scores.
    public let applicants: [GradedApplicant]
    /// The grades given (ties can give more 优 and fewer 差 than the quotas).
    public let counts: GradeCounts
    /// The places per grade by the largest-remainder rule, before ties.
    public let quota: GradeQuota
    public let rules: DefenseRules

    public func applicant(_ id: String) -> GradedApplicant? { applicants.first { $0.applicant == id } }
}
