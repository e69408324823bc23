import Foundation
import Testing
@testable import Domain

/// The random draw of a defense panel with recusal (九; 人社部《职称评审管理暂行规定》2019
/// 第十六条 随机抽取, 第十七条 回避), and the experts' term (第十二条: 每届任期不超过3年).
@Suite struct PanelDrawTests {
    static func uuid(_ n: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))! }
    let unitA = uuid(900), unitB = uuid(901), unitC = uuid(902)

    func pool(_ n: Int, employer: (Int) -> UUID) -> [ExpertCandidate] {
        (1...n).map { ExpertCandidate(id: Self.uuid($0), name: "专家\($0)", employerID: employer($0), specialty: "机械工程") }
    }

    @Test func sameSeedSamePanelAndEveryMemberIsDistinct() throws {
        let experts = pool(12) { _ in unitC }
        let applicants = [GroupApplicant(applicationID: Self.uuid(100), name: "张伟", employerID: unitA)]
        let a = try PanelDraw.draw(pool: experts, applicants: applicants, declared: [], size: 5, seed: 42).get()
        let b = try PanelDraw.draw(pool: experts.reversed(), applicants: applicants, declared: [], size: 5, seed: 42).get()
        #expect(a.members == b.members, "the input order must not matter; the seed decides")
        #expect(Set(a.members.map(\.id)).count == 5)
        let others = (1...20).compactMap { try? PanelDraw.draw(pool: experts, applicants: applicants, declared: [], size: 5, seed: UInt64($0)).get().members }
        #expect(Set(others.map { $0.map(\.id) }).count > 1, "different seeds give different panels")
    }

    @Test func sameEmployerIsExcludedWithItsReason() throws {
        let experts = pool(8) { $0 <= 3 ? self.unitA : self.unitC }
        let applicants = [GroupApplicant(applicationID: Self.uuid(100), name: "张伟", employerID: unitA)]
        let r = try PanelDraw.draw(pool: experts, applicants: applicants, declared: [], size: 5, seed: 7).get()
        #expect(r.excluded.count == 3)
        #expect(r.excluded.allSatisfy { $0.reason.contains("与申报人张伟同一工作单位") })
        #expect(!r.members.contains { $0.employerID == unitA })
        #expect(r.eligibleCount == 5)
    }

    @Test(arguments: [ConflictSource.declaredByExpert, .declaredByApplicant, .pinnedByOffice])
    func declaredAndPinnedConflictsAreExcluded(source: ConflictSource) throws {
        let experts = pool(6) { _ in unitC }
        let app = Self.uuid(100)
        let applicants = [GroupApplicant(applicationID: app, name: "王芳", employerID: unitB)]
        let declared = [DeclaredConflict(expertID: Self.uuid(2), applicationID: app, source: source, reason: "曾为师生")]
        let r = try PanelDraw.draw(pool: experts, applicants: applicants, declared: declared, size: 5, seed: 1).get()
        #expect(!r.members.contains { $0.id == Self.uuid(2) })
        #expect(r.excluded.map(\.expert.id) == [Self.uuid(2)])
        #expect(r.excluded[0].reason.contains(source.label) && r.excluded[0].reason.contains("曾为师生"))
        // A conflict about another application does not exclude the expert.
        let elsewhere = [DeclaredConflict(expertID: Self.uuid(2), applicationID: Self.uuid(999), source: source, reason: "")]
        let s = try PanelDraw.draw(pool: experts, applicants: applicants, declared: elsewhere, size: 6, seed: 1).get()
        #expect(s.members.contains { $0.id == Self.uuid(2) })
    }

    @Test func notEnoughAfterRecusalIsRefusedInChinese() {
        let experts = pool(6) { $0 <= 2 ? self.unitA : self.unitC }
        let applicants = [GroupApplicant(applicationID: Self.uuid(100), name: "张伟", employerID: unitA)]
        let r = PanelDraw.draw(pool: experts, applicants: applicants, declared: [], size: 5, seed: 1)
        #expect(r == .failure(.notEnough(eligible: 4, needed: 5)))
        if case .failure(let f) = r { #expect(f.message.contains("回避后仅4人")) }
        #expect(PanelDraw.draw(pool: experts, applicants: [], declared: [], size: 0, seed: 1) == .failure(.badSize(0)))
    }

    @Test func replacementIsTheNextEligibleInSeedOrder() throws {
        let experts = pool(8) { $0 == 8 ? self.unitA : self.unitC }
        let applicants = [GroupApplicant(applicationID: Self.uuid(100), name: "张伟", employerID: unitA)]
        let r = try PanelDraw.draw(pool: experts, applicants: applicants, declared: [], size: 5, seed: 9).get()
        let onPanel = Set(r.members.map(\.id))
        let next = try #require(PanelDraw.replacement(pool: experts, applicants: applicants, declared: [],
                                                      excluding: onPanel, seed: 9))
        #expect(!onPanel.contains(next.id))
        #expect(next.id != Self.uuid(8), "a conflicted expert is never a replacement")
    }

    @Test func termIsAtMostThreeYears() {
        let start = LocalDate(iso: "2022-09-01")!
        #expect(ExpertTerm.problem(start: start, end: LocalDate(iso: "2025-08-31")!) == nil)
        #expect(ExpertTerm.problem(start: start, end: LocalDate(iso: "2025-09-01")!)?.contains("不超过3年") == true)
        #expect(ExpertTerm.problem(start: start, end: LocalDate(iso: "2022-08-31")!) == "任期结束日期不能早于开始日期")
        #expect(ExpertTerm.isInForce(start: start, end: LocalDate(iso: "2023-01-01")!, on: LocalDate(iso: "2023-01-01")!))
        #expect(!ExpertTerm.isInForce(start: start, end: LocalDate(iso: "2023-01-01")!, on: LocalDate(iso: "2023-01-02")!))
    }
}

