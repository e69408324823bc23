/// One year's official holiday arrangement as the State Council General Office
/// publishes it each autumn for the next year (国务院办公厅关于某年部分节假日安排的通知,
/// document numbers 国办发明电〔…〕…号). Publicities last "working days" (公示期不少于5个
/// 工作日), and which days those are is decided by this notice, not by the weekday alone:
/// a weekday inside a holiday period is a day off, a weekend make-up day (调休上班) is a
/// working day.
///
/// The schedule belongs to its `year`, but some of its dates may lie in December of the
/// year before (2019's 元旦 began on 2018-12-30, with 2018-12-29 worked).
public struct HolidaySchedule: Sendable, Equatable {
    /// The year the notice is for.
    public let year: Int
    /// The notice (title and 国办发明电 number), and any later notice that changed it.
    public let source: String
    /// The holiday periods in date order, each with every day off it covers.
    public let holidays: [HolidayPeriod]
    /// Weekend days declared working days (调休上班), in date order.
    public let makeUpWorkdays: [LocalDate]

    public init(year: Int, source: String, holidays: [HolidayPeriod], makeUpWorkdays: [LocalDate]) {
        self.year = year
        self.source = source
        self.holidays = holidays.sorted { $0.days.lowerBound < $1.days.lowerBound }
        self.makeUpWorkdays = makeUpWorkdays.sorted()
    }
}

/// One holiday period of a schedule: `春节`, 2022-01-31 through 2022-02-06. The days
/// include the weekend days inside the period, exactly as the notice lists them.
public struct HolidayPeriod: Sendable, Equatable {
    /// The holiday's name as the notice writes it: 元旦, 春节, 清明节, 劳动节, 端午节,
    /// 中秋节, 国庆节, or a joint period such as `国庆节、中秋节`.
    public let name: String
    /// The days off, both ends included.
    public let days: ClosedRange<LocalDate>

    public init(name: String, days: ClosedRange<LocalDate>) {
        self.name = name
        self.days = days
    }

    /// Number of days off in the period.
    public var length: Int { days.lowerBound.days(to: days.upperBound) + 1 }

    /// Whether `date` is one of the period's days off.
    public func contains(_ date: LocalDate) -> Bool { days.contains(date) }
}
