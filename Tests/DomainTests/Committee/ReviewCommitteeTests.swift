import Testing
@testable import Domain

/// Committees as data (四（三）: 中级评委会, 初级评委会), their rules from the bundle, the
/// vote with recusal, and the junior path without a defense (九).
struct ReviewCommitteeTests {
    let policy = try! Policy.load(id: "changzhi-2022")

    @Test func levelsGoToTheirCommittee() {
        // 四（三）: engineers to the 中级评委会, assistant engineers and technicians to the 初级评委会.
        #expect(CommitteeTier.of(.engineer) == .intermediate)
        #expect(CommitteeTier.of(.assistantEngineer) == .junior)
        #expect(CommitteeTier.of(.technician) == .junior)
        // 九: only engineers defend.
        #expect(CommitteeTier.defends(.engineer) && !CommitteeTier.defends(.technician) && !CommitteeTier.defends(.assistantEngineer))
    }

    @Test func rulesComeFromTheBundle() throws {
        let rules = try CommitteeRules(policy: policy)
        #expect(rules.minimumMembers == 7 && rules.memberTermYears == 3)
        #expect(rules.quorum == CommitteeVote.Share(numerator: 2, denominator: 3))
        #expect(rules.passShare == CommitteeVote.Share(numerator: 2, denominator: 3))
    }

    @Test func membershipNeedsAnOddNumberTheMinimumAndOneChair() throws {
        let rules = try CommitteeRules(policy: policy)
        let seven: [CommitteeRole] = [.chair, .viceChair] + Array(repeating: .member, count: 5)
        #expect(rules.problems(roles: seven).isEmpty)
        #expect(rules.problems(roles: seven + [.member]).contains { $0.contains("单数") })
        #expect(rules.problems(roles: Array(seven.prefix(5))).contains { $0.contains("不少于7人") })
        #expect(rules.problems(roles: [.viceChair] + Array(repeating: .member, count: 6)).contains { $0.contains("主任委员一名") })
        #expect(rules.problems(roles: [.chair, .chair] + Array(repeating: .member, count: 5)).contains { $0.contains("当前2名") })
    }

    /// 人社部《职称评审管理暂行规定》: the pass share counts the members present and not recused.
    @Test func recusedMembersLeaveTheDenominator() throws {
        let rules = try CommitteeRules(policy: policy)
        // 9 members, 7 present, 1 recused: 6 vote, 4 agree = 2/3 of 6 → passes;
        // without the recusal 4 of 7 would fail.
        let with = CommitteeVote.decide(BallotCount(members: 9, present: 7, recused: 1, agree: 4, disagree: 2, abstain: 0), rules: rules)
        #expect(with.outcome == .passed)
        #expect(with.explanation.contains("回避1人，参加表决6人") && with.explanation.contains("出席且未回避人数的2/3即4票"))
        let without = CommitteeVote.decide(BallotCount(members: 9, present: 7, recused: 0, agree: 4, disagree: 2, abstain: 1), rules: rules)
        #expect(without.outcome == .failed)
        // Quorum is of the committee's members: 5 of 9 present is below 2/3.
        let short = CommitteeVote.decide(BallotCount(members: 9, present: 5, recused: 0, agree: 5, disagree: 0, abstain: 0), rules: rules)
        #expect(short.outcome == .noQuorum)
        // Everyone present recused: nobody can pass.
        let none = CommitteeVote.decide(BallotCount(members: 7, present: 5, recused: 5, agree: 0, disagree: 0, abstain: 0), rules: rules)
        #expect(none.outcome == .failed)
    }

    @Test func aStricterBundleShareIsApplied() {
        let rules = CommitteeRules(minimumMembers: 7, quorum: .init(numerator: 3, denominator: 4),
                                   passShare: .init(numerator: 3, denominator: 4), memberTermYears: 3)
        // 6 of 9 reach 2/3 but not 3/4.
        #expect(CommitteeVote.decide(BallotCount(members: 9, present: 6, recused: 0, agree: 6, disagree: 0, abstain: 0), rules: rules).outcome == .noQuorum)
        #expect(CommitteeVote.decide(BallotCount(members: 8, present: 8, recused: 0, agree: 5, disagree: 3, abstain: 0), rules: rules).outcome == .failed)
    }

