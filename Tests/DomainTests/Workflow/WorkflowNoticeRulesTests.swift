import Testing
@testable import Domain

/// Who hears about a transition (issue 17 item 6).
@Suite struct WorkflowNoticeRulesTests {
    typealias A = WorkflowNoticeRules.Audience

    @Test func arrivalsInAQueueTellThatQueuesParty() {
        #expect(WorkflowNoticeRules.audiences(.submit, from: .draft, to: .submitted, actorIsApplicant: true) == [.unitClerks, .queue(.unit)])
        #expect(WorkflowNoticeRules.audiences(.approve, from: .departmentReview, to: .cityHRReview, actorIsApplicant: false)
                == [.applicant, .queue(.cityHRReview)])
        #expect(WorkflowNoticeRules.audiences(.recommend, from: .unitReview, to: .countyIndustryReview, actorIsApplicant: false)
                == [.applicant, .queue(.countyIndustryBureau)])
        #expect(WorkflowNoticeRules.audiences(.approve, from: .cityHRReview, to: .intake, actorIsApplicant: false)
                == [.applicant, .queue(.committeeOffice)])
    }

    @Test func noArrivalWithoutANewQueue() {
        // Taking up what was submitted to the unit stays in the unit's queue.
        #expect(WorkflowNoticeRules.audiences(.unitAccept, from: .submitted, to: .unitReview, actorIsApplicant: false) == [.applicant])
        // A return goes to the applicant (and the unit hears), no body's queue.
        #expect(WorkflowNoticeRules.audiences(.returnForCorrection, from: .departmentReview, to: .returned, actorIsApplicant: false)
                == [.applicant, .unitClerks])
        #expect(WorkflowNoticeRules.audiences(.acceptAtIntake, from: .intake, to: .accepted, actorIsApplicant: false)
                == [.applicant, .unitClerks])
    }

    @Test func rolesAndMessages() {
        #expect(WorkflowNoticeRules.role(at: .countyIndustryBureau) == .countyBureau)
        #expect(WorkflowNoticeRules.role(at: .cityHRFiling) == .cityHR)
        #expect(WorkflowNoticeRules.arrivalMessage(applicant: "张伟", level: "工程师", specialty: "机械工程", step: .competentDepartment,
                                                   state: .departmentReview, again: true)
                == "待办：张伟的申报（工程师，机械工程）经退回修改后再次报送到本机构（主管部门审核），当前状态为“待主管部门审核”")
        #expect(NotificationChannel.channels(hasMobile: false) == [.inApp])
        #expect(NotificationChannel.channels(hasMobile: true) == [.inApp, .sms])
    }
}
