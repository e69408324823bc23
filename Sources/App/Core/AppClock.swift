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
    /// The demo's clock can be moved forward by the office to walk the year's later steps
    /// (the defense, the vote, the publicity, the certificates); nil for every other clock.
    let demoShift: DemoShift?

    init(now: @escaping @Sendable () -> Date, banner: String?, demoShift: DemoShift? = nil) {
        self.now = now; self.banner = banner; self.demoShift = demoShift
    }

    static let system = AppClock(now: { Date() }, banner: nil)

    /// A fixed instant (tests).
    static func fixed(_ instant: Date) -> AppClock { AppClock(now: { instant }, banner: nil) }

    /// A clock that starts at `day` 09:00 Beijing time when the process starts and
    /// then runs on, so the demo sits inside the review's window.
    static func demo(startingAt day: LocalDate) -> AppClock {
        let started = Date()
        let start = day.beijingMorning
        let shift = DemoShift()
        return AppClock(now: { start.addingTimeInterval(Date().timeIntervalSince(started) + shift.seconds) },
                        banner: "演示模式：系统日期设为\(day.chinese)（\(day.year)年度评审期间），与真实日期无关", demoShift: shift)
    }

    /// The banner with the demo's current date.
    var currentBanner: String? {
        guard let banner else { return nil }
        guard let shift = demoShift, shift.seconds > 0 else { return banner }
        return banner + "；评委会办公室已将演示日期调整为\(today.chinese)"
    }

    /// The calendar day in Beijing now.
    var today: LocalDate { LocalDate.beijing(now()) }
}

/// How far the office has moved the demo's clock forward. Only forward: a demo walks the
/// year in order, as a real one does, and nothing recorded is ever dated before it was made.
final class DemoShift: @unchecked Sendable {
    private let lock = NSLock()
    private var shifted: TimeInterval = 0

    var seconds: TimeInterval { lock.withLock { shifted } }

    /// Moves the clock on by whole days; refuses to move it back.
    func advance(days: Int) -> Bool {
        guard days > 0 else { return false }
        lock.withLock { shifted += TimeInterval(days) * 86400 }
        return true
    }
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
