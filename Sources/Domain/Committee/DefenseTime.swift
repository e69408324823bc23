import Foundation

/// The time of a defense as the office types it when scheduling (安排答辩):
/// `YYYY-MM-DD HH:MM`, Beijing time, a day that exists, a time of day that exists
/// (no `25:99`), and a day within the review year the panel belongs to (a defense of
/// the 2022 review is held in 2022). Messages are Chinese and quote what was typed.
public enum DefenseTime {
    public struct Parsed: Sendable, Equatable {
        public let day: LocalDate
        public let hour: Int
        public let minute: Int
        /// The canonical text stored on the slot.
        public var text: String { day.iso + " " + (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)" }
    }

    public static func parse(_ raw: String, reviewYear: Int) -> Result<Parsed, DefenseTimeError> {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let shown = String(text.prefix(20))
        let u = Array(text.utf8)
        guard !u.isEmpty else { return .failure(DefenseTimeError(message: "请填写答辩时间（YYYY-MM-DD HH:MM）")) }
        func digits(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { let c = u[i]; guard c >= 48, c <= 57 else { return nil }; v = v * 10 + Int(c - 48) }
            return v
        }
        guard u.count == 16, u[10] == UInt8(ascii: " "), u[13] == UInt8(ascii: ":"),
              let hour = digits(11..<13), let minute = digits(14..<16) else {
            return .failure(DefenseTimeError(message: "答辩时间「\(shown)」格式应为 YYYY-MM-DD HH:MM（如 \(reviewYear)-09-10 14:00）"))
        }
        guard let day = LocalDate(iso: text.prefix(10)) else {
            return .failure(DefenseTimeError(message: "答辩时间「\(shown)」的日期不存在，请按 YYYY-MM-DD 填写"))
        }
        guard hour < 24, minute < 60 else {
            return .failure(DefenseTimeError(message: "答辩时间「\(shown)」的时刻不存在（时为00–23，分为00–59）"))
        }
        guard day.year == reviewYear else {
            return .failure(DefenseTimeError(message: "答辩时间「\(shown)」不在\(reviewYear)年度评审年内，答辩须在\(reviewYear)年内举行"))
        }
        return .success(Parsed(day: day, hour: hour, minute: minute))
    }
}

public struct DefenseTimeError: Error, Equatable, Sendable {
    public let message: String
}
