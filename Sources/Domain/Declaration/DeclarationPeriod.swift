/// When the year's declarations may be started and submitted (the bundle's
/// `declaration: {opens, closes, clause, note}`). The notice fixes only the
/// intake (十（三）) and the status date; the opening day is the product's
/// reading, written in `note` and shown beside the refusal.
///
/// Outside the period the committee office can reopen declarations for a named
/// unit, with a reason, until a day it chooses: a late correction or a unit that
/// missed the window, decided by a person and recorded, never by the machine's
/// date drifting.
public struct DeclarationPeriod: Sendable, Equatable {
    public let opens: LocalDate
    public let closes: LocalDate
    /// The clause the period rests on (10.3).
    public let clause: String
    /// Why these dates (an interpretation of the notice).
    public let note: String

    public init(opens: LocalDate, closes: LocalDate, clause: String, note: String) {
        self.opens = opens; self.closes = closes; self.clause = clause; self.note = note
    }

    public enum Act: Sendable {
        case start, submit

        var verb: String { self == .start ? "开始申报" : "提交申报" }
    }

    public func contains(_ day: LocalDate) -> Bool { opens <= day && day <= closes }

    /// Why `act` is refused on `today`, or nil when it may go ahead: inside the
    /// period, or inside a reopening for the applicant's unit (which ends on
    /// `reopenedUntil`, inclusive).
    public func refusal(_ act: Act, on today: LocalDate, reopenedUntil: LocalDate? = nil) -> String? {
        if contains(today) { return nil }
        if let until = reopenedUntil, today <= until { return nil }
        let window = "\(opens.chinese)至\(closes.chinese)"
        if today < opens {
            return "本年度申报将于\(opens.chinese)开始（申报期为\(window)），今天（\(today.chinese)）尚不能\(act.verb)。"
        }
        return "本年度申报期为\(window)，已于\(closes.chinese)截止，今天（\(today.chinese)）不能再\(act.verb)。"
            + "如确有特殊情况，请由单位联系评委会办公室为本单位重新开放申报。"
    }
}
