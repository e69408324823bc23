/// One expert's raw scores for one applicant, as entered: the materials' academic
/// level and the on-site defense, each out of 100 with at most one decimal (九).
/// These are what is stored; every other number is derived from them.
public struct DefenseScoreEntry: Sendable, Hashable {
    public var applicant: String
    public var expert: String
    /// 答辩材料学术水平评价.
    public var materials: Tenths
    /// 现场答辩评价.
    public var onsite: Tenths

    public init(applicant: String, expert: String, materials: Tenths, onsite: Tenths) {
        self.applicant = applicant; self.expert = expert; self.materials = materials; self.onsite = onsite
    }

    /// The range of a raw score: 答辩成绩实行百分制.
    public static let maximum = Tenths(1000)
    public static let minimum = Tenths(0)
}
