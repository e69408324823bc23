import Foundation
import Testing
@testable import Domain

/// The state machine after submission (issue 9 item 1): every transition allowed
/// and refused by role, party and state, and the route deciding where an
/// approval goes (四（三）, 六, 十（三）; shared/contracts/workflow.md).
@Suite struct ReviewWorkflowTests {
    let countyRoute: [RouteStep] = [.unit, .countyIndustryBureau, .cityHRFiling, .committeeOffice]
    let agencyRoute: [RouteStep] = [.unit, .personnelAgency, .countyHR, .countyIndustryBureau, .committeeOffice]

    func facts(_ role: Role, party: Bool = true, route: [RouteStep]? = nil, reason: String = "") -> TransitionFacts {
        TransitionFacts(actorRole: role, actorIsApplicant: false, actorIsParty: party, route: route ?? countyRoute, reason: reason)
    }

    @Test func unitTakesUpAndRecommendsToTheFirstReviewingBody() {
        #expect(Workflow.fire(.unitAccept, from: .submitted, facts: facts(.unitClerk)) == .success(.unitReview))
        #expect(Workflow.fire(.recommend, from: .unitReview, facts: facts(.unitClerk)) == .success(.countyIndustryReview))
        #expect(Workflow.fire(.recommend, from: .unitReview, facts: facts(.unitClerk, route: agencyRoute)) == .success(.agencyReview))
    }

    @Test func recommendationWaitsForTheEvaluation() {
        var f = facts(.unitClerk)
        f.unitEvaluationMissing = ["单位鉴定意见"]
        #expect(Workflow.fire(.recommend, from: .unitReview, facts: f) == .failure(.evaluationIncomplete(["单位鉴定意见"])))
    }

    @Test func approvalsWalkTheRouteToTheOffice() {
        #expect(Workflow.fire(.approve, from: .countyIndustryReview, facts: facts(.countyBureau)) == .success(.cityHRFiling))
        #expect(Workflow.fire(.approve, from: .cityHRFiling, facts: facts(.cityHR)) == .success(.intake))
        let a = agencyRoute
        #expect(Workflow.fire(.approve, from: .agencyReview, facts: facts(.personnelAgency, route: a)) == .success(.countyHRReview))
        #expect(Workflow.fire(.approve, from: .countyHRReview, facts: facts(.countyHR, route: a)) == .success(.countyIndustryReview))
        #expect(Workflow.fire(.approve, from: .countyIndustryReview, facts: facts(.countyBureau, route: a)) == .success(.intake))
    }

    @Test func onlyTheCurrentPartyActs() {
        // The wrong body (a party of another county, or not on the route) is refused.
        #expect(Workflow.fire(.approve, from: .countyIndustryReview, facts: facts(.countyBureau, party: false)) == .failure(.notParty))
        // A role that never approves.
        #expect(Workflow.fire(.approve, from: .countyIndustryReview, facts: facts(.applicant)) == .failure(.notAllowed))
        #expect(Workflow.fire(.approve, from: .countyIndustryReview, facts: facts(.expert)) == .failure(.notAllowed))
        #expect(Workflow.fire(.acceptAtIntake, from: .intake, facts: facts(.cityHR)) == .failure(.notAllowed))
        #expect(Workflow.fire(.unitAccept, from: .submitted, facts: facts(.committeeOffice)) == .failure(.notAllowed))
    }

    @Test func outOfOrderIsRefusedWithTheCurrentState() {
        #expect(Workflow.fire(.approve, from: .unitReview, facts: facts(.countyBureau)) == .failure(.wrongState(.unitReview)))
        #expect(Workflow.fire(.recommend, from: .submitted, facts: facts(.unitClerk)) == .failure(.wrongState(.submitted)))
        #expect(Workflow.fire(.acceptAtIntake, from: .accepted, facts: facts(.committeeOffice)) == .failure(.wrongState(.accepted)))
        // A second approval of the same step (double click): the state has moved on.
        #expect(Workflow.fire(.approve, from: .intake, facts: facts(.cityHR)) == .failure(.wrongState(.intake)))
    }

    @Test func returnRejectAndCancelNeedAReason() {
        #expect(Workflow.fire(.returnForCorrection, from: .countyIndustryReview, facts: facts(.countyBureau)) == .failure(.reasonMissing))
        #expect(Workflow.fire(.returnForCorrection, from: .countyIndustryReview, facts: facts(.countyBureau, reason: "  ")) == .failure(.reasonMissing))
        #expect(Workflow.fire(.returnForCorrection, from: .countyIndustryReview, facts: facts(.countyBureau, reason: "缺学历证明")) == .success(.returned))
        #expect(Workflow.fire(.reject, from: .unitReview, facts: facts(.unitClerk, reason: "不符合学历要求")) == .success(.rejected))
        #expect(Workflow.fire(.cancelForIntegrity, from: .intake, facts: facts(.committeeOffice, reason: "论文系伪造")) == .success(.cancelled))
        #expect(Workflow.fire(.cancelForIntegrity, from: .rejected, facts: facts(.committeeOffice, reason: "x")) == .failure(.wrongState(.rejected)))
    }

