/// 收审 (十（三）): the office publishes appointment days inside the policy's window;
/// units and reporting bodies book a day for their batch by telephone appointment
/// — never an applicant (不受理个人报送事宜) — on a working day with capacity left.
public enum IntakeRules {
    public enum Refusal: Error, Equatable, Sendable {
        case outsideWindow(ClosedRange<LocalDate>)
        case notWorkday(LocalDate)
        case calendar(CalendarError)
        case inThePast(LocalDate)
        case full(LocalDate)
        case applicantsCannotBook
        case capacity
        case alreadyBooked(LocalDate)

        public var message: String {
            switch self {
            case .outsideWindow(let w): "收审日期须在\(w.lowerBound.chinese)至\(w.upperBound.chinese)之间（十（三））"
            case .notWorkday(let d): "\(d.chinese)不是工作日（按国务院节假日安排），不能安排收审"
            case .calendar(let e): e.message
            case .inThePast(let d): "\(d.chinese)已过，不能再预约或开放"
            case .full(let d): "\(d.chinese)的收审名额已满，请选择其他日期"
            case .applicantsCannotBook: "收审由单位或报送部门预约，统一报送，不受理个人报送（十（三））"
            case .capacity: "每日可预约批次须为1至50之间的整数"
            case .alreadyBooked(let d): "本机构已预约\(d.chinese)，如需更改请先取消原预约"
            }
        }
    }

    /// Whether the office may open `day` for intake.
    public static func checkOpening(_ day: LocalDate, capacity: Int, window: ClosedRange<LocalDate>, today: LocalDate,
                                    calendar: WorkingDayCalendar) throws(Refusal) {
        guard (1...50).contains(capacity) else { throw .capacity }
        guard window.contains(day) else { throw .outsideWindow(window) }
        guard day >= today else { throw .inThePast(day) }
        let workday: Bool
        do { workday = try calendar.isWorkday(day) } catch { throw .calendar(error) }
        guard workday else { throw .notWorkday(day) }
    }

    /// Whether a body may book an opened day that already holds `booked` batches.
    public static func checkBooking(role: Role, day: LocalDate, capacity: Int, booked: Int, alreadyBookedOn: LocalDate?,
                                    window: ClosedRange<LocalDate>, today: LocalDate) throws(Refusal) {
        guard role != .applicant else { throw .applicantsCannotBook }
        guard window.contains(day) else { throw .outsideWindow(window) }
        guard day >= today else { throw .inThePast(day) }
        if let existing = alreadyBookedOn { throw .alreadyBooked(existing) }
        guard booked < capacity else { throw .full(day) }
    }
}

/// 评审费 (八): the fee of an application by its level, from the policy.
public enum ReviewFee {
    /// Yuan per person: 中级 for engineers, 初级 for assistant engineers and technicians.
    public static func amount(for level: TargetLevel, policy: Policy) -> Int? {
        let id = level == .engineer ? "reviewFeeIntermediate" : "reviewFeeJunior"
        guard case .integer(let yuan)? = policy.parameter(id)?.value else { return nil }
        return yuan
    }

    /// 中级 / 初级, the notice's words for the two fee levels.
    public static func tier(for level: TargetLevel) -> String { level == .engineer ? "中级" : "初级" }
}
