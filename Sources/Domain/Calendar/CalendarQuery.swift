/// The `title-review calendar` questions on command-line text, kept here so they are
/// tested without a process; the App command only prints the answer or the error.
/// Each answer is computed whole before anything is printed, so a bad date anywhere in
/// the list leaves stdout empty (cli.md: nothing on stdout on failure).
public enum CalendarQuery {
    /// `is-workday DATE...`: one line per date, `YYYY-MM-DD true|false`, in the order given.
    public static func isWorkdayLines(_ texts: [String], calendar: WorkingDayCalendar) throws(CalendarInputError) -> String {
        guard !texts.isEmpty else { throw CalendarInputError(place: "DATE", problem: "at least one date is required") }
        var out = ""
        for text in texts {
            let date = try parseDate(text, place: "DATE")
            do {
                out += "\(date.iso) \(try calendar.isWorkday(date))\n"
            } catch {
                throw CalendarInputError(place: "DATE \(date.iso)", problem: error.description)
            }
        }
        return out
    }

    /// `publicity-end START N`: the last day of N working days beginning on START, one line.
    public static func publicityEndLine(start: String, count: String, calendar: WorkingDayCalendar) throws(CalendarInputError) -> String {
        let date = try parseDate(start, place: "START")
        guard let n = parseInt(count) else {
            throw CalendarInputError(place: "N \"\(count)\"", problem: "not a whole number")
        }
        do {
            return "\(try calendar.publicityEnd(start: date, workingDays: n).iso)\n"
        } catch {
            switch error {
            case .invalidCount: throw CalendarInputError(place: "N \(n)", problem: error.description)
            case .missingYear: throw CalendarInputError(place: "START \(date.iso), N \(n)", problem: error.description)
            }
        }
    }

    static func parseDate(_ text: String, place: String) throws(CalendarInputError) -> LocalDate {
        guard let d = LocalDate(iso: text) else {
            throw CalendarInputError(place: "\(place) \"\(text)\"", problem: "not a valid date (expected YYYY-MM-DD)")
        }
        return d
    }

    /// Decimal digits with an optional sign, at most 18 of them (no overflow).
    static func parseInt(_ text: String) -> Int? {
        var digits = Substring(text)
        var negative = false
        if let c = digits.first, c == "-" || c == "+" { negative = c == "-"; digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(digits) else { return nil }
        return negative ? -v : v
    }
}

/// Bad command-line input to the calendar: the place (`DATE "2022-02-30"`, `N 0`) and the
/// problem, printed as the one stderr line `place: problem`.
public struct CalendarInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public let place: String
    public let problem: String
    public init(place: String, problem: String) { self.place = place; self.problem = problem }
    /// The line, a quoted date cut to `ErrorLine.quoteLimit` characters (a pasted megabyte stays one short line).
    public var description: String { ErrorLine.bounded("\(place): \(problem)") }
}
