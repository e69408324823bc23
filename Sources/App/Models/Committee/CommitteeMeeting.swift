import Domain
import Fluent
import Foundation

/// A meeting of one review committee (评审委员会会议) that votes on the applicants of its
/// levels (the 中级评委会 on engineers, the 初级评委会 on juniors).
final class CommitteeMeeting: Model, @unchecked Sendable {
    static let schema = "committee_meetings"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "held_on") var heldOn: String
    @Field(key: "notes") var notes: String
    /// open | closed (the votes decided and recorded).
    @Field(key: "state") var state: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// The committee that meets (nil only for meetings recorded before committees were data).
    @OptionalParent(key: "committee_id") var committee: ReviewCommitteeRecord?
    /// When the office started the vote: attendance is fixed from then on.
    @OptionalField(key: "voting_started_at") var votingStartedAt: Date?

    init() {}

    init(year: Int, heldOn: String, notes: String, committeeID: UUID? = nil) {
        self.year = year; self.heldOn = heldOn; self.notes = notes; self.state = "open"
        self.$committee.id = committeeID
    }

    var isClosed: Bool { state == "closed" }
    var votingStarted: Bool { votingStartedAt != nil }
}

final class MeetingMember: Model, @unchecked Sendable {
    static let schema = "meeting_members"

    @ID(key: .id) var id: UUID?
    @Parent(key: "meeting_id") var meeting: CommitteeMeeting
    @Parent(key: "expert_id") var expert: Expert
    @Field(key: "is_chair") var isChair: Bool
    @Field(key: "present") var present: Bool
    /// `CommitteeRole` raw value: the member's office on the committee.
    @Field(key: "role") var role: String

    init() {}

    init(meetingID: UUID, expertID: UUID, isChair: Bool, role: CommitteeRole? = nil) {
        self.$meeting.id = meetingID; self.$expert.id = expertID; self.isChair = isChair; self.present = false
        self.role = (role ?? (isChair ? .chair : .member)).rawValue
    }

    var roleValue: CommitteeRole { CommitteeRole(rawValue: role) ?? (isChair ? .chair : .member) }
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
    /// Fixed when the meeting closes: the members present and, of them, those recused from
    /// this applicant, so the minutes show the denominator that decided it.
    @Field(key: "present") var present: Int
    @Field(key: "recused") var recused: Int

    init() {}

    init(meetingID: UUID, applicationID: UUID) {
        self.meetingID = meetingID; self.applicationID = applicationID; self.agree = 0; self.disagree = 0; self.abstain = 0
        self.present = 0; self.recused = 0
    }
}
