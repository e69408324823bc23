import Testing
@testable import Domain

/// 十（二）: false materials found at any stage cancel the review — every committee state,
/// even after certification — by the committee office only, always with the basis.
@Suite struct IntegrityCancelTests {
    func facts(_ role: Role, reason: String = "学历证书系伪造", committee: Bool = true) -> TransitionFacts {
        var f = TransitionFacts(actorRole: role, actorIsApplicant: false, actorIsParty: false, reason: reason)
        f.committeeActor = committee
        return f
    }

    @Test(arguments: ApplicationState.committeeStates)
    func theOfficeCancelsFromEveryCommitteeState(_ state: ApplicationState) {
        #expect(Workflow.fire(.cancelForIntegrity, from: state, facts: facts(.committeeOffice)) == .success(.cancelled))
    }

    @Test func notWithoutTheBasisNorByAnotherRoleNorTwice() {
        #expect(Workflow.fire(.cancelForIntegrity, from: .certified, facts: facts(.committeeOffice, reason: " ")) == .failure(.reasonMissing))
        #expect(Workflow.fire(.cancelForIntegrity, from: .passed, facts: facts(.expert)) == .failure(.notAllowed))
        #expect(Workflow.fire(.cancelForIntegrity, from: .cancelled, facts: facts(.committeeOffice)) == .failure(.wrongState(.cancelled)))
        // Outside the office's standing (not the party now, not acting as the committee) it is refused.
        #expect(Workflow.fire(.cancelForIntegrity, from: .scheduled, facts: facts(.committeeOffice, committee: false)) == .failure(.notParty))
    }
}
