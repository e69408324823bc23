import Testing
@testable import Domain

/// Next year's schedule is uploaded by the office (issue 9 item 4: "without a release"):
/// `decode` checks it and `adding` makes the year held; bad files are refused with the place.
@Suite struct CalendarScheduleInputTests {
    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

    static let schedule2027 = """
        { "year": 2027, "source": "测试用安排（非官方）",
          "holidays": [ { "name": "元旦", "from": "2027-01-01", "through": "2027-01-03" },
                        { "name": "国庆节", "from": "2027-10-01", "through": "2027-10-07" } ],
          "makeUpWorkdays": [ "2027-10-09" ] }
        """

    @Test func addingAYearMakesItHeld() throws {
        let official = try WorkingDayCalendar.official()
        let added = try WorkingDayCalendar.decode(json: Array(Self.schedule2027.utf8))
        #expect(added.map(\.year) == [2027])
        let calendar = official.adding(added[0])
        #expect(calendar.years == Array(2019...2027))
        #expect(try calendar.isWorkday(Self.d("2027-10-04")) == false)
        #expect(try calendar.isWorkday(Self.d("2027-10-09")) == true)
        #expect(try calendar.publicityEnd(start: Self.d("2026-12-28"), workingDays: 5) == Self.d("2027-01-04"))  // 12-28..12-31, then 1-1..1-3 off
        // The original is unchanged (value semantics).
        #expect(throws: CalendarError.missingYear(2027)) { try official.isWorkday(Self.d("2027-10-04")) }
    }

    @Test func addingReplacesTheSameYear() throws {
        let official = try WorkingDayCalendar.official()
        let corrected = HolidaySchedule(year: 2022, source: "更正", holidays: [HolidayPeriod(name: "元旦", days: Self.d("2022-01-01")...Self.d("2022-01-03"))], makeUpWorkdays: [])
        let calendar = official.adding(corrected)
        #expect(calendar.years == Array(2019...2026))
        #expect(calendar.schedule(for: 2022) == corrected)
        #expect(try calendar.isWorkday(Self.d("2022-10-03")) == true)
        #expect(try official.isWorkday(Self.d("2022-10-03")) == false)
    }

    @Test func acceptsTheListFormAndEmptyCalendarHoldsNothing() throws {
        let list = try WorkingDayCalendar.decode(json: Array("[\(Self.schedule2027)]".utf8))
        #expect(list.map(\.year) == [2027])
        let empty = WorkingDayCalendar(schedules: [])
        #expect(empty.years.isEmpty)
        #expect(throws: CalendarError.missingYear(2022)) { try empty.isWorkday(Self.d("2022-10-08")) }
    }

    static func problem(_ json: String) -> String {
        do { _ = try WorkingDayCalendar.decode(json: Array(json.utf8)); return "accepted" } catch { return "\(error)" }
    }

    @Test(arguments: [
        (#"{"schedules":[{"year":2027,"source":"x","holidays":[{"name":"元旦","from":"2027-01-01","through":"2027-01-01"}],"makeUpWorkdays":["2027-01-04"]}]}"#,
         "schedules[0].makeUpWorkdays[0]: 2027-01-04 is a Monday"),
        (#"{"year":2027,"source":"x","holidays":[{"name":"元旦","from":"2027-01-01","through":"2027-01-03"}],"makeUpWorkdays":["2027-01-02"]}"#,
         "makeUpWorkdays[0]: 2027-01-02 is a day off of 元旦"),
        (#"{"year":2027,"source":"x","holidays":[{"name":"元旦","from":"2027-01-03","through":"2027-01-01"}]}"#,
         "holidays[0].through: 2027-01-01 is before"),
        (#"{"year":2027,"source":"x","holidays":[{"name":"春节","from":"2028-02-01","through":"2028-02-03"}]}"#,
         "holidays[0].from: 2028-02-01 is outside the schedule for 2027"),
        (#"{"year":2027,"source":"x","holidays":[{"name":"春节","from":"2027-02-30","through":"2027-03-03"}]}"#,
         "holidays[0].from: malformed date"),
        (#"{"year":2027,"source":"","holidays":[{"name":"元旦","from":"2027-01-01","through":"2027-01-01"}]}"#,
         "source: must not be empty"),
        (#"{"year":2027,"source":"x","holidays":[]}"#, "holidays: must list at least one"),
        (#"{"source":"x","holidays":[]}"#, "year: missing required field"),
        (#"[{"year":2027,"source":"x","holidays":[{"name":"元旦","from":"2027-01-01","through":"2027-01-01"}]},{"year":2027,"source":"y","holidays":[{"name":"元旦","from":"2027-01-01","through":"2027-01-01"}]}]"#,
         "[1].year: year 2027 appears twice"),
        (#"{"year":2027,"source":"x","holidays":[{"name":"元旦","from":"2027-01-01","through":"2027-01-03"},{"name":"春节","from":"2027-01-03","through":"2027-01-04"}]}"#,
         "holidays[1]: overlaps the period 元旦"),
    ])
    func refusesBadSchedules(json: String, expected: String) {
        let problem = Self.problem(json)
        #expect(problem.contains(expected), "\(problem)")
    }
}