    @Test func aReturnedApplicationIsEditedAndSubmittedAgain() {
        #expect(ApplicationState.returned.isEditable)
        let applicant = TransitionFacts(actorRole: .applicant, actorIsApplicant: true, commitmentSigned: true)
        #expect(Workflow.fire(.submit, from: .returned, facts: applicant) == .success(.submitted))
    }

    @Test func intakeChecksBeforeAccepting() {
        var f = facts(.committeeOffice)
        f.intakeMissing = ["核验原件"]
        #expect(Workflow.fire(.acceptAtIntake, from: .intake, facts: f) == .failure(.intakeIncomplete(["核验原件"])))
        #expect(Workflow.fire(.acceptAtIntake, from: .intake, facts: facts(.committeeOffice)) == .success(.accepted))
    }

    @Test func everyStepHasItsWaitingState() {
        for step in RouteStep.allCases where step != .unit {
            #expect(ApplicationState.awaiting(step).step == step)
        }
        #expect(Set(RouteStep.allCases.map { ApplicationState.awaiting($0) }).count == RouteStep.allCases.count)
    }

    @Test func partiesByOrganizationAndCounty() {
        let unit = UUID(), dept = UUID(), agency = UUID()
        let app = ApplicationFacts(id: UUID(), applicantID: UUID(), unitID: unit, state: .countyIndustryReview,
                                   route: countyRoute, routeCounty: "140423", reachedStep: 1,
                                   competentDepartmentID: dept, personnelAgencyID: agency)
        let ownCounty = AccessActor(userID: UUID(), role: .countyBureau, organizationID: UUID(), organizationDivision: "140423")
        let otherCounty = AccessActor(userID: UUID(), role: .countyBureau, organizationID: UUID(), organizationDivision: "140403")
        #expect(ReviewParty.actsNow(ownCounty, for: app))
        #expect(!ReviewParty.actsNow(otherCounty, for: app))
        #expect(AccessPolicy.decide(ownCounty, .viewApplication, .application(app)).isAllowed)
        #expect(!AccessPolicy.decide(otherCounty, .viewApplication, .application(app)).isAllowed)
        #expect(AccessPolicy.decide(ownCounty, .reviewApplication, .application(app)).isAllowed)
        // The city HR bureau files next: it may not see the application before it arrives.
        let cityHR = AccessActor(userID: UUID(), role: .cityHR, organizationID: UUID(), organizationDivision: "140400")
        #expect(!AccessPolicy.decide(cityHR, .viewApplication, .application(app)).isAllowed)
        #expect(!AccessPolicy.decide(cityHR, .reviewApplication, .application(app)).isAllowed)
        let filed = ApplicationFacts(id: app.id, applicantID: app.applicantID, unitID: unit, state: .cityHRFiling,
                                     route: countyRoute, routeCounty: "140423", reachedStep: 2)
        #expect(AccessPolicy.decide(cityHR, .reviewApplication, .application(filed)).isAllowed)
        // The county bureau keeps seeing what it passed on, but may no longer act on it.
        #expect(AccessPolicy.decide(ownCounty, .viewApplication, .application(filed)).isAllowed)
        #expect(!AccessPolicy.decide(ownCounty, .reviewApplication, .application(filed)).isAllowed)
        // Experts and administrators see no declaration on the workflow path.
        let expert = AccessActor(userID: UUID(), role: .expert, organizationID: unit)
        #expect(!AccessPolicy.decide(expert, .viewApplication, .application(filed)).isAllowed)
    }

    @Test func unitEvaluationOnlyForItsOwnUnitInTheUnitStage() {
        let unit = UUID()
        let clerk = AccessActor(userID: UUID(), role: .unitClerk, organizationID: unit)
        let other = AccessActor(userID: UUID(), role: .unitClerk, organizationID: UUID())
        func app(_ state: ApplicationState) -> ApplicationFacts {
            ApplicationFacts(id: UUID(), applicantID: UUID(), unitID: unit, state: state, route: countyRoute)
        }
        #expect(AccessPolicy.decide(clerk, .evaluateApplication, .application(app(.unitReview))).isAllowed)
        #expect(!AccessPolicy.decide(other, .evaluateApplication, .application(app(.unitReview))).isAllowed)
        #expect(!AccessPolicy.decide(clerk, .evaluateApplication, .application(app(.countyIndustryReview))).isAllowed)
    }
}
