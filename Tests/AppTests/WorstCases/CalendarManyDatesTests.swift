import ArgumentParser
import Domain
import Foundation
import Testing
@testable import App

/// Issue 18, item 3: `title-review calendar is-workday` with 16,000 dates took 8.9 s,
/// because ArgumentParser is quadratic in a repeated argument. Plain date lists are now
/// read directly; everything else still goes through ArgumentParser.
@Suite struct CalendarManyDatesTests {
    static func dates(_ count: Int) -> [String] {
        let first = LocalDate(iso: "2019-01-01")!.dayNumber
        return (0..<count).map { LocalDate(dayNumber: first + $0 % 2_900).iso }
    }

    @Test("16,000 dates: parsed and answered well under a second (was 8.9 s)")
    func sixteenThousandDates() throws {
        let dates = Self.dates(16_000)
        let clock = ContinuousClock()
        var lines = ""
        let elapsed = try clock.measure {
            let command = try #require(CalendarCommand.parseDirectly(["calendar", "is-workday"] + dates) as? CalendarCommand.IsWorkday)
            #expect(command.dates == dates)
            lines = try CalendarQuery.isWorkdayLines(command.dates, calendar: WorkingDayCalendar.official())
        }
        #expect(lines.split(separator: "\n").count == 16_000)
        #expect(lines.hasPrefix("2019-01-01 false\n2019-01-02 true\n"))
        // Debug build on a shared 2-core machine; the quadratic path needed 8.9 s.
        #expect(elapsed < .milliseconds(500), "\(elapsed)")
    }

    @Test("the direct path reads the same dates ArgumentParser does")
    func sameAsArgumentParser() throws {
        let arguments = ["calendar", "is-workday"] + Self.dates(40)
        let direct = try #require(CalendarCommand.parseDirectly(arguments) as? CalendarCommand.IsWorkday)
        let parsed = try #require(try TitleReviewCommand.parseAsRoot(arguments) as? CalendarCommand.IsWorkday)
        #expect(direct.dates == parsed.dates)
    }

    @Test("help, options, no dates and other commands are left to ArgumentParser")
    func otherInputsFallBack() {
        #expect(CalendarCommand.parseDirectly(["calendar", "is-workday"]) == nil)
        #expect(CalendarCommand.parseDirectly(["calendar", "is-workday", "2022-10-08", "--help"]) == nil)
        #expect(CalendarCommand.parseDirectly(["calendar", "is-workday", "-h"]) == nil)
        #expect(CalendarCommand.parseDirectly(["calendar", "publicity-end", "2022-10-08", "5"]) == nil)
        #expect(CalendarCommand.parseDirectly(["route", "is-workday", "2022-10-08"]) == nil)
    }
}
