/// Durations the eligibility rules measure. "N years" in the notice is calendar
/// arithmetic, not a count of days: 2018-12-31 plus 4 years is 2022-12-31, and
/// that still "meets 4 years" on a reference date of 2022-12-31 (interpretation I3).
extension LocalDate {
    /// The largest whole number of months `m` with `self + m months <= end`
    /// (0 when `end` is before `self`). Uses the same clamping as `adding(months:)`,
    /// so `wholeMonths(to:) >= 12 * n` exactly when `adding(years: n) <= end`.
    public func wholeMonths(to end: LocalDate) -> Int {
        if end < self { return 0 }
        var m = (end.year - year) * 12 + (end.month - month)
        while m > 0 && adding(months: m) > end { m -= 1 }
        return m
    }

    /// Days from `self` to `other` (negative when `other` is earlier).
    public func days(to other: LocalDate) -> Int { other.dayNumber - dayNumber }

    /// `2年10个月`, `3年`, `8个月`, `不足1个月` for a count of months.
    public static func chineseSpan(months: Int) -> String {
        var text = TextBuffer()
        text.appendSpan(months: months)
        return text.string
    }
}
