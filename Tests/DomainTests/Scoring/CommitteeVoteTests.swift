import Testing
@testable import Domain

/// The committee vote (人社部《职称评审管理暂行规定》2019, scoring contract): quorum of two
/// thirds of the members; passing with "agree" at least two thirds of those present.
@Suite struct CommitteeVoteTests {
    @Test func quorumEdges() {
        #expect(CommitteeVote.hasQuorum(present: 6, members: 9))   // exactly 2/3
        #expect(!CommitteeVote.hasQuorum(present: 5, members: 9))
        #expect(CommitteeVote.hasQuorum(present: 8, members: 11))  // 7.33… needs 8
        #expect(!CommitteeVote.hasQuorum(present: 7, members: 11))
        #expect(CommitteeVote.hasQuorum(present: 11, members: 11))
        #expect(CommitteeVote.hasQuorum(present: 2, members: 3))
        #expect(!CommitteeVote.hasQuorum(present: 1, members: 3))
        #expect(!CommitteeVote.hasQuorum(present: 12, members: 11), "more present than members is impossible")
        #expect(!CommitteeVote.hasQuorum(present: 0, members: 0))
    }

    @Test func quorumAgainstADirectDefinitionForEverySize() {
        for members in 1...60 {
            for present in 0...members {
                // At least two thirds: present / members ≥ 2/3, checked as the least whole number ⌈2m/3⌉.
                let least = (2 * members + 2) / 3
                #expect(CommitteeVote.hasQuorum(present: present, members: members) == (present >= least), "\(present)/\(members)")
            }
        }
    }

    @Test func passEdgesExactlyTwoThirdsPasses() {
        #expect(CommitteeVote.passes(agree: 6, present: 9))   // exactly 2/3
        #expect(!CommitteeVote.passes(agree: 5, present: 9))
        #expect(CommitteeVote.passes(agree: 2, present: 3))
        #expect(!CommitteeVote.passes(agree: 6, present: 10)) // 6.67 needed
        #expect(CommitteeVote.passes(agree: 7, present: 10))
        #expect(CommitteeVote.passes(agree: 8, present: 12))
        #expect(!CommitteeVote.passes(agree: 7, present: 12))
        #expect(!CommitteeVote.passes(agree: 0, present: 0))
        #expect(!CommitteeVote.passes(agree: 4, present: 3))
    }

    @Test func abstentionsCountAsNotAgreeing() {
        // 9 present: 5 agree, 0 disagree, 4 abstain -> 5 < 6: fails, though nobody voted against.
        let d = CommitteeVote.decide(members: 11, present: 9, agree: 5, disagree: 0, abstain: 4)
        #expect(d.outcome == .failed)
        let p = CommitteeVote.decide(members: 11, present: 9, agree: 6, disagree: 0, abstain: 3)
        #expect(p.outcome == .passed)
        #expect(p.explanation == "应到11人，实到9人（不少于2/3即8人）；同意6票，反对0票，弃权3票；同意票须不少于出席人数的2/3即6票（弃权按不同意计），通过")
    }

    @Test func noVoteWithoutQuorum() {
        let d = CommitteeVote.decide(members: 11, present: 7, agree: 7, disagree: 0, abstain: 0)
        #expect(d.outcome == .noQuorum)
        #expect(d.explanation == "应到11人，实到7人（不少于2/3即8人），不足法定人数，不得表决")
    }
}
