import Testing
@testable import Domain

/// The bundled State Council schedules (Resources/calendars/official-holidays.json) are
/// internally consistent: issue 9 item 4 asks for 2019 through 2026, each with its notice.
@Suite struct OfficialHolidayDataTests {
    let calendar = try! WorkingDayCalendar.official()

    static let names: Set<String> = ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]

    @Test func holdsEveryYearFrom2019Through2026() {
        #expect(calendar.years == Array(2019...2026))
    }

    @Test func everyScheduleNamesItsStateCouncilNotice() throws {
        for s in calendar.schedules {
            #expect(s.source.contains("国办发明电"), "year \(s.year)")
            #expect(s.source.contains("\(s.year)年部分节假日安排"), "year \(s.year)")
        }
        #expect(try #require(calendar.schedule(for: 2022)).source.contains("国办发明电〔2021〕11号"))
        #expect(try #require(calendar.schedule(for: 2026)).source.contains("国办发明电〔2025〕7号"))
        // Later notices that changed a year are cited too.
        #expect(try #require(calendar.schedule(for: 2019)).source.contains("国办发明电〔2019〕2号"))
        #expect(try #require(calendar.schedule(for: 2020)).source.contains("国办发明电〔2020〕1号"))
    }

    @Test func everyYearHasAllSevenHolidays() {
        for s in calendar.schedules {
            var seen = Set<String>()
            for p in s.holidays {
                let parts = p.name.split(separator: "、").map(String.init)
                for part in parts { #expect(Self.names.contains(part), "\(s.year): \(p.name)") }
                seen.formUnion(parts)
            }
            #expect(seen == Self.names, "year \(s.year)")
        }
    }

    @Test func holidaysAreNeverMakeUpDays() {
        for s in calendar.schedules {
            for d in s.makeUpWorkdays {
                #expect(!s.holidays.contains { $0.contains(d) }, "\(s.year): \(d)")
                #expect(calendar.holiday(on: d) == nil, "\(d)")
            }
        }
    }

    @Test func makeUpDaysFallOnWeekends() {
        for s in calendar.schedules {
            for d in s.makeUpWorkdays { #expect(d.isoWeekday >= 6, "\(s.year): \(d) is weekday \(d.isoWeekday)") }
        }
    }

    /// Every listed period takes at least one weekday off; otherwise it would change nothing.
    @Test func everyHolidayPeriodTakesAWeekdayOff() {
        for s in calendar.schedules {
            for p in s.holidays {
                let weekdays = (0..<p.length).filter { p.days.lowerBound.adding(days: $0).isoWeekday <= 5 }
                #expect(!weekdays.isEmpty, "\(s.year) \(p.name)")
                #expect(p.length <= 10, "\(s.year) \(p.name): \(p.length) days")
            }
        }
    }

    @Test func datesBelongToTheirYearOrTheDecemberBefore() {
        for s in calendar.schedules {
            let all = s.holidays.flatMap { [$0.days.lowerBound, $0.days.upperBound] } + s.makeUpWorkdays
            for d in all {
                #expect(d.year == s.year || (d.year == s.year - 1 && d.month == 12), "\(s.year): \(d)")
            }
        }
    }

    /// An independent check of the whole data: a year has (days - Saturdays and Sundays -
    /// legal holidays) working days, the make-up days exactly paying back the bridging
    /// days. Legal holidays: 11 a year, 13 from 2025 (国务院令第795号 added 除夕 and 5月2日).
    /// 2020 lost two more working days to the extended Spring Festival (国办发明电〔2020〕1号:
    /// Friday 31 January off, Saturday 1 February no longer worked).
    @Test(arguments: [(2019, 250), (2020, 249), (2021, 250), (2022, 249), (2023, 249), (2024, 251), (2025, 248), (2026, 248)])
    func workingDaysPerYear(year: Int, expected: Int) throws {
        let first = try #require(LocalDate(year: year, month: 1, day: 1))
        let last = try #require(LocalDate(year: year, month: 12, day: 31))
        #expect(try calendar.workdays(from: first, through: last) == expected)
    }

    @Test func bundledFileRoundTripsThroughEncode() throws {
        let again = try WorkingDayCalendar.decode(json: WorkingDayCalendar.encode(calendar.schedules))
        #expect(again == calendar.schedules)
    }
}
