import Domain
import Fluent
import SQLKit
import Vapor

/// The secret ballot: one per member and applicant (a unique marker), the choice only
/// added to a counter, so nobody — the office included — can see who voted what.
enum MeetingBallots {
    static let choices = [Choice(value: "agree", label: "同意"), Choice(value: "disagree", label: "反对"),
                          Choice(value: "abstain", label: "弃权")]

    /// A meeting of a committee: its members are the committee's, with their offices.
    static func create(_ db: any Database, committee: ReviewCommitteeRecord, heldOn: LocalDate,
                       audit: AuditEntry) async throws -> CommitteeMeeting {
        let meeting = CommitteeMeeting(year: committee.year, heldOn: heldOn.iso, notes: "", committeeID: committee.id!)
        try await db.transaction { db in
            try await meeting.create(on: db)
            let members = try await ReviewCommitteeMember.query(on: db).filter(\.$committee.$id == committee.id!).all()
            for m in members {
                try await MeetingMember(meetingID: meeting.id!, expertID: m.$expert.id, isChair: m.roleValue == .chair,
                                        role: m.roleValue).create(on: db)
            }
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
        // The meeting's own year's bundle (issue 19), never the year in use.
        let rules = try CommitteeRules(policy: req.policies(year: meeting.year).current)
        let members = try await MeetingMember.query(on: req.db).filter(\.$meeting.$id == meetingID).all()
        guard let member = members.first(where: { $0.$expert.id == expert.id! }) else { return "\(expert.name)不是本次会议的成员" }
        let present = members.filter(\.present).count
        guard rules.quorum.isReached(by: present, of: members.count), !members.isEmpty else {
            return CommitteeVote.decide(BallotCount(members: members.count, present: present, recused: 0, agree: 0, disagree: 0, abstain: 0),
                                        rules: rules).explanation
        }
        guard meeting.votingStarted else { return "主持人宣布开始表决后方可投票（出席登记在开始表决时确定）" }
        guard member.present else { return "\(expert.name)未登记出席，不能投票" }
        let levels = try await levels(of: meeting, on: req.db)
        guard let application = try await ApplicationRecord.query(on: req.db).filter(\.$id == applicationID).with(\.$unit).first(),
              ApplicationState.votingStates.contains(application.stateValue), application.year == meeting.year,
              levels.contains(application.level) else { return "该申报人不在本次表决范围内" }
        let facts = try await CommitteeData.meetingSeat(application: application, meetingID: meetingID, on: req.db)
        if CommitteeData.isConflicted(expert, application, declared: try await CommitteeData.declared(for: [applicationID], on: req.db)) {
            return "\(expert.name)与该申报人存在应回避的关系，不能投票"
        }
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

    /// The levels a meeting votes on: its committee's (engineers for a meeting recorded
    /// before committees were data).
    static func levels(of meeting: CommitteeMeeting, on db: any Database) async throws -> [TargetLevel] {
        guard let id = meeting.$committee.id, let committee = try await ReviewCommitteeRecord.find(id, on: db) else { return [.engineer] }
        return committee.tierValue.levels
    }

    /// The member's own ballot page.
    static func expertPage(_ req: Request, expert: Expert, errors: [String], status: HTTPResponseStatus) async throws -> Response {
        guard let id = req.parameters.get("meetingID", as: UUID.self), let meeting = try await CommitteeMeeting.find(id, on: req.db) else {
            throw PageError.notFound
        }
        return try await BallotPage.load(req, meeting: meeting, expert: expert, errors: errors).render().response(status: status)
    }
}
