import Domain
import Fluent
import Foundation

/// The committee stage's meetings (issue 16, item 8): each committee on its own levels,
/// attendance within the quorum, a secret ballot per applicant with 回避.
extension SeedCommittee {
    /// A meeting held, its day, its committee and the applicants it passed.
    typealias Decided = (meeting: CommitteeMeeting, day: LocalDate, committee: ReviewCommitteeRecord, passed: [Candidate])

    mutating func holdMeetings(_ candidates: [Candidate], committeeOf: [CommitteeTier: Seated],
                               lastDefenseDay: LocalDate) throws -> [Decided] {
        var meetingDay = try workday(after: lastDefenseDay.adding(days: 4))
        var passedByMeeting: [Decided] = []
        for tier in [CommitteeTier.intermediate, .junior] {
            let (record, members) = committeeOf[tier]!
            let voting = candidates.filter { CommitteeTier.of($0.app.level) == tier && ApplicationState.votingStates.contains(state[$0.app.id!]!) }
            var from = 0
            while from < voting.count {
                let agenda = Array(voting[from..<min(from + Self.applicantsPerMeeting, voting.count)])
                from += Self.applicantsPerMeeting
                guard meetingDay.year == year, let s = LocalDate(iso: record.termStart), let e = LocalDate(iso: record.termEnd),
                      (s...e).contains(meetingDay) else {
                    throw SeedCommitteeError(description: "meeting day \(meetingDay.iso) outside the review year or the committee's term")
                }
                let meeting = CommitteeMeeting(year: year, heldOn: meetingDay.iso,
                                               notes: tier == .intermediate ? "对答辩等次为优、中的申报人逐一综合评议。" : "依据量化赋分和申报材料逐一综合评议。",
                                               committeeID: record.id!)
                meeting.id = UUID()
                let start = meetingDay.beijingMorning.addingTimeInterval(3600)
                meeting.votingStartedAt = start
                meeting.state = "closed"
                meetings.append(meeting)
                // Attendance: the chair always, up to two members away, never below the quorum.
                var seats: [MeetingMember] = []
                var away = rng.below(3), absent = 0
                for (e, role) in members {
                    let m = MeetingMember(meetingID: meeting.id!, expertID: e.id!, isChair: role == .chair, role: role)
                    m.id = UUID()
                    m.present = true
                    if role == .member, away > 0, committeeRules.quorum.isReached(by: members.count - absent - 1, of: members.count) {
                        m.present = false
                        away -= 1
                        absent += 1
                    }
                    seats.append(m)
                }
                meetingMembers += seats
                let present = seats.filter(\.present)
                guard committeeRules.quorum.isReached(by: present.count, of: seats.count), present.contains(where: { $0.roleValue.presides }) else {
                    throw SeedCommitteeError(description: "meeting without quorum or a presiding member")
                }
                officeEntry("meeting.create", "committee", record.id!, meetingDay.iso, at: meetingDay.beijingMorning)
                officeEntry("meeting.start_voting", "meeting", meeting.id!, "members \(seats.count) present \(present.count)", at: start)
                let employerOf = Dictionary(members.map { ($0.0.id!, $0.0.$organization.id) }, uniquingKeysWith: { a, _ in a })
                var passed: [Candidate] = []
                for (i, c) in agenda.enumerated() {
                    // 回避: a member present who works for the applicant's employer neither votes nor counts.
                    let voters = present.filter { !ConflictRules.conflicted(expertID: $0.$expert.id, employerID: employerOf[$0.$expert.id]!,
                                                                            applicationID: c.app.id!, applicantEmployerID: c.unit.id!, declared: []) }
                    for v in voters {
                        let marker = BallotMarker(meetingID: meeting.id!, applicationID: c.app.id!, expertID: v.$expert.id)
                        marker.id = UUID()
                        markers.append(marker)
                    }
                    // Most pass by a wide margin; about one in ten falls short.
                    let agree = rng.below(10) == 0 ? voters.count / 2 + rng.below(2) : voters.count - rng.below(3)
                    let disagree = rng.below(voters.count - agree + 1)
                    let tally = BallotTally(meetingID: meeting.id!, applicationID: c.app.id!)
                    tally.id = UUID()
                    tally.agree = agree
                    tally.disagree = disagree
                    tally.abstain = voters.count - agree - disagree
                    tally.present = present.count
                    tally.recused = present.count - voters.count
                    tallies.append(tally)
                    let decision = CommitteeVote.decide(BallotCount(members: seats.count, present: tally.present, recused: tally.recused,
                                                                    agree: tally.agree, disagree: tally.disagree, abstain: tally.abstain),
                                                        rules: committeeRules)
                    guard decision.outcome != .noQuorum else { throw SeedCommitteeError(description: decision.explanation) }
                    try fire(.recordVote, c, at: start.addingTimeInterval(3600 + Double(i)), actor: office, reason: decision.explanation) {
                        $0.votePassed = decision.outcome == .passed
                    }
                    if decision.outcome == .passed { passed.append(c) }
                }
                officeEntry("meeting.close", "meeting", meeting.id!, "decided \(agenda.count)", at: start.addingTimeInterval(7200 + Double(agenda.count)))
                passedByMeeting.append((meeting, meetingDay, record, passed))
                meetingDay = try workday(after: meetingDay)
            }
        }
        return passedByMeeting
    }
}