    func office(_ f: (inout TransitionFacts) -> Void = { _ in }) -> TransitionFacts {
        var facts = TransitionFacts(actorRole: .committeeOffice, actorIsApplicant: false)
        facts.committeeActor = true
        f(&facts)
        return facts
    }

    /// 九: juniors go from acceptance to the vote through their quantitative score; engineers defend.
    @Test func juniorsAreReferredAndNeverScheduled() {
        #expect(Workflow.fire(.referToCommittee, from: .accepted, facts: office { $0.levelDefends = false; $0.quantitativeScored = true })
                == .success(.awaitingVote))
        #expect(Workflow.fire(.referToCommittee, from: .accepted, facts: office { $0.levelDefends = false })
                == .failure(.quantitativeMissing))
        #expect(Workflow.fire(.referToCommittee, from: .accepted, facts: office { $0.levelDefends = true; $0.quantitativeScored = true })
                == .failure(.defenseRequired))
        #expect(Workflow.fire(.scheduleDefense, from: .accepted, facts: office { $0.levelDefends = false })
                == .failure(.noDefenseForLevel))
        #expect(Workflow.fire(.recordVote, from: .awaitingVote, facts: office { $0.votePassed = true }) == .success(.passed))
        #expect(Workflow.fire(.recordVote, from: .accepted, facts: office { $0.votePassed = true }) == .failure(.wrongState(.accepted)))
        // The office only, never an expert.
        var expert = office { $0.levelDefends = false; $0.quantitativeScored = true }
        expert.actorRole = .expert
        #expect(Workflow.fire(.referToCommittee, from: .accepted, facts: expert) == .failure(.notAllowed))
    }

    /// After the vote a result changes only through a recorded 复查 decision that says what is re-done.
    @Test func reexaminationNamesWhatIsRedone() {
        #expect(Workflow.fire(.reexamine, from: .passed, facts: office { $0.levelDefends = true; $0.reexamineTo = .accepted })
                == .failure(.reasonMissing))
        let reason: (inout TransitionFacts) -> Void = { $0.reason = "复查：答辩评分记录有误" }
        // An engineer's re-defense goes back to be scheduled before a new panel.
        #expect(Workflow.fire(.reexamine, from: .failed, facts: office { reason(&$0); $0.levelDefends = true; $0.reexamineTo = .accepted })
                == .success(.accepted))
        #expect(Workflow.fire(.reexamine, from: .failed, facts: office { reason(&$0); $0.levelDefends = true; $0.reexamineTo = .scheduled })
                == .failure(.outcomeMissing))
        #expect(Workflow.fire(.reexamine, from: .passed, facts: office { reason(&$0); $0.levelDefends = true; $0.reexamineTo = .defended })
                == .success(.defended))
        #expect(Workflow.fire(.reexamine, from: .failed, facts: office { reason(&$0); $0.levelDefends = false; $0.reexamineTo = .awaitingVote })
                == .success(.awaitingVote))
        // A junior is never sent to a defense; nothing is re-done without saying what.
        #expect(Workflow.fire(.reexamine, from: .failed, facts: office { reason(&$0); $0.levelDefends = false; $0.reexamineTo = .accepted })
                == .failure(.noDefenseForLevel))
        #expect(Workflow.fire(.reexamine, from: .failed, facts: office { reason(&$0); $0.levelDefends = false })
                == .failure(.outcomeMissing))
        // Not from a certificate (revocation goes through cancel_for_integrity).
        #expect(Workflow.fire(.reexamine, from: .certified, facts: office { reason(&$0); $0.levelDefends = true; $0.reexamineTo = .defended })
                == .failure(.wrongState(.certified)))
    }
}
