import Foundation

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
        case noApplications
        case countMismatch(typed: Int, selected: Int)
        case notDelivered
        case alreadyInBooking(String)
        case contact
        case notCheckedIn
        case notOnTheDay(LocalDate)
        case notInBooking
        case originalsNotChecked
        case copies(CopyKind, expected: Int, typed: String)
        case remarkTooLong(Int)
        case originalsNotReturnable
        case originalsAlreadyReturned
        case returnDate(LocalDate, LocalDate)

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
            case .noApplications: "请勾选本批报送的申报（至少1件）"
            case .countMismatch(let typed, let selected): "报送件数（\(typed)件）与勾选的申报（\(selected)件）不一致，请核对"
            case .notDelivered: "所选申报不是待收审的、由本机构报送的申报，请刷新页面后重新勾选"
            case .alreadyInBooking(let name): "\(name)的申报已在另一个未完成的收审预约中，不能重复预约"
            case .contact: "请填写送件专人姓名（不超过30字）和联系电话（7至20位数字或“-”）"
            case .notCheckedIn: "该批次尚未签到，签到后才能逐件受理"
            case .notOnTheDay(let d): "只能在预约当天（\(d.chinese)）收审该批次"
            case .notInBooking: "该申报不在本批次中，或已受理、已退回"
            case .originalsNotChecked: "请先核验原件并勾选“原件已核验”"
            case .copies(let kind, let expected, let typed):
                typed.isEmpty ? "请填写收到的\(kind.label)份数（应为\(expected)份）"
                    : "收到的\(kind.label)为\(typed)份，与规定的\(expected)份不符（五）"
            case .remarkTooLong(let limit): "收审备注不能超过\(limit)字"
            case .originalsNotReturnable: "评审结果记录后（或申报在收审时退回后）才能登记退回原件（十（三））"
            case .originalsAlreadyReturned: "该申报的原件已登记退回"
            case .returnDate(let from, let to): "退回日期须在\(from.chinese)至\(to.chinese)之间（不早于收审受理，不晚于今天）"
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

extension IntakeRules {
    /// The paper copies brought to intake (五.1–五.3).
    public enum CopyKind: String, CaseIterable, Sendable {
        case evaluationForm, reviewForm, submittedPaper

        public var label: String {
            switch self {
            case .evaluationForm: "《专业技术职务任职资格评审综合考评表》"
            case .reviewForm: "《山西省专业技术职务任职资格评审表》"
            case .submittedPaper: "送审论文"
            }
        }
    }

    /// The copies expected of an application of `level`, counts from the policy. 送审论文
    /// belong to the engineers' defense (七.1 sends them to the 中评委 mailbox for the
    /// duplication check before 答辩; 九): juniors are reviewed on materials and
    /// quantitative scores, and the declaration's checklist asks them for none, so
    /// none are expected at their intake either.
    public static func copiesExpected(level: TargetLevel, year: ReviewYear) -> [(CopyKind, Int)] {
        var out: [(CopyKind, Int)] = [(.evaluationForm, year.evaluationFormCopies), (.reviewForm, year.reviewFormCopies)]
        if level == .engineer { out.append((.submittedPaper, year.submittedPaperCopies)) }
        return out
    }

    /// What the office records for one application at the counter.
    public struct Receipt: Sendable, Equatable {
        public var originalsChecked: Bool
        /// The counts as typed (kept as text so a wrong entry is shown back as typed).
        public var copies: [CopyKind: String]
        public var remark: String

        public init(originalsChecked: Bool, copies: [CopyKind: String], remark: String) {
            self.originalsChecked = originalsChecked; self.copies = copies; self.remark = remark
        }
    }

    public static let remarkLimit = 200

    /// Whether the counter's record lets the office accept: originals checked and
    /// every copy count exactly the policy's (五). Returns the counts as numbers.
    public static func checkReceipt(_ receipt: Receipt, level: TargetLevel, year: ReviewYear) throws(Refusal) -> [CopyKind: Int] {
        guard receipt.originalsChecked else { throw .originalsNotChecked }
        var counts: [CopyKind: Int] = [:]
        for (kind, expected) in copiesExpected(level: level, year: year) {
            let typed = (receipt.copies[kind] ?? "").trimmingCharacters(in: .whitespaces)
            guard let n = Int(typed), n == expected else { throw .copies(kind, expected: expected, typed: typed) }
            counts[kind] = n
        }
        guard receipt.remark.count <= remarkLimit else { throw .remarkTooLong(remarkLimit) }
        return counts
    }

    /// Whether `actor` brings this application to intake: a clerk of its own unit, or
    /// the body of the route's last step before the office (六: the county bureau after
    /// the city's filing, the competent department, the city HR bureau …).
    public static func delivers(_ actor: AccessActor, _ app: ApplicationFacts) -> Bool {
        guard app.state == .intake else { return false }
        if actor.role == .unitClerk { return actor.organizationID == app.unitID }
        guard let office = app.route.firstIndex(of: .committeeOffice), office > 0 else { return false }
        return actor.role != .applicant && ReviewParty.acts(actor, at: app.route[office - 1], for: app)
    }

