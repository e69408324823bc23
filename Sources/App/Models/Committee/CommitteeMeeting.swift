import Fluent
import Foundation

/// A meeting of the review committee (评审委员会会议) that votes on the applicants.
final class CommitteeMeeting: Model, @unchecked Sendable {
    static let schema = "committee_meetings"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "held_on") var heldOn: String
    @Field(key: "notes") var notes: String
    /// open | closed (the votes decided and recorded).
    @Field(key: "state") var state: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(year: Int, heldOn: String, notes: String) {
        self.year = year; self.heldOn = heldOn; self.notes = notes; self.state = "open"
    }

    var isClosed: Bool { state == "closed" }
}

final class MeetingMember: Model, @unchecked Sendable {
    static let schema = "meeting_members"

    @ID(key: .id) var id: UUID?
    @Parent(key: "meeting_id") var meeting: CommitteeMeeting
    @Parent(key: "expert_id") var expert: Expert
    @Field(key: "is_chair") var isChair: Bool
    @Field(key: "present") var present: Bool

    init() {}

    init(meetingID: UUID, expertID: UUID, isChair: Bool) {
        self.$meeting.id = meetingID; self.$expert.id = expertID; self.isChair = isChair; self.present = false
    }
}

/// "This member has voted on this applicant": nothing about how. A unique index on
/// (meeting, application, expert) makes a second ballot fail.
final class BallotMarker: Model, @unchecked Sendable {
    static let schema = "ballot_markers"

    @ID(key: .id) var id: UUID?
    @Field(key: "meeting_id") var meetingID: UUID
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "expert_id") var expertID: UUID

    init() {}

    init(meetingID: UUID, applicationID: UUID, expertID: UUID) {
        self.meetingID = meetingID; self.applicationID = applicationID; self.expertID = expertID
    }
}

/// The secret ballot's counts per applicant: each ballot only adds one to a counter, so
/// no stored row ties a choice to a voter (the office included).
final class BallotTally: Model, @unchecked Sendable {
    static let schema = "ballot_tallies"

    @ID(key: .id) var id: UUID?
    @Field(key: "meeting_id") var meetingID: UUID
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "agree") var agree: Int
    @Field(key: "disagree") var disagree: Int
    @Field(key: "abstain") var abstain: Int

    init() {}

    init(meetingID: UUID, applicationID: UUID) {
        self.meetingID = meetingID; self.applicationID = applicationID; self.agree = 0; self.disagree = 0; self.abstain = 0
    }
}
