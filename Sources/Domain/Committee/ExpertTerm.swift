/// An expert's term in the pool (专家库): 评审专家实行聘任制，每届任期不超过3年
/// (人社部《职称评审管理暂行规定》2019, 第十二条). A national rule, not the city
/// notice's, so it lives here and not in the yearly bundle (like `CommitteeVote`).
public enum ExpertTerm {
    /// The longest term, in years.
    public static let maximumYears = 3

    /// Why a term is not acceptable, in Chinese; nil when it is.
    /// The term runs from `start` through `end`, both included: three years from
    /// 2022-09-01 end at the latest on 2025-08-31.
    public static func problem(start: LocalDate, end: LocalDate) -> String? {
        if end < start { return "任期结束日期不能早于开始日期" }
        let latest = start.adding(years: maximumYears).adding(days: -1)
        if end > latest {
            return "专家每届任期不超过\(maximumYears)年（《职称评审管理暂行规定》第十二条）：自\(start.chinese)起最迟至\(latest.chinese)"
        }
        return nil
    }

    /// Whether the term covers `day`.
    public static func isInForce(start: LocalDate, end: LocalDate, on day: LocalDate) -> Bool {
        start <= day && day <= end
    }
}
