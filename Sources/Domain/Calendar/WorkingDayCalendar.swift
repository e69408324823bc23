import Foundation

/// Official working days: Monday to Friday, except the days off of the State Council's
/// holiday periods, plus the weekend days its notice declares working days (调休上班).
/// Publicity periods (公示, at least 5 working days) are counted on it.
///
/// The calendar answers only for calendar years whose schedule it holds, and throws
/// `CalendarError.missingYear` for any other: a year's holidays are known only once the
/// State Council publishes them, and a wrong guess would end a publicity early. A
/// schedule's dates in the previous December (2019's 元旦 began 2018-12-30) are applied
/// when that previous year is held too, but they do not make it held.
///
/// The official data (`Resources/calendars/official-holidays.json`, 2019–2026) comes from
/// the State Council General Office's notices 国办发明电; each schedule names its notice.
public struct WorkingDayCalendar: Sendable {
    /// One schedule per held year, in year order.
    public let schedules: [HolidaySchedule]
    private let table: DayTable

    /// A calendar of these schedules; for a year given twice the later one wins.
    public init(schedules: [HolidaySchedule]) {
        var byYear: [Int: HolidaySchedule] = [:]
        for s in schedules { byYear[s.year] = s }
        self.schedules = byYear.values.sorted { $0.year < $1.year }
        self.table = DayTable(self.schedules)
    }

    /// The calendar shipped with the system (`calendars/official-holidays.json`), read once.
    public static func official() throws -> WorkingDayCalendar { try bundled.get() }

    private static let bundled: Result<WorkingDayCalendar, CalendarDataError> = {
        let file = "official-holidays.json"
        guard let dir = Bundle.module.url(forResource: "calendars", withExtension: nil),
              let data = FileManager.default.contents(atPath: dir.appendingPathComponent(file).path) else {
            return .failure(CalendarDataError(file: file, problem: "the bundled file is missing"))
        }
        do {
            return .success(WorkingDayCalendar(schedules: try decode(json: [UInt8](data))))
        } catch {
            return .failure(CalendarDataError(file: file, problem: "\(error)"))
        }
    }()

    /// The same calendar with `schedule` added, replacing the schedule of its year if
    /// there was one (the office uploads next year's notice, or a corrected one).
    public func adding(_ schedule: HolidaySchedule) -> WorkingDayCalendar {
        WorkingDayCalendar(schedules: schedules.filter { $0.year != schedule.year } + [schedule])
    }

    /// The held years, ascending.
    public var years: [Int] { schedules.map(\.year) }

    public func holds(year: Int) -> Bool { schedules.contains { $0.year == year } }

    public func schedule(for year: Int) -> HolidaySchedule? { schedules.first { $0.year == year } }

    /// The holiday period `date` is a day off of, if any (for messages such as
    /// "2022年10月3日为国庆节假期").
    public func holiday(on date: LocalDate) -> HolidayPeriod? {
        for s in schedules where s.year == date.year || s.year == date.year + 1 {
            if let p = s.holidays.first(where: { $0.contains(date) }) { return p }
        }
        return nil
    }

    /// Whether `date` is an official working day.
    public func isWorkday(_ date: LocalDate) throws(CalendarError) -> Bool {
        switch table.state(date.dayNumber) {
        case DayTable.working: return true
        case DayTable.off: return false
        default: throw .missingYear(date.year)
        }
    }

    /// The first working day strictly after `date`.
    public func nextWorkday(after date: LocalDate) throws(CalendarError) -> LocalDate {
        var n = date.dayNumber + 1
        while true {
            switch table.state(n) {
            case DayTable.working: return LocalDate(dayNumber: n)
            case DayTable.off: n += 1
            default: throw .missingYear(LocalDate(dayNumber: n).year)
            }
        }
    }

