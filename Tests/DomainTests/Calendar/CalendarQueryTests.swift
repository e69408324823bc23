import Testing
@testable import Domain

/// The text `title-review calendar` prints (cli.md "Working-day calendar"): one line per date,
/// `YYYY-MM-DD true|false`; `publicity-end` one line; any bad input is one error line (the
/// command exits 2) and no partial answer.
@Suite struct CalendarQueryTests {
    let calendar = try! WorkingDayCalendar.official()

    func error(_ body: () throws(CalendarInputError) -> String) -> String {
        do { return "no error: " + (try body()) } catch { return error.description }
    }

    @Test func isWorkdayLines() throws {
        let out = try CalendarQuery.isWorkdayLines(["2022-10-08", "2022-10-03", "2022-07-23", "2022-07-25"], calendar: calendar)
        #expect(out == "2022-10-08 true\n2022-10-03 false\n2022-07-23 false\n2022-07-25 true\n")
    }

    @Test func aBadDateAnywhereGivesOnlyTheError() {
        #expect(error { () throws(CalendarInputError) in try CalendarQuery.isWorkdayLines(["2022-10-08", "2022-02-30"], calendar: calendar) }
                == #"DATE "2022-02-30": not a valid date (expected YYYY-MM-DD)"#)
        #expect(error { () throws(CalendarInputError) in try CalendarQuery.isWorkdayLines(["2022-10-08", "22-10-08"], calendar: calendar) }
                .hasPrefix(#"DATE "22-10-08""#))
        #expect(error { () throws(CalendarInputError) in try CalendarQuery.isWorkdayLines([], calendar: calendar) }
                == "DATE: at least one date is required")
    }

    @Test func aMissingYearIsNamed() {
        let e = error { () throws(CalendarInputError) in try CalendarQuery.isWorkdayLines(["2022-10-08", "2027-01-04"], calendar: calendar) }
        #expect(e.hasPrefix("DATE 2027-01-04: no official holiday schedule for 2027"))
        #expect(!e.contains("\n"))
        let e2018 = error { () throws(CalendarInputError) in try CalendarQuery.publicityEndLine(start: "2018-12-31", count: "5", calendar: calendar) }
        #expect(e2018.contains("no official holiday schedule for 2018"))
    }

    @Test func publicityEndLine() throws {
        #expect(try CalendarQuery.publicityEndLine(start: "2022-09-28", count: "5", calendar: calendar) == "2022-10-09\n")
        #expect(try CalendarQuery.publicityEndLine(start: "2022-10-01", count: "+5", calendar: calendar) == "2022-10-12\n")
    }

    @Test(arguments: [
        ("2022-09-28", "0", "N 0: the number of working days must be a positive whole number, got 0"),
        ("2022-09-28", "-3", "N -3: the number of working days must be a positive whole number, got -3"),
        ("2022-09-28", "five", #"N "five": not a whole number"#),
        ("2022-09-28", "5.0", #"N "5.0": not a whole number"#),
        ("2022-09-28", "", #"N "": not a whole number"#),
        ("2022-09-28", "99999999999999999999", #"N "99999999999999999999": not a whole number"#),
        ("2022/09/28", "5", #"START "2022/09/28": not a valid date (expected YYYY-MM-DD)"#),
    ])
    func publicityEndErrors(start: String, count: String, expected: String) {
        #expect(error { () throws(CalendarInputError) in try CalendarQuery.publicityEndLine(start: start, count: count, calendar: calendar) } == expected)
    }
}
