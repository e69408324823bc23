import Testing
@testable import Domain

/// cli.md "Working-day calendar" and workflow.md "Publicities and working days": a weekday
/// holiday is not a working day, a weekend make-up day (调休) is; a publicity of N working
/// days (notice 十（一）: 公示不少于5个工作日) ends on `publicityEnd(start, N)`.
@Suite struct WorkingDayCalendarTests {
    let calendar = try! WorkingDayCalendar.official()

    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

    /// Spring Festival of every year: the make-up days before and after, the weekdays off.
    @Test(arguments: [
        ("2019-02-02", true), ("2019-02-03", true), ("2019-02-04", false), ("2019-02-08", false), ("2019-02-10", false), ("2019-02-11", true),
        // 2020: extended to 2 February; Friday 31 January off and the 1 February make-up day cancelled.
        ("2020-01-19", true), ("2020-01-23", true), ("2020-01-24", false), ("2020-01-31", false), ("2020-02-01", false), ("2020-02-02", false), ("2020-02-03", true),
        ("2021-02-07", true), ("2021-02-11", false), ("2021-02-17", false), ("2021-02-18", true), ("2021-02-20", true), ("2021-02-21", false),
        ("2022-01-28", true), ("2022-01-29", true), ("2022-01-30", true), ("2022-01-31", false), ("2022-02-04", false), ("2022-02-07", true),
        ("2023-01-20", true), ("2023-01-21", false), ("2023-01-27", false), ("2023-01-28", true), ("2023-01-29", true),
        ("2024-02-04", true), ("2024-02-09", true), ("2024-02-10", false), ("2024-02-16", false), ("2024-02-17", false), ("2024-02-18", true), ("2024-02-19", true),
        ("2025-01-26", true), ("2025-01-27", true), ("2025-01-28", false), ("2025-02-04", false), ("2025-02-05", true), ("2025-02-08", true),
        ("2026-02-14", true), ("2026-02-15", false), ("2026-02-23", false), ("2026-02-24", true), ("2026-02-28", true), ("2026-03-01", false),
    ])
    func springFestival(date: String, working: Bool) throws {
        #expect(try calendar.isWorkday(Self.d(date)) == working)
    }

    @Test(arguments: [
        ("2019-09-29", true), ("2019-09-30", true), ("2019-10-01", false), ("2019-10-07", false), ("2019-10-08", true), ("2019-10-12", true), ("2019-10-13", false),
        ("2020-09-27", true), ("2020-10-01", false), ("2020-10-08", false), ("2020-10-09", true), ("2020-10-10", true),
        ("2021-09-26", true), ("2021-10-07", false), ("2021-10-09", true),
        ("2022-09-30", true), ("2022-10-03", false), ("2022-10-07", false), ("2022-10-08", true), ("2022-10-09", true), ("2022-10-10", true),
        ("2023-09-28", true), ("2023-09-29", false), ("2023-10-06", false), ("2023-10-07", true), ("2023-10-08", true),
        ("2024-09-29", true), ("2024-10-07", false), ("2024-10-12", true),
        ("2025-09-28", true), ("2025-10-08", false), ("2025-10-09", true), ("2025-10-11", true),
        ("2026-09-20", true), ("2026-10-07", false), ("2026-10-08", true), ("2026-10-10", true),
    ])
    func nationalDay(date: String, working: Bool) throws {
        #expect(try calendar.isWorkday(Self.d(date)) == working)
    }

    /// Ordinary weeks around the 2022 intake window (7月25日–8月25日), and other holidays.
    @Test(arguments: [
        ("2022-07-23", false), ("2022-07-24", false), ("2022-07-25", true), ("2022-08-25", true), ("2022-08-27", false),
        ("2022-04-02", true), ("2022-04-04", false), ("2022-05-07", true), ("2022-06-03", false), ("2022-09-12", false),
        ("2024-04-07", true), ("2024-05-11", true), ("2024-09-14", true), ("2023-06-25", true), ("2021-09-18", true),
        // 元旦 across the year end: the 2023 schedule's 2022-12-31 and 2023-01-02; 2026's Sunday 4 January worked.
        ("2022-12-31", false), ("2023-01-02", false), ("2023-01-03", true), ("2026-01-02", false), ("2026-01-04", true),
    ])
    func weekendsAndOtherHolidays(date: String, working: Bool) throws {
        #expect(try calendar.isWorkday(Self.d(date)) == working)
    }

    /// "A date in a year whose official schedule the calendar does not hold exits 2 and says
    /// which year is missing: it never guesses." 2018-12-29 is even listed (as 2019's make-up
    /// day) but 2018 as a whole is not held.
    @Test(arguments: ["2018-12-29", "2018-12-31", "2018-06-01"])
    func refuses2018(date: String) {
        #expect(throws: CalendarError.missingYear(2018)) { try calendar.isWorkday(Self.d(date)) }
    }

