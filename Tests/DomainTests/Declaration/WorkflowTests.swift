import Foundation
import Testing
@testable import Domain

@Suite struct WorkflowTests {
    let ready = TransitionFacts(actorRole: .applicant, actorIsApplicant: true, commitmentSigned: true)

    @Test func submitNeedsCommitmentCompletenessAndNoIntegrityRecord() {
        #expect(Workflow.fire(.submit, from: .draft, facts: ready) == .success(.submitted))
        var unsigned = ready
        unsigned.commitmentSigned = false
        #expect(Workflow.fire(.submit, from: .draft, facts: unsigned) == .failure(.commitmentMissing))
        var incomplete = ready
        incomplete.missing = ["照片"]
        #expect(Workflow.fire(.submit, from: .draft, facts: incomplete) == .failure(.incomplete(["照片"])))
        var recorded = ready
        recorded.integrityRecordUntil = LocalDate(year: 2024, month: 6, day: 30)
        let refusal = Workflow.fire(.submit, from: .draft, facts: recorded)
        #expect(refusal == .failure(.integrityRecord(until: LocalDate(year: 2024, month: 6, day: 30)!)))
        if case .failure(let r) = refusal { #expect(r.message.contains("2024年6月30日前不得申报")) }
    }

    @Test func onlyTheApplicantFiresAndOnlyFromTheRightState() {
        #expect(Workflow.fire(.submit, from: .submitted, facts: ready) == .failure(.wrongState(.submitted)))
        #expect(Workflow.fire(.withdraw, from: .draft, facts: ready) == .failure(.wrongState(.draft)))
        #expect(Workflow.fire(.withdraw, from: .submitted, facts: ready) == .success(.draft))
        let clerk = TransitionFacts(actorRole: .unitClerk, actorIsApplicant: false, commitmentSigned: true)
        #expect(Workflow.fire(.withdraw, from: .submitted, facts: clerk) == .failure(.notAllowed))
        let other = TransitionFacts(actorRole: .applicant, actorIsApplicant: false, commitmentSigned: true)
        #expect(Workflow.fire(.submit, from: .draft, facts: other) == .failure(.notAllowed))
    }

    @Test func availableTransitions() {
        #expect(Workflow.available(from: .draft, role: .applicant) == [.submit])
        #expect(Workflow.available(from: .submitted, role: .applicant) == [.withdraw])
        #expect(Workflow.available(from: .submitted, role: .unitClerk) == [.unitAccept])
    }

    @Test func applicationAccessFollowsOwnershipUnitAndState() {
        let owner = AccessActor(userID: UUID(), role: .applicant, organizationID: UUID())
        let unit = owner.organizationID
        let draft = ApplicationFacts(id: UUID(), applicantID: owner.userID, unitID: unit, state: .draft)
        let submitted = ApplicationFacts(id: draft.id, applicantID: owner.userID, unitID: unit, state: .submitted)
        #expect(AccessPolicy.decide(owner, .editApplication, .application(draft)).isAllowed)
        #expect(!AccessPolicy.decide(owner, .editApplication, .application(submitted)).isAllowed)
        let stranger = AccessActor(userID: UUID(), role: .applicant, organizationID: unit)
        #expect(!AccessPolicy.decide(stranger, .viewApplication, .application(draft)).isAllowed)
        let clerk = AccessActor(userID: UUID(), role: .unitClerk, organizationID: unit)
        #expect(!AccessPolicy.decide(clerk, .viewApplication, .application(draft)).isAllowed)
        #expect(AccessPolicy.decide(clerk, .viewApplication, .application(submitted)).isAllowed)
        let otherClerk = AccessActor(userID: UUID(), role: .unitClerk, organizationID: UUID())
        #expect(!AccessPolicy.decide(otherClerk, .viewApplication, .application(submitted)).isAllowed)
        let office = AccessActor(userID: UUID(), role: .committeeOffice, organizationID: UUID())
        #expect(!AccessPolicy.decide(office, .viewApplication, .application(draft)).isAllowed)
        #expect(AccessPolicy.decide(office, .viewApplication, .application(submitted)).isAllowed)
        let admin = AccessActor(userID: UUID(), role: .systemAdministrator, organizationID: UUID())
        #expect(!AccessPolicy.decide(admin, .viewApplication, .application(submitted)).isAllowed)
    }
}
