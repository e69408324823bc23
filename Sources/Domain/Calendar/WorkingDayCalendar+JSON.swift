import Foundation

/// The schedules' data format: the bundled `calendars/official-holidays.json`, and the file
/// the committee office uploads when the State Council publishes next year's notice (so a
/// new year needs no release). Every problem is reported with its place in the document
/// (`schedules[2].makeUpWorkdays[1]: 2021-02-08 is a Monday ...`) because a person typed it.
///
/// ```jsonc
/// { "schedules": [ {
///     "year": 2022,
///     "source": "国务院办公厅关于2022年部分节假日安排的通知（国办发明电〔2021〕11号）",
///     "holidays": [ { "name": "春节", "from": "2022-01-31", "through": "2022-02-06" } ],
///     "makeUpWorkdays": [ "2022-01-29", "2022-01-30" ] } ] }
/// ```
/// The root may also be a bare array of schedules or one schedule object. Other keys
/// (such as the bundled file's `about`) are ignored.
extension WorkingDayCalendar {
    /// Longest holiday period accepted; the longest so far was 10 days (春节 2020, extended).
    static let longestPeriod = 31

    public static func decode(json: [UInt8]) throws -> [HolidaySchedule] {
        let root = BundleNode(value: try JSONValue.parse(json), path: [])
        let items: [BundleNode]
        switch root.value {
        case .array: items = try root.elements()
        case .object:
            if let list = try root.optionalField("schedules") { items = try list.elements() } else { items = [root] }
        default: throw root.typeError("object or array")
        }
        var out: [HolidaySchedule] = []
        for item in items {
            let schedule = try decodeSchedule(item)
            if out.contains(where: { $0.year == schedule.year }) {
                throw JSONInputError(path: item.path + [.key("year")], problem: "year \(schedule.year) appears twice")
            }
            out.append(schedule)
        }
        return out.sorted { $0.year < $1.year }
    }

    static func decodeSchedule(_ node: BundleNode) throws(JSONInputError) -> HolidaySchedule {
        let yearNode = try node.field("year")
        let year = try yearNode.int()
        guard (1001...9999).contains(year) else { throw yearNode.error("year \(year) is out of range") }
        let source = try node.field("source").nonEmptyString()
        let allowedYears = (year - 1)...year

        func date(_ n: BundleNode) throws(JSONInputError) -> LocalDate {
            let d = try n.date()
            guard allowedYears.contains(d.year) else {
                throw n.error("\(d.iso) is outside the schedule for \(year) (dates must fall in \(year) or the end of \(year - 1))")
            }
            return d
        }

        var periods: [HolidayPeriod] = []
        let holidaysNode = try node.field("holidays")
        for h in try holidaysNode.elements() {
            let name = try h.field("name").nonEmptyString()
            let fromNode = try h.field("from"), throughNode = try h.field("through")
            let from = try date(fromNode), through = try date(throughNode)
            guard from <= through else { throw throughNode.error("\(through.iso) is before \"from\" \(from.iso)") }
            guard from.days(to: through) < longestPeriod else {
                throw throughNode.error("a holiday period of \(from.days(to: through) + 1) days is implausible (at most \(longestPeriod))")
            }
            if let other = periods.first(where: { $0.days.overlaps(from...through) }) {
                throw h.error("overlaps the period \(other.name) (\(other.days.lowerBound.iso)..\(other.days.upperBound.iso))")
            }
            periods.append(HolidayPeriod(name: name, days: from...through))
        }
        if periods.isEmpty { throw holidaysNode.error("must list at least one holiday period") }

        var makeUps: [LocalDate] = []
        if let list = try node.optionalField("makeUpWorkdays") {
            for m in try list.elements() {
                let d = try date(m)
                guard d.isoWeekday >= 6 else {
                    throw m.error("\(d.iso) is a \(weekdayName(d)): a make-up working day (调休上班) falls on a Saturday or Sunday")
                }
                if let p = periods.first(where: { $0.contains(d) }) {
                    throw m.error("\(d.iso) is a day off of \(p.name) in the same schedule")
                }
                if makeUps.contains(d) { throw m.error("\(d.iso) is listed twice") }
                makeUps.append(d)
            }
        }
        return HolidaySchedule(year: year, source: source, holidays: periods, makeUpWorkdays: makeUps)
    }

    static func weekdayName(_ d: LocalDate) -> String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][d.isoWeekday - 1]
    }

    /// The schedules in the same format, for storing an uploaded year; `decode` reads it back
    /// to equal schedules.
    public static func encode(_ schedules: [HolidaySchedule]) -> [UInt8] {
        let items: [JSONValue] = schedules.sorted { $0.year < $1.year }.map { s in
            .object([
                ("year", .number(Double(s.year))),
                ("source", .string(s.source)),
                ("holidays", .array(s.holidays.map { h in
                    .object([("name", .string(h.name)),
                             ("from", .string(h.days.lowerBound.iso)),
                             ("through", .string(h.days.upperBound.iso))])
                })),
                ("makeUpWorkdays", .array(s.makeUpWorkdays.map { .string($0.iso) })),
            ])
        }
        return JSONValue.object([("schedules", .array(items))]).serialized
    }
}