/// Recusal through the one access check: a conflicted expert is refused even when seated.
@Suite struct CommitteeAccessTests {
    let expert = AccessActor(userID: UUID(), role: .expert, organizationID: UUID())

    @Test func seatedExpertWithoutConflictMayScore() {
        let seat = CommitteeSeatFacts(applicationID: UUID(), seatedUserIDs: [expert.userID], conflictedUserIDs: [])
        #expect(AccessPolicy.decide(expert, .scoreDefense, .committeeSeat(seat)) == .allow)
        #expect(AccessPolicy.decide(expert, .castBallot, .committeeSeat(seat)) == .allow)
    }

    @Test func conflictedExpertIsRefusedEvenWhenSeated() {
        let seat = CommitteeSeatFacts(applicationID: UUID(), seatedUserIDs: [expert.userID], conflictedUserIDs: [expert.userID])
        #expect(AccessPolicy.decide(expert, .scoreDefense, .committeeSeat(seat)) != .allow)
        #expect(AccessPolicy.decide(expert, .castBallot, .committeeSeat(seat)) != .allow)
    }

    @Test func expertNotSeatedIsRefusedAndOtherRolesNeverScore() {
        let seat = CommitteeSeatFacts(applicationID: UUID(), seatedUserIDs: [], conflictedUserIDs: [])
        #expect(AccessPolicy.decide(expert, .scoreDefense, .committeeSeat(seat)) != .allow)
        let office = AccessActor(userID: UUID(), role: .committeeOffice, organizationID: UUID())
        #expect(AccessPolicy.decide(office, .scoreDefense, .committeeSeat(seat)) != .allow)
        #expect(AccessPolicy.decide(office, .manageCommittee) == .allow)
        #expect(AccessPolicy.decide(expert, .manageCommittee) != .allow)
    }
}

/// The committee stage's transitions (九, 十).
@Suite struct CommitteeWorkflowTests {
    func facts(_ role: Role, committee: Bool = true) -> TransitionFacts {
        var f = TransitionFacts(actorRole: role, actorIsApplicant: false)
        f.committeeActor = committee
        return f
    }

    @Test func scheduleConcludeVoteCertify() {
        #expect(Workflow.fire(.scheduleDefense, from: .accepted, facts: facts(.committeeOffice)) == .success(.scheduled))
        #expect(Workflow.fire(.scheduleDefense, from: .intake, facts: facts(.committeeOffice)) == .failure(.wrongState(.intake)))
        #expect(Workflow.fire(.concludeDefense, from: .scheduled, facts: facts(.expert)) == .failure(.outcomeMissing))
        var f = facts(.expert); f.defenseEliminated = true
        #expect(Workflow.fire(.concludeDefense, from: .scheduled, facts: f) == .success(.eliminated))
        f.defenseEliminated = false
        #expect(Workflow.fire(.concludeDefense, from: .scheduled, facts: f) == .success(.defended))
        #expect(Workflow.fire(.concludeDefense, from: .scheduled, facts: { var g = f; g.committeeActor = false; return g }()) == .failure(.notParty))
        #expect(Workflow.fire(.reopenDefense, from: .defended, facts: facts(.committeeOffice)) == .failure(.reasonMissing))
        var r = facts(.committeeOffice); r.reason = "评分录入有误"
        #expect(Workflow.fire(.reopenDefense, from: .eliminated, facts: r) == .success(.scheduled))
        var v = facts(.committeeOffice); v.votePassed = true
        #expect(Workflow.fire(.recordVote, from: .defended, facts: v) == .success(.passed))
        v.votePassed = false
        #expect(Workflow.fire(.recordVote, from: .defended, facts: v) == .success(.failed))
        #expect(Workflow.fire(.recordVote, from: .eliminated, facts: v) == .failure(.wrongState(.eliminated)))
        #expect(Workflow.fire(.certify, from: .passed, facts: facts(.committeeOffice)) == .success(.certified))
        #expect(Workflow.fire(.certify, from: .passed, facts: facts(.expert)) == .failure(.notAllowed))
    }
}

/// 量化赋分 table from the bundle and score input (九; scoring contract rule 1).
@Suite struct QuantitativeAndScoreInputTests {
    @Test func defaultTableHasTheTenKindsAndSumsTo100() throws {
        let table = try QuantitativeTable(policy: try Policy.load(id: "changzhi-2022"))
        #expect(table.items.map(\.kind) == QuantitativeKind.allCases)
        #expect(table.maximum == Tenths(1000))
        #expect(table.points(.papers, units: 10) == table.item(.papers)!.cap)
        #expect(table.problem(.papers, points: Tenths(151))?.contains("超过上限") == true)
        #expect(table.problem(.papers, points: Tenths(150)) == nil)
    }

    @Test func scoresAreZeroToHundredWithOneDecimal() {
        #expect(ScoreInput.parse("78.5", field: "现场答辩") == .success(Tenths(785)))
        #expect(ScoreInput.parse("100", field: "现场答辩") == .success(Tenths(1000)))
        #expect(ScoreInput.parse("0", field: "现场答辩") == .success(Tenths(0)))
        for bad in ["100.1", "-1", "78.55", "abc", "", "1e3"] {
            guard case .failure(let e) = ScoreInput.parse(bad, field: "现场答辩") else { Issue.record("\(bad) accepted"); continue }
            #expect(e.message.contains("现场答辩") || e.message.contains("请填写"))
        }
    }
}
