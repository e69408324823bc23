import ArgumentParser
import Domain
import Foundation

/// `title-review calendar is-workday DATE...` and `title-review calendar publicity-end START N`
/// (shared/contracts/cli.md, "Working-day calendar"): official working days from the State
/// Council's holiday schedules (国办发明电), make-up days included. A date in a year the
/// calendar holds no schedule for exits 2 naming the year; it never guesses.
public struct CalendarCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Official working days (State Council holiday schedules with make-up days).",
        discussion: """
            A working day is Monday to Friday unless the State Council's schedule of that year \
            makes it a holiday, or a Saturday or Sunday the schedule makes a make-up working day \
            (调休上班). Years without a schedule are refused.
            """,
        subcommands: [IsWorkday.self, PublicityEnd.self])

    public init() {}

    public struct IsWorkday: ParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "is-workday",
            abstract: "Print \"YYYY-MM-DD true|false\" for each date: whether it is an official working day.")

        @Argument(help: ArgumentHelp("Dates as YYYY-MM-DD.", valueName: "DATE"))
        public var dates: [String] = []

        public init() {}

        public func run() throws {
            let calendar = try CalendarCommand.loadCalendar()
            do {
                CalendarCommand.write(try CalendarQuery.isWorkdayLines(dates, calendar: calendar))
            } catch {
                try CommandIO.fail(error.description)
            }
        }
    }

    public struct PublicityEnd: ParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "publicity-end",
            abstract: "Print the last day (YYYY-MM-DD) of N working days beginning on START.",
            usage: "title-review calendar publicity-end <START> <N>",
            discussion: """
                START counts when it is a working day; otherwise counting starts at the next \
                working day. A publicity starting on D lasts through `publicity-end D 5`.
                """)

        @Argument(help: ArgumentHelp("The first day, YYYY-MM-DD.", valueName: "START"))
        public var start: String

        /// Collected raw so that `-1` reaches the contract's check (exit 2, "N -1: ...")
        /// instead of being taken for an option.
        @Argument(parsing: .allUnrecognized,
                  help: ArgumentHelp("The number of working days (a positive whole number).", valueName: "N"))
        public var count: [String] = []

        public init() {}

        public func run() throws {
            guard count.count == 1 else {
                try CommandIO.fail(count.isEmpty ? "N: missing the number of working days"
                                                       : "N: expected one number, got \(count.count) arguments")
            }
            let calendar = try CalendarCommand.loadCalendar()
            do {
                CalendarCommand.write(try CalendarQuery.publicityEndLine(start: start, count: count[0], calendar: calendar))
            } catch {
                try CommandIO.fail(error.description)
            }
        }
    }

    /// `calendar is-workday DATE...` without ArgumentParser when every DATE is a plain value
    /// (nothing starting with "-"): ArgumentParser stores each element of a repeated
    /// argument by copying the array and the set of input positions gathered so far, which
    /// is quadratic -- 16,000 dates took 8.9 s in parsing alone (issue 18). Anything else
    /// (no dates, `--help`, an option) returns nil and goes through ArgumentParser as before,
    /// so the messages and exit codes stay the contract's.
    public static func parseDirectly(_ arguments: [String]?) -> (any ParsableCommand)? {
        let arguments = arguments ?? Array(CommandLine.arguments.dropFirst())
        guard arguments.count > 2, arguments[0] == "calendar", arguments[1] == "is-workday" else { return nil }
        let dates = arguments[2...]
        guard !dates.contains(where: { $0.hasPrefix("-") }) else { return nil }
        var command = IsWorkday()
        command.dates = Array(dates)
        return command
    }

    static func loadCalendar() throws -> WorkingDayCalendar {
        do { return try WorkingDayCalendar.official() } catch { try CommandIO.fail("calendar data: \(error)") }
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

}
