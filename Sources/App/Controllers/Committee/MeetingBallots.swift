import Domain
import Fluent
import Plot
import SQLKit
import Vapor

/// The secret ballot: one per member and applicant (a unique marker), the choice only
/// added to a counter, so nobody — the office included — can see who voted what.
enum MeetingBallots {
    static let choices = [Choice(value: "agree", label: "同意"), Choice(value: "disagree", label: "反对"),
                          Choice(value: "abstain", label: "弃权")]

    static func create(_ db: any Database, year: Int, heldOn: LocalDate, members: [UUID], chair: UUID,
                       audit: AuditEntry) async throws -> CommitteeMeeting {
        let meeting = CommitteeMeeting(year: year, heldOn: heldOn.iso, notes: "")
        try await db.transaction { db in
            try await meeting.create(on: db)
            for id in members { try await MeetingMember(meetingID: meeting.id!, expertID: id, isChair: id == chair).create(on: db) }
            try await AuditLog.append(audit, on: db)
        }
        return meeting
    }

    static func ensureTally(_ db: any Database, meetingID: UUID, applicationID: UUID) async throws {
        if try await BallotTally.query(on: db).filter(\.$meetingID == meetingID).filter(\.$applicationID == applicationID).first() == nil {
            try await BallotTally(meetingID: meetingID, applicationID: applicationID).create(on: db)
        }
    }

    /// Casts one ballot; returns a Chinese reason when refused. `checkAccess` asks
    /// `AccessPolicy` for the signed-in member (own device); a paper ballot entered by
    /// the office is checked with the same facts for the member it belongs to.
    static func cast(_ req: Request, meetingID: UUID, applicationID: UUID, expert: Expert, choice: String,
                     checkAccess: Bool) async throws -> String? {
        guard let meeting = try await CommitteeMeeting.find(meetingID, on: req.db) else { throw PageError.notFound }
        guard !meeting.isClosed else { return "表决已结束，不能再投票" }
        guard ["agree", "disagree", "abstain"].contains(choice) else { return "请选择同意、反对或弃权" }
        let members = try await MeetingMember.query(on: req.db).filter(\.$meeting.$id == meetingID).all()
        guard let member = members.first(where: { $0.$expert.id == expert.id! }) else { return "\(expert.name)不是本次会议的成员" }
        let present = members.filter(\.present).count
        guard CommitteeVote.hasQuorum(present: present, members: members.count) else {
            return CommitteeVote.decide(members: members.count, present: present, agree: 0, disagree: 0, abstain: 0).explanation
        }
        guard member.present else { return "\(expert.name)未登记出席，不能投票" }
        guard let application = try await ApplicationRecord.query(on: req.db).filter(\.$id == applicationID).with(\.$unit).first(),
              application.stateValue == .defended, application.year == meeting.year else { return "该申报人不在本次表决范围内" }
        let facts = try await CommitteeData.meetingSeat(application: application, meetingID: meetingID, on: req.db)
        let seat = CommitteeData.isConflicted(expert, application, declared: try await CommitteeData.declared(for: [applicationID], on: req.db))
        if seat { return "\(expert.name)与该申报人存在应回避的关系，不能投票" }
        if checkAccess, case .deny(let reason) = AccessPolicy.decide(req.actor, .castBallot, .committeeSeat(facts)) {
            throw PageError.forbidden(reason)
        }
        let column = choice
        do {
            try await req.transaction { db in
                // The marker first: the unique index refuses a second ballot before anything is counted.
                try await BallotMarker(meetingID: meetingID, applicationID: applicationID, expertID: expert.id!).create(on: db)
                try await ensureTally(db, meetingID: meetingID, applicationID: applicationID)
                guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
                try await sql.update(BallotTally.schema)
                    .set(SQLIdentifier(column), to: SQLBinaryExpression(SQLIdentifier(column), .add, SQLLiteral.numeric("1")))
                    .where("meeting_id", .equal, meetingID).where("application_id", .equal, applicationID).run()
                // The audit says that a ballot was cast, never which.
                try await AuditLog.append(req.auditEntry("ballot.cast", objectType: "meeting", objectID: meetingID.uuidString,
                                                         detail: checkAccess ? "own device" : "paper ballot by the office"), on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return "\(expert.name)已对该申报人投过票，每人每位申报人只能投一票"
        }
        return nil
    }

    static func expertPage(_ req: Request, expert: Expert, errors: [String], status: HTTPResponseStatus) async throws -> Response {
        guard let id = req.parameters.get("meetingID", as: UUID.self), let meeting = try await CommitteeMeeting.find(id, on: req.db) else {
            throw PageError.notFound
        }
        let snap = try await MeetingSnapshot.load(meeting, on: req.db)
        guard let me = snap.members.first(where: { $0.$expert.id == expert.id! }) else { throw PageError.forbidden("您不是本次会议的成员") }
        let csrf = try await req.csrfToken()
        var rows: [[CommitteeUI.Body]] = []
        for a in snap.applicants {
            let facts = try await CommitteeData.meetingSeat(application: a, meetingID: id, on: req.db)
            // Recusal: a conflicted member does not see the applicant at all.
            guard AccessPolicy.decide(req.actor, .castBallot, .committeeSeat(facts)).isAllowed else { continue }
            let done = snap.markers.contains { $0.applicationID == a.id! && $0.expertID == expert.id! }
            rows.append([.text(a.applicant.realName), .text(a.specialty), .text(a.unit.name),
                         done || meeting.isClosed ? .text(done ? "已投票" : "未投票")
                            : .form(.method(.post), .action(SiteURL.expert(.ballot(meeting: .value(id), application: .value(a.id!))).path), .class("inline ballot"), .csrfField(csrf),
                                    .forEach(choices) { c in
                                        .label(.input(.type(.radio), .name("choice"), .value(c.value)), .text(c.label))
                                    },
                                    .button(.type(.submit), .class("button primary"), .text("投票")))])
        }
        return CommitteeUI.page(PageChrome(req: req, title: "评委会会议（\(meeting.heldOn)）表决"), [
            CommitteeUI.errors(errors),
            .p(.text(me.present ? "无记名投票：每位申报人一票，投出后不能更改；系统不记录您投了什么。" : "您尚未登记出席，不能投票。")),
            CommitteeUI.table(["申报人", "专业", "工作单位", "表决"], rows, id: "ballot-list", empty: "暂无待表决的申报人。"),
        ]).response(status: status)
    }
}
