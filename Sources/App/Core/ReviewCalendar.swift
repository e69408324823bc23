import Domain
import Foundation

/// The year's key dates for the pages. The intake window is the notice's
/// (十（三）: 7月25日至8月25日); the eligibility policy bundle carries the same
/// dates for the rules.
struct ReviewCalendar: Sendable {
    var year: Int
    var intakeStart: LocalDate
    var intakeEnd: LocalDate

    static let current = ReviewCalendar(
        year: 2022,
        intakeStart: LocalDate(year: 2022, month: 7, day: 25)!,
        intakeEnd: LocalDate(year: 2022, month: 8, day: 25)!
    )

    var intakeWindowText: String { "\(intakeStart.chinese)至\(intakeEnd.chinese)" }

    /// Dates are Beijing time (UTC+8): the window closes at the end of 8月25日 there.
    func isIntakeOpen(on date: Date) -> Bool {
        let today = LocalDate.beijing(date)
        return intakeStart <= today && today <= intakeEnd
    }

    var milestones: [(String, String)] {
        [
            ("申报前", "个人对照评审条件自测，单位公示评审条件和程序（不少于5个工作日）"),
            ("单位推荐", "网上申报、民主评议、个人材料公示、单位鉴定意见公示并推荐"),
            ("逐级审核", "主管部门或县（区）工信局审核，市人社局备案或审核"),
            ("\(intakeStart.month)月\(intakeStart.day)日—\(intakeEnd.month)月\(intakeEnd.day)日", "评委会办公室预约收审、完整性审查、论文查重、收费"),
            ("评审", "工程师答辩与量化赋分，评委会综合评议、表决"),
            ("结果", "评审结果公示、复查投诉、发放证书"),
        ]
    }
}

extension LocalDate {
    /// The calendar day in Beijing (UTC+8, no daylight saving) at an instant.
    static func beijing(_ date: Date) -> LocalDate {
        let days = Int((date.timeIntervalSince1970 + 8 * 3600) / 86400)
        return LocalDate(dayNumber: days)
    }
}
