import Domain
import Fluent
import Foundation

/// A meeting with its committee, members, attendance, the applicants it votes on (those of
/// its committee's levels waiting for a vote, or, once closed, those it decided), the
/// tallies and the recusals: what every meeting page, the minutes and the exports read.
struct MeetingSnapshot {
    let meeting: CommitteeMeeting
    let committee: ReviewCommitteeRecord?
    let members: [MeetingMember]
    let applicants: [ApplicationRecord]
    let tallies: [BallotTally]
    let markers: [BallotMarker]
    /// Per applicant, the members present who must step aside (回避) for them.
    let recusedMembers: [UUID: Set<UUID>]
    let rules: CommitteeRules

    var present: [MeetingMember] { members.filter(\.present) }
    var chair: MeetingMember? { members.first { $0.roleValue == .chair } }
    /// 主任委员或副主任委员主持: the presiding members present.
    var presiding: [MeetingMember] { present.filter { $0.roleValue.presides } }
    var hasQuorum: Bool { !members.isEmpty && rules.quorum.isReached(by: present.count, of: members.count) }
    /// The committee's levels (a meeting recorded before committees were data votes on engineers).
    var levels: [TargetLevel] { committee?.tierValue.levels ?? [.engineer] }

    static func load(_ meeting: CommitteeMeeting, on db: any Database, rules: CommitteeRules = .national,
                     includeDecided: Bool = true) async throws -> MeetingSnapshot {
        let committee: ReviewCommitteeRecord? = if let id = meeting.$committee.id { try await ReviewCommitteeRecord.find(id, on: db) } else { nil }
        let members = try await MeetingMember.query(on: db).filter(\.$meeting.$id == meeting.id!).with(\.$expert).all()
            .sorted { (order($0), $0.expert.name) < (order($1), $1.expert.name) }
        let tallies = try await BallotTally.query(on: db).filter(\.$meetingID == meeting.id!).all()
        let decided = Set(tallies.map(\.applicationID))
        let levels = (committee?.tierValue.levels ?? [.engineer]).map(\.jsonName)
        let applicants: [ApplicationRecord]
        if meeting.isClosed {
            applicants = decided.isEmpty ? [] : try await ApplicationRecord.query(on: db).filter(\.$id ~~ Array(decided))
                .with(\.$applicant).with(\.$unit).sort(\.$targetLevel).sort(\.$specialty).all()
        } else {
            applicants = try await ApplicationRecord.query(on: db)
                .filter(\.$state ~~ ApplicationState.votingStates.map(\.rawValue))
                .filter(\.$targetLevel ~~ levels).filter(\.$year == meeting.year)
                .with(\.$applicant).with(\.$unit).sort(\.$targetLevel).sort(\.$specialty).all()
        }
        let markers = try await BallotMarker.query(on: db).filter(\.$meetingID == meeting.id!).all()
        let declared = try await CommitteeData.declared(for: applicants.compactMap(\.id), on: db)
        var recused: [UUID: Set<UUID>] = [:]
        for a in applicants {
            recused[a.id!] = Set(members.filter { $0.present && CommitteeData.isConflicted($0.expert, a, declared: declared) }
                .map { $0.$expert.id })
        }
        return MeetingSnapshot(meeting: meeting, committee: committee, members: members, applicants: applicants,
                               tallies: tallies, markers: markers, recusedMembers: recused, rules: rules)
    }

    private static func order(_ m: MeetingMember) -> Int { CommitteeRole.allCases.firstIndex(of: m.roleValue) ?? 2 }

    func tally(_ applicationID: UUID) -> (agree: Int, disagree: Int, abstain: Int) {
        guard let t = tallies.first(where: { $0.applicationID == applicationID }) else { return (0, 0, 0) }
        return (t.agree, t.disagree, t.abstain)
    }

    func voted(_ applicationID: UUID) -> Int { markers.filter { $0.applicationID == applicationID }.count }

    func isRecused(_ expertID: UUID, from applicationID: UUID) -> Bool { recusedMembers[applicationID]?.contains(expertID) ?? false }

    /// The count that decides an applicant: while open, from the live attendance and
    /// conflicts; once closed, the present and recused numbers fixed in the tally.
    func count(_ applicationID: UUID) -> BallotCount {
        let t = tallies.first { $0.applicationID == applicationID }
        if meeting.isClosed, let t, t.present > 0 {
            return BallotCount(members: members.count, present: t.present, recused: t.recused, agree: t.agree,
                               disagree: t.disagree, abstain: t.abstain)
        }
        return BallotCount(members: members.count, present: present.count, recused: recusedMembers[applicationID]?.count ?? 0,
                           agree: t?.agree ?? 0, disagree: t?.disagree ?? 0, abstain: t?.abstain ?? 0)
    }

    func decision(_ applicationID: UUID) -> CommitteeVote.Decision {
        CommitteeVote.decide(count(applicationID), rules: rules)
    }

    /// Why voting cannot start, in Chinese (empty when it can).
    var startProblems: [String] {
        var out: [String] = []
        if committee == nil { out.append("会议未指定评委会") }
        if !hasQuorum {
            out.append("应到\(members.count)人，实到\(present.count)人，不足\(rules.quorum)即\(rules.quorum.minimum(of: members.count))人，不得表决")
        }
        if presiding.isEmpty { out.append("主任委员或副主任委员须出席并主持会议") }
        return out
    }
}

/// The committee that decided an application: the one whose closed meeting holds its
/// latest tally (certificates, minutes, exports and platform.json name it).
enum IssuingCommittee {
    static func name(for applicationID: UUID, on db: any Database) async throws -> String? {
        let tallies = try await BallotTally.query(on: db).filter(\.$applicationID == applicationID).all()
        guard !tallies.isEmpty else { return nil }
        let meetings = try await CommitteeMeeting.query(on: db).filter(\.$id ~~ tallies.map(\.meetingID))
            .filter(\.$state == "closed").with(\.$committee).sort(\.$heldOn, .descending).all()
        return meetings.first?.committee?.name
    }
}