    /// The last day of a period of `workingDays` working days that begins on `start`:
    /// `start` counts when it is a working day, otherwise counting begins at the next
    /// working day (cli.md, "Working-day calendar"). A publicity starting 2022-09-28 for
    /// 5 working days ends 2022-10-09: 9-28, 9-29, 9-30, then 国庆节 10-1..10-7, then the
    /// make-up days 10-8 (Sat) and 10-9 (Sun).
    public func publicityEnd(start: LocalDate, workingDays: Int) throws(CalendarError) -> LocalDate {
        guard workingDays > 0 else { throw .invalidCount(workingDays) }
        var n = start.dayNumber, remaining = workingDays
        while true {
            switch table.state(n) {
            case DayTable.working:
                remaining -= 1
                if remaining == 0 { return LocalDate(dayNumber: n) }
            case DayTable.off: break
            default: throw .missingYear(LocalDate(dayNumber: n).year)
            }
            n += 1
        }
    }

    /// The number of working days from `from` through `through`, both included (0 when
    /// `through` is before `from`). Used to check that a publicity lasted long enough.
    public func workdays(from: LocalDate, through: LocalDate) throws(CalendarError) -> Int {
        var count = 0
        let last = through.dayNumber
        var n = from.dayNumber
        while n <= last {
            switch table.state(n) {
            case DayTable.working: count += 1
            case DayTable.off: break
            default: throw .missingYear(LocalDate(dayNumber: n).year)
            }
            n += 1
        }
        return count
    }
}

/// The bundled calendar file could not be read: names the file and the place in it.
public struct CalendarDataError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let problem: String
    public var description: String { "\(file): \(problem)" }
}

/// Every day of the held years, precomputed: one byte per day indexed by day number, so
/// `isWorkday` is a subtraction and a load, and counting a publicity walks an array.
struct DayTable: Sendable {
    static let notHeld: UInt8 = 0, working: UInt8 = 1, off: UInt8 = 2

    /// Day number of 1 January of the first held year.
    let first: Int
    let states: [UInt8]

    init(_ schedules: [HolidaySchedule]) {
        guard let lo = schedules.first?.year, let hi = schedules.last?.year else {
            first = 0; states = []; return
        }
        let first = LocalDate(year: lo, month: 1, day: 1)!.dayNumber
        let end = LocalDate(year: hi, month: 12, day: 31)!.dayNumber
        var s = [UInt8](repeating: DayTable.notHeld, count: end - first + 1)
        for schedule in schedules {
            let y0 = LocalDate(year: schedule.year, month: 1, day: 1)!.dayNumber
            let y1 = LocalDate(year: schedule.year, month: 12, day: 31)!.dayNumber
            for n in y0...y1 {
                s[n - first] = LocalDate.isoWeekday(dayNumber: n) >= 6 ? DayTable.off : DayTable.working
            }
        }
        // Overrides touch only held years: 2019's 2018-12-29 stays "not held" without 2018.
        func set(_ n: Int, _ v: UInt8) {
            let i = n - first
            if i >= 0 && i < s.count && s[i] != DayTable.notHeld { s[i] = v }
        }
        for schedule in schedules {
            for p in schedule.holidays {
                for n in p.days.lowerBound.dayNumber...p.days.upperBound.dayNumber { set(n, DayTable.off) }
            }
        }
        for schedule in schedules {
            for d in schedule.makeUpWorkdays { set(d.dayNumber, DayTable.working) }
        }
        self.first = first
        self.states = s
    }

    @inline(__always)
    func state(_ dayNumber: Int) -> UInt8 {
        let i = dayNumber - first
        return i >= 0 && i < states.count ? states[i] : DayTable.notHeld
    }
}

extension LocalDate {
    /// 1 = Monday ... 7 = Sunday for a day number (days since 1970-01-01, a Thursday).
    @inline(__always)
    static func isoWeekday(dayNumber n: Int) -> Int { ((n % 7) + 7 + 3) % 7 + 1 }
}
