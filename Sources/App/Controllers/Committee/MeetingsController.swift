import Domain
import Fluent
import SQLKit
import Vapor

/// 评委会会议: a meeting of one committee (its members, with their offices), attendance
/// and the deliberation notes, the start of voting (quorum, the chair or a vice-chair
/// present; attendance fixed from then on), the secret ballot per applicant entered by each
/// member or by the office from paper ballots, the decision by `CommitteeVote` with
/// recusal, and printable minutes. Pages: `MeetingListPage`, `MeetingPage`, `MeetingMinutesPage`.
struct MeetingsController: RouteCollection {
    /// The deliberation notes' limit, the same in the form and here.
    static let notesLimit = 4000

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.committee(.meetings), use: list).requires(.manageCommittee).cachesPage()
        routes.post(.committee(.meetings), use: create).requires(.manageCommittee)
        routes.get(.committee(.meeting(.pattern, nil)), use: show).requires(.manageCommittee).cachesPage()
        routes.post(.committee(.meeting(.pattern, .attendance)), use: attendance).requires(.manageCommittee)
        routes.post(.committee(.meeting(.pattern, .start)), use: start).requires(.manageCommittee)
        routes.post(.committee(.meeting(.pattern, .ballots)), use: paperBallot).requires(.manageCommittee)
        routes.post(.committee(.meeting(.pattern, .close)), use: close).requires(.manageCommittee)
        routes.get(.committee(.meeting(.pattern, .minutes)), use: minutes).requires(.manageCommittee)
    }

    @Sendable func list(req: Request) async throws -> Response { try await MeetingListPage.load(req).render().response() }

    private func refuse(_ req: Request, _ problems: [String], typed: [String: String] = [:], meeting: CommitteeMeeting? = nil) async throws -> Response {
        try await req.audit(req.auditEntry(meeting == nil ? "meeting.create" : "meeting.update", objectType: "meeting",
                                           objectID: meeting?.id?.uuidString, outcome: .denied,
                                           detail: problems.joined(separator: "；").prefix(200).description))
        if let meeting { return try await MeetingPage.load(req, meeting, errors: problems).render().response(status: .unprocessableEntity) }
        return try await MeetingListPage.load(req, errors: problems, typed: typed).render().response(status: .unprocessableEntity)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let typed = ["committeeID": CommitteeData.field(req, "committeeID"), "heldOn": CommitteeData.field(req, "heldOn")]
        // The year shown on the list the form was sent from; a year not under review yet is refused.
        let year = YearPicker.make(req, url: .committee(.meetings)).selected
        if let refusal = try CommitteeYear.creationRefusal(req, year: year, what: "召开评委会会议") {
            return try await refuse(req, [refusal], typed: typed)
        }
        guard let committeeID = UUID(uuidString: typed["committeeID"]!),
              let committee = try await ReviewCommitteeRecord.find(committeeID, on: req.db), committee.year == year else {
            return try await refuse(req, ["请选择本年度已组建的评委会"], typed: typed)
        }
        guard let day = LocalDate(iso: typed["heldOn"]!) else {
            return try await refuse(req, ["会议日期格式应为 YYYY-MM-DD"], typed: typed)
        }
        var problems: [String] = []
        // A meeting of this review year, within the committee's term (no backdated or far-off meetings).
        if day.year != year { problems.append("会议日期须在\(year)年度内") }
        if let s = LocalDate(iso: committee.termStart), let e = LocalDate(iso: committee.termEnd), !(s...e).contains(day) {
            problems.append("会议日期须在评委会任期（\(committee.termStart) 至 \(committee.termEnd)）内")
        }
        let rules = try CommitteeRules(policy: req.policies(year: year).current)
        let roles = try await ReviewCommitteeMember.query(on: req.db).filter(\.$committee.$id == committeeID).all().map(\.roleValue)
        problems += rules.problems(roles: roles).map { "\(committee.tierValue.label)：\($0)" }
        guard problems.isEmpty else { return try await refuse(req, problems, typed: typed) }
        let audit = req.auditEntry("meeting.create", objectType: "committee", objectID: committeeID.uuidString, detail: day.iso)
        // In a gated write transaction (its inner transaction joins it): on SQLite writes queue.
        let meeting = try await req.transaction { db in
            try await MeetingBallots.create(db, committee: committee, heldOn: day, audit: audit)
        }
        return req.redirect(to: SiteURL.committee(.meeting(.value(meeting.id!), nil)).path(query: ["notice": "created"]))
    }

    private func meeting(_ req: Request) async throws -> CommitteeMeeting {
        guard let id = req.parameters.get("meetingID", as: UUID.self), let m = try await CommitteeMeeting.find(id, on: req.db) else {
            throw PageError.notFound
        }
        return m
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await MeetingPage.load(req, try await meeting(req)).render().response()
    }

    @Sendable func attendance(req: Request) async throws -> Response {
        let meeting = try await meeting(req)
        guard !meeting.isClosed else { return try await refuse(req, ["会议已结束表决"], meeting: meeting) }
        let notes = CommitteeData.field(req, "notes")
        guard notes.count <= Self.notesLimit else {
            return try await refuse(req, ["综合评议记录不超过\(Self.notesLimit)字（当前\(notes.count)字）"], meeting: meeting)
        }
        let members = try await MeetingMember.query(on: req.db).filter(\.$meeting.$id == meeting.id!).all()
        let meetingID = meeting.id!
        try await req.transaction { db in
            // Attendance is fixed once voting has started (checked again inside the transaction).
            let started = try await CommitteeMeeting.find(meetingID, on: db)?.votingStarted ?? true
            if !started {
                for m in members {
                    m.present = CommitteeData.field(req, "present_\(m.id!.uuidString)") == "1"
                    try await m.update(on: db)
                }
            }
            meeting.notes = notes
            try await meeting.update(on: db)
            try await AuditLog.append(req.auditEntry("meeting.attendance", objectType: "meeting", objectID: meetingID.uuidString,
                                                     detail: started ? "notes only (voting started)" : "present \(members.filter { CommitteeData.field(req, "present_\($0.id!.uuidString)") == "1" }.count)"),
                                      on: db)
        }
        return req.redirect(to: SiteURL.committee(.meeting(.value(meetingID), nil)).path(query: ["notice": "saved"]))
    }

    /// 开始表决: quorum and a presiding member present; attendance is fixed from now on.
    @Sendable func start(req: Request) async throws -> Response {
        let meeting = try await meeting(req)
        guard !meeting.isClosed, !meeting.votingStarted else { return try await refuse(req, ["表决已开始或已结束"], meeting: meeting) }
        guard CommitteeData.field(req, "confirm") == "1" else { return try await refuse(req, ["请勾选确认出席已登记完毕"], meeting: meeting) }
        let snap = try await MeetingSnapshot.load(meeting, on: req.db, rules: try CommitteeRules(policy: req.policies(year: meeting.year).current))
        guard snap.startProblems.isEmpty else { return try await refuse(req, snap.startProblems, meeting: meeting) }
        let meetingID = meeting.id!, now = req.clock.now()
        let entry = req.auditEntry("meeting.start_voting", objectType: "meeting", objectID: meetingID.uuidString,
                                   detail: "members \(snap.members.count) present \(snap.present.count)")
        try await req.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "needs SQL") }
            let started = try await sql.update(CommitteeMeeting.schema).set("voting_started_at", to: now)
                .where("id", .equal, meetingID).where("voting_started_at", .is, SQLLiteral.null).returning("id").all()
            guard !started.isEmpty else { return }
            try await AuditLog.append(entry, on: db)
        }
        return req.redirect(to: SiteURL.committee(.meeting(.value(meetingID), nil)).path(query: ["notice": "saved"], fragment: "ballots"))
    }

    @Sendable func paperBallot(req: Request) async throws -> Response {
        let meeting = try await meeting(req)
        guard let expertID = UUID(uuidString: CommitteeData.field(req, "expertID")), let expert = try await Expert.find(expertID, on: req.db),
              let appID = UUID(uuidString: CommitteeData.field(req, "applicationID")) else {
            return try await refuse(req, ["请选择投票成员和申报人"], meeting: meeting)
        }
        if let problem = try await MeetingBallots.cast(req, meetingID: meeting.id!, applicationID: appID, expert: expert,
                                                       choice: CommitteeData.field(req, "choice"), checkAccess: false) {
            return try await refuse(req, [problem], meeting: meeting)
        }
        return req.redirect(to: SiteURL.committee(.meeting(.value(meeting.id!), nil)).path(query: ["notice": "saved"], fragment: "ballots"))
    }

    @Sendable func close(req: Request) async throws -> Response {
        let meeting = try await meeting(req)
        guard !meeting.isClosed else { return req.redirect(to: SiteURL.committee(.meeting(.value(meeting.id!), nil)).path) }
        guard CommitteeData.field(req, "confirm") == "1" else { return try await refuse(req, ["请勾选确认表决已结束"], meeting: meeting) }
        guard meeting.votingStarted else { return try await refuse(req, ["尚未开始表决"], meeting: meeting) }
        // The meeting's own year's bundle (issue 19): quorum and pass share never move with the year in use.
        let rules = try CommitteeRules(policy: req.policies(year: meeting.year).current)
        let snap = try await MeetingSnapshot.load(meeting, on: req.db, rules: rules)
        guard snap.hasQuorum else { return try await refuse(req, snap.startProblems, meeting: meeting) }
        // Each applicant's decision from the ballots, with the recusals at this moment, worked
        // out before anything is written; the numbers that decided it are kept in the tally.
        let decisions: [(ApplicationRecord, BallotCount, WorkflowRunner.Extra)] = snap.applicants.map { a in
            let count = snap.count(a.id!)
            let d = CommitteeVote.decide(count, rules: rules)
            var extra = WorkflowRunner.Extra()
            extra.committeeActor = true
            extra.votePassed = d.outcome == .passed
            extra.reason = d.explanation
            return (a, count, extra)
        }
        // One transaction, as the panel lead's close: the meeting closed by a conditional
        // update (a second click finds it closed), every applicant's vote recorded, the
        // audit record; if any applicant cannot move, nothing is written and the meeting
        // stays open with the reasons shown.
        struct CloseRefused: Error { let problems: [String] }
        let meetingID = meeting.id!
        let entry = req.auditEntry("meeting.close", objectType: "meeting", objectID: meetingID.uuidString,
                                   detail: "decided \(decisions.count)")
        do {
            try await req.transaction { db in
                guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "needs SQL") }
                let closed = try await sql.update(CommitteeMeeting.schema).set("state", to: "closed")
                    .where("id", .equal, meetingID).where("state", .notEqual, "closed").returning("id").all()
                guard !closed.isEmpty else { return }
                var problems: [String] = []
                for (a, count, extra) in decisions {
                    try await MeetingBallots.ensureTally(db, meetingID: meetingID, applicationID: a.id!)
                    try await sql.update(BallotTally.schema).set("present", to: count.present).set("recused", to: count.recused)
                        .where("meeting_id", .equal, meetingID).where("application_id", .equal, a.id!).run()
                    if case .failure(let r) = try await req.workflow.fire(.recordVote, on: a, extra: extra, in: db) {
                        problems.append("\(a.applicant.realName)：\(r.message)")
                    }
                }
                guard problems.isEmpty else { throw CloseRefused(problems: problems) }
                try await AuditLog.append(entry, on: db)
            }
        } catch let refused as CloseRefused {
            return try await refuse(req, refused.problems, meeting: meeting)
        }
        return req.redirect(to: SiteURL.committee(.meeting(.value(meeting.id!), .minutes)).path)
    }

    @Sendable func minutes(req: Request) async throws -> Response {
        try await MeetingMinutesPage.load(req, try await meeting(req)).render().response()
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
