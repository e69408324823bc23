import Domain
import Foundation
import Vapor

/// The one clock every date decision reads. Production uses the real time; the
/// demo runs the 2022 review with its clock inside that year's window (a banner
/// says so); tests set it per case.
struct AppClock: Sendable {
    /// The current instant.
    let now: @Sendable () -> Date
    /// Shown as a banner when the clock is not the real one.
    let banner: String?

    static let system = AppClock(now: { Date() }, banner: nil)

    /// A fixed instant (tests).
    static func fixed(_ instant: Date) -> AppClock { AppClock(now: { instant }, banner: nil) }

    /// A clock that starts at `day` 09:00 Beijing time when the process starts and
    /// then runs on, so the demo sits inside the review's window.
    static func demo(startingAt day: LocalDate) -> AppClock {
        let started = Date()
        let start = day.beijingMorning
        return AppClock(now: { start.addingTimeInterval(Date().timeIntervalSince(started)) },
                        banner: "演示模式：系统日期设为\(day.chinese)（\(day.year)年度评审期间），与真实日期无关")
    }

    /// The calendar day in Beijing now.
    var today: LocalDate { LocalDate.beijing(now()) }
}

extension LocalDate {
    /// 09:00 Beijing time on this day.
    var beijingMorning: Date {
        Date(timeIntervalSince1970: TimeInterval(dayNumber) * 86400 + 3600)
    }
}

extension Application {
    private struct ClockKey: StorageKey { typealias Value = AppClock }

    var clock: AppClock {
        get { storage[ClockKey.self] ?? .system }
        set { storage[ClockKey.self] = newValue }
    }
}

extension Request {
    var clock: AppClock { application.clock }
    /// Today in Beijing, by the application's clock.
    var today: LocalDate { application.clock.today }
}
