/// Why the working-day calendar cannot answer. It never guesses: a year without the
/// State Council's notice has no answer, because a weekday there may well be a holiday
/// (the notice for a year appears only in the autumn before it).
public enum CalendarError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The calendar holds no official schedule for this calendar year.
    case missingYear(Int)
    /// A count of working days that is not a positive whole number.
    case invalidCount(Int)

    /// For pages (Simplified Chinese).
    public var message: String {
        switch self {
        case .missingYear(let year): return "尚无\(year)年的国务院节假日安排，无法计算工作日"
        case .invalidCount(let n): return "工作日天数必须是正整数（收到\(n)）"
        }
    }

    /// For the command line and logs (English, one line).
    public var description: String {
        switch self {
        case .missingYear(let year):
            return "no official holiday schedule for \(year): the State Council's notice for \(year) is not loaded, working days cannot be computed"
        case .invalidCount(let n):
            return "the number of working days must be a positive whole number, got \(n)"
        }
    }

    /// The year that is missing, if that is the problem.
    public var missingYear: Int? {
        if case .missingYear(let y) = self { return y }
        return nil
    }
}
