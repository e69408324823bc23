import Domain
import Fluent
import Vapor

/// The rules of the results stage that the pages, the exports and the seed share:
/// which day decided each passed applicant, which applicants have an open objection,
/// who has lost their result for false materials, and how a typed date or text is
/// checked (in the review year; no longer than its form allows).
enum ResultRules {
    // MARK: form limits (the forms' maxlength and the server's check read the same numbers)

    /// 异议、复查、投诉的内容.
    static let caseContentMax = 500
    /// 处理结果.
    static let resolutionMax = 500

    // MARK: typed input

    /// The review year's calendar days: every date typed on the results pages falls in it.
    static func reviewYear(_ year: Int) -> ClosedRange<LocalDate> {
        LocalDate(year: year, month: 1, day: 1)!...LocalDate(year: year, month: 12, day: 31)!
    }

    /// A `YYYY-MM-DD` date named `label`, in the review year `year` (the year of the
    /// records it is about, issue 19); else the refusal to show.
    static func date(_ typed: String, label: String, year inYear: Int, _ req: Request) -> Result<LocalDate, Refusal> {
        guard !typed.isEmpty else { return .failure(Refusal("请填写\(label)")) }
        guard let day = LocalDate(iso: typed) else {
            return .failure(Refusal("\(label)“\(String(typed.prefix(20)))”不是有效的日期，请按“年-月-日”填写，如\(req.today.iso)"))
        }
        let year = Self.reviewYear(inYear)
        guard year.contains(day) else {
            return .failure(Refusal("\(label)须在\(year.lowerBound.year)年度内（\(year.lowerBound.chinese)至\(year.upperBound.chinese)），填写的是\(day.chinese)"))
        }
        return .success(day)
    }

    /// A free-text field no longer than its form's `maxlength`, counted as the browser
    /// counts it (UTF-16 units; a line break is one, though the form sends CR LF).
    static func length(_ text: String, max: Int, label: String) -> Refusal? {
        let counted = text.replacingOccurrences(of: "\r\n", with: "\n").utf16.count
        return counted > max ? Refusal("\(label)不能超过\(max)字（现有\(counted)字），请删减后再提交") : nil
    }

    struct Refusal: Error, Sendable {
        let message: String
        init(_ message: String) { self.message = message }
    }

    // MARK: what decided each result

    /// The day the vote decided each of `ids`: the latest closed meeting with a tally for
    /// the application, or (for a result recorded without a tally) the day its vote was
    /// recorded. An application with neither is missing from the answer.
    static func decidedOn(_ ids: [UUID], on db: any Database) async throws -> [UUID: LocalDate] {
        guard !ids.isEmpty else { return [:] }
        var out: [UUID: LocalDate] = [:]
        let tallies = try await BallotTally.query(on: db).filter(\.$applicationID ~~ ids).all()
        let meetings = try await CommitteeMeeting.query(on: db).filter(\.$id ~~ Set(tallies.map(\.meetingID)).map { $0 })
            .filter(\.$state == "closed").all()
        let heldOn = Dictionary(meetings.compactMap { m in LocalDate(iso: m.heldOn).map { (m.id!, $0) } }, uniquingKeysWith: max)
        for t in tallies {
            guard let day = heldOn[t.meetingID] else { continue }
            out[t.applicationID] = max(out[t.applicationID] ?? day, day)
        }
        let events = try await WorkflowEvent.query(on: db).filter(\.$application.$id ~~ ids)
            .filter(\.$transition == ApplicationTransition.recordVote.rawValue).all()
        for e in events where out[e.$application.id] == nil {
            let day = LocalDate.beijing(e.occurredAt)
            out[e.$application.id] = max(out[e.$application.id] ?? day, day)
        }
        return out
    }

    /// The name of the committee whose closed meeting decided the application (the latest one
    /// with a tally for it), printed on its certificate; nil for a meeting recorded before
    /// committees were data.
    static func decidingCommittee(_ id: UUID, on db: any Database) async throws -> String? {
        let meetingIDs = try await BallotTally.query(on: db).filter(\.$applicationID == id).all().map(\.meetingID)
        guard !meetingIDs.isEmpty else { return nil }
        return try await CommitteeMeeting.query(on: db).filter(\.$id ~~ meetingIDs).filter(\.$state == "closed")
            .with(\.$committee).sort(\.$heldOn, .descending).first()?.committee?.name
    }

    /// Applications of `ids` with an objection to the publicity (公示异议) not yet resolved.
    static func openObjections(_ ids: [UUID], on db: any Database) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        return Set(try await ResultCase.query(on: db).filter(\.$application.$id ~~ ids).filter(\.$kind == "objection")
            .filter(\.$resolution == nil).all().map { $0.$application.id })
    }

    /// Applications whose review was cancelled for false materials (十（二））or whose
    /// certificate was revoked: never on a public list, in an export or on a certificate
    /// as valid.
    static func withdrawn(_ ids: [UUID], on db: any Database) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        let cancelled = try await ApplicationRecord.query(on: db).filter(\.$id ~~ ids)
            .filter(\.$state == ApplicationState.cancelled.rawValue).all().compactMap(\.id)
        let revoked = try await CertificateRecord.query(on: db).filter(\.$application.$id ~~ ids)
            .filter(\.$revokedOn != nil).all().map { $0.$application.id }
        return Set(cancelled).union(revoked)
    }

    /// A certificate stands only while it is not revoked and its application was not
    /// cancelled (a cancellation revokes it in the same transaction; this also covers a
    /// record written any other way).
    static func isRevoked(_ c: CertificateRecord, on db: any Database) async throws -> Bool {
        if c.revokedOn != nil { return true }
        return try await ApplicationRecord.find(c.$application.id, on: db)?.stateValue == .cancelled
    }
}
