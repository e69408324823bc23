import Domain
import Foundation

/// The year's key dates for the pages, all from the policy bundle: the intake
/// window (十（三）), the declaration period, the publicities' working days.
struct ReviewCalendar: Sendable {
    var year: ReviewYear

    init(_ year: ReviewYear) { self.year = year }

    var intakeStart: LocalDate { year.intake.lowerBound }
    var intakeEnd: LocalDate { year.intake.upperBound }

    var intakeWindowText: String { "\(intakeStart.chinese)至\(intakeEnd.chinese)" }

    /// On the one clock's day (Beijing time): the window closes at the end of its last day there.
    func isIntakeOpen(on today: LocalDate) -> Bool {
        year.intake.contains(today)
    }

    var milestones: [(String, String)] {
        [
            ("申报前", "个人对照评审条件自测，单位公示评审条件和程序（不少于\(year.publicityWorkingDays)个工作日）"),
            ("网上申报", "\(year.declarationText)：申报人网上填写申报信息、上传材料并提交单位"),
            ("单位推荐", "民主评议、个人材料公示、单位鉴定意见公示并推荐"),
            ("逐级审核", "主管部门或县（区）工信局审核，市人社局备案或审核"),
            (year.intakeText.replacingOccurrences(of: "至", with: "—"), "评委会办公室预约收审、完整性审查、论文查重、收费"),
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
