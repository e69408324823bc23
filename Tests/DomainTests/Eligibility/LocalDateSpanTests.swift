import Testing
@testable import Domain

@Suite struct LocalDateSpanTests {
    @Test(arguments: [
        ("2018-12-31", "2022-12-31", 48), ("2019-01-01", "2022-12-31", 47), ("2019-03-01", "2022-12-31", 45),
        ("2020-01-31", "2020-02-29", 1), ("2020-02-29", "2021-02-28", 12), ("2022-12-31", "2022-12-31", 0),
        ("2023-01-01", "2022-12-31", 0), ("2022-01-31", "2022-02-27", 0),
    ])
    func wholeMonths(_ from: String, _ to: String, _ months: Int) {
        #expect(day(from).wholeMonths(to: day(to)) == months)
    }

    /// `wholeMonths >= 12n` exactly when `adding(years: n) <= end`, n ≥ 1 (what I3 relies on).
    @Test func monthsAgreeWithAddingYears() {
        var g = ProfileGenerator(seed: 5)
        for _ in 0..<5000 {
            let a = g.date(2010, 2022), b = g.date(2010, 2024), n = g.int(1...6)
            #expect((a.wholeMonths(to: b) >= 12 * n) == (a.adding(years: n) <= b), "\(a) \(b) \(n)")
        }
    }

    @Test func chineseSpans() {
        #expect(LocalDate.chineseSpan(months: 34) == "2年10个月")
        #expect(LocalDate.chineseSpan(months: 36) == "3年")
        #expect(LocalDate.chineseSpan(months: 8) == "8个月")
        #expect(LocalDate.chineseSpan(months: 0) == "不足1个月")
        #expect(day("2022-08-25").days(to: day("2022-12-31")) == 128)
    }
}