    @Test func refuses2027() {
        #expect(throws: CalendarError.missingYear(2027)) { try calendar.isWorkday(Self.d("2027-01-04")) }
        #expect(throws: CalendarError.missingYear(2027)) { try calendar.publicityEnd(start: Self.d("2027-03-01"), workingDays: 5) }
        #expect(throws: CalendarError.missingYear(2027)) { try calendar.nextWorkday(after: Self.d("2026-12-31")) }
        #expect(throws: CalendarError.missingYear(2027)) { try calendar.workdays(from: Self.d("2026-12-01"), through: Self.d("2027-01-05")) }
        #expect(CalendarError.missingYear(2027).message == "尚无2027年的国务院节假日安排，无法计算工作日")
        #expect(CalendarError.missingYear(2027).description.contains("2027"))
    }

    /// A publicity that would run into a missing year is refused; one that ends before it is not.
    @Test func publicityNearTheEndOfTheLastHeldYear() throws {
        #expect(throws: CalendarError.missingYear(2027)) { try calendar.publicityEnd(start: Self.d("2026-12-28"), workingDays: 5) }
        #expect(try calendar.publicityEnd(start: Self.d("2026-12-24"), workingDays: 5) == Self.d("2026-12-30"))
    }

    @Test(arguments: [
        // 9-28, 9-29, 9-30, then 国庆节 10-1..10-7, then the make-up Saturday and Sunday.
        ("2022-09-28", 5, "2022-10-09"),
        // START on a holiday: counting starts at the next working day, 10-08.
        ("2022-10-01", 5, "2022-10-12"),
        // START on an ordinary Saturday.
        ("2022-07-23", 5, "2022-07-29"),
        ("2022-07-25", 5, "2022-07-29"),
        ("2022-07-27", 5, "2022-08-02"),
        // One working day that begins on a working day ends on it, make-up days included.
        ("2022-10-08", 1, "2022-10-08"),
        ("2022-10-02", 1, "2022-10-08"),
        // Spring Festival 2024: 2-7, 2-8, 2-9, then the Sunday make-up day 2-18 and 2-19.
        ("2024-02-07", 5, "2024-02-19"),
        // 2020's extended Spring Festival: 1-21, 1-22, 1-23, then 2-3 and 2-4 (2-1 no longer worked).
        ("2020-01-21", 5, "2020-02-04"),
        // 中秋节、国庆节 2023 together.
        ("2023-09-27", 5, "2023-10-09"),
        // 2025: Friday 9-26, the Sunday make-up 9-28, 9-29, 9-30, then 10-9.
        ("2025-09-26", 5, "2025-10-09"),
        // Across the year end into the next schedule (元旦 2023 began 2022-12-31).
        ("2022-12-28", 5, "2023-01-04"),
        ("2026-02-13", 5, "2026-02-26"),
        // A long period: twenty working days from the start of the 2022 intake window.
        ("2022-07-25", 20, "2022-08-19"),
    ])
    func publicityEnd(start: String, days: Int, end: String) throws {
        #expect(try calendar.publicityEnd(start: Self.d(start), workingDays: days) == Self.d(end))
    }

    /// The publicity's end and the working-day count agree: exactly N working days.
    @Test func publicityLastsExactlyNWorkingDays() throws {
        var day = Self.d("2019-01-01")
        while day < Self.d("2026-12-01") {
            let end = try calendar.publicityEnd(start: day, workingDays: 5)
            #expect(try calendar.workdays(from: day, through: end) == 5)
            #expect(try calendar.isWorkday(end))
            day = day.adding(days: 3)
        }
    }

    @Test(arguments: [0, -1, -5])
    func invalidCount(n: Int) {
        #expect(throws: CalendarError.invalidCount(n)) { try calendar.publicityEnd(start: Self.d("2022-09-28"), workingDays: n) }
    }

    @Test func invalidCountHasMessages() {
        #expect(CalendarError.invalidCount(0).message.contains("正整数"))
        #expect(CalendarError.invalidCount(-2).description.contains("-2"))
    }

    @Test func nextWorkday() throws {
        #expect(try calendar.nextWorkday(after: Self.d("2022-09-30")) == Self.d("2022-10-08"))
        #expect(try calendar.nextWorkday(after: Self.d("2022-10-09")) == Self.d("2022-10-10"))
        #expect(try calendar.nextWorkday(after: Self.d("2020-01-23")) == Self.d("2020-02-03"))
        #expect(try calendar.nextWorkday(after: Self.d("2022-12-30")) == Self.d("2023-01-03"))
    }

    @Test func workdaysCounts() throws {
        #expect(try calendar.workdays(from: Self.d("2022-09-28"), through: Self.d("2022-10-09")) == 5)
        #expect(try calendar.workdays(from: Self.d("2022-10-01"), through: Self.d("2022-10-07")) == 0)
        #expect(try calendar.workdays(from: Self.d("2022-07-25"), through: Self.d("2022-08-25")) == 24)
        #expect(try calendar.workdays(from: Self.d("2022-10-09"), through: Self.d("2022-10-08")) == 0)
    }

    @Test func holidayOnADate() {
        #expect(calendar.holiday(on: Self.d("2022-10-03"))?.name == "国庆节")
        #expect(calendar.holiday(on: Self.d("2022-12-31"))?.name == "元旦")
        #expect(calendar.holiday(on: Self.d("2023-10-01"))?.name == "中秋节、国庆节")
        #expect(calendar.holiday(on: Self.d("2022-10-08")) == nil)
    }
}