    /// A booking names its applications; the typed 件数 must be their number.
    public static func checkBatch(typed: Int?, selected: Int) throws(Refusal) {
        guard selected > 0 else { throw .noApplications }
        guard let typed, typed == selected else { throw .countMismatch(typed: typed ?? 0, selected: selected) }
    }

    /// The states after the review is recorded (十（三）: 评审通过后退回原件), and after a
    /// return at intake, when the originals go back with the application.
    public static func originalsReturnable(_ state: ApplicationState, returnedAtIntake: Bool) -> Bool {
        returnedAtIntake || [.passed, .failed, .certified, .eliminated, .cancelled].contains(state)
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

/// A fee payment as typed into the office's form (issue 17 item 5): checked here,
/// so every refusal is a Chinese message tied to its field and the page can keep
/// what was typed. Recording and correcting share the checks; a correction also
/// needs its reason and must change something.
public struct FeePaymentInput: Sendable, Equatable {
    public var receipt: String
    public var paidOn: String
    /// Whole yuan as typed.
    public var amount: String
    /// Why a recorded payment is corrected (nil when recording).
    public var reason: String?

    public init(receipt: String, paidOn: String, amount: String, reason: String? = nil) {
        self.receipt = receipt.trimmingCharacters(in: .whitespaces)
        self.paidOn = paidOn.trimmingCharacters(in: .whitespaces)
        self.amount = amount.trimmingCharacters(in: .whitespaces)
        self.reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The form's fields by name, as typed (trimmed), to be shown again after a refusal.
    public var values: [String: String] {
        var v = ["receipt": receipt, "paidOn": paidOn, "amount": amount]
        if let reason { v["reason"] = reason }
        return v
    }
}

/// A checked payment.
public struct FeePaymentValue: Sendable, Equatable {
    public var receipt: String
    public var paidOn: LocalDate
    public var amount: Int

    public init(receipt: String, paidOn: LocalDate, amount: Int) {
        self.receipt = receipt; self.paidOn = paidOn; self.amount = amount
    }
}

extension ReviewFee {
    public static let receiptMaxLength = 40
    public static let reasonMaxLength = 200

    /// The days a payment may be dated: inside the review year (the policy's status
    /// date's year, `ReviewYear.year`: 1 January to 31 December) and not after today
    /// on the review's clock. Nil when today is before the review year begins.
    public static func paymentWindow(reviewYear: Int, today: LocalDate) -> ClosedRange<LocalDate>? {
        guard let first = LocalDate(year: reviewYear, month: 1, day: 1),
              let last = LocalDate(year: reviewYear, month: 12, day: 31) else { return nil }
        let end = min(last, today)
        return first <= end ? first...end : nil
    }

    /// Checks a payment against the fee due for the application's level (from the
    /// policy), the review year and today. `recorded` is the payment being corrected.
    /// Returns the value, or messages by field name.
    public static func check(_ input: FeePaymentInput, due: Int, reviewYear: Int, today: LocalDate,
                             recorded: FeePaymentValue? = nil) -> Result<FeePaymentValue, FeePaymentErrors> {
        var errors: [String: String] = [:]
        if input.receipt.isEmpty || input.receipt.count > receiptMaxLength {
            errors["receipt"] = "请填写收据号（不超过\(receiptMaxLength)字）"
        }
        let date = LocalDate(iso: input.paidOn)
        let window = paymentWindow(reviewYear: reviewYear, today: today)
        if date == nil {
            errors["paidOn"] = "请按“年-月-日”填写有效的缴费日期"
        } else if let date, window.map({ !$0.contains(date) }) ?? true {
            errors["paidOn"] = window.map { "缴费日期须在\($0.lowerBound.chinese)至\($0.upperBound.chinese)之间（\(reviewYear)年度评审，且不晚于今天）" }
                ?? "\(reviewYear)年度尚未开始，不能登记缴费"
        }
        let amount = Int(input.amount)
        if amount == nil || input.amount.contains(where: { !$0.isASCII || !$0.isNumber }) {
            errors["amount"] = "实收金额须为整数（元），如：\(due)"
        } else if let amount, !(1...due).contains(amount) {
            errors["amount"] = "实收金额须在1至\(due)元之间（该级别评审费每人\(due)元）"
        }
        if let reason = input.reason {
            if reason.isEmpty { errors["reason"] = "请填写更正原因" }
            else if reason.count > reasonMaxLength { errors["reason"] = "更正原因不超过\(reasonMaxLength)字" }
        }
        guard errors.isEmpty, let date, let amount else { return .failure(FeePaymentErrors(messages: errors)) }
        let value = FeePaymentValue(receipt: input.receipt, paidOn: date, amount: amount)
        if let recorded, recorded == value {
            return .failure(FeePaymentErrors(messages: ["receipt": "更正后的收据号、缴费日期和实收金额与原记录相同，无需更正"]))
        }
        return .success(value)
    }
}

/// Messages by field name (receipt, paidOn, amount, reason).
public struct FeePaymentErrors: Error, Sendable, Equatable {
    public var messages: [String: String]
    public init(messages: [String: String]) { self.messages = messages }
}
