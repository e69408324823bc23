import Foundation
import Testing
@testable import Domain

/// 十（三）: intake days inside the window on working days, bookings by units and
/// reporting bodies only, capacity; 八: the fees from the policy.
@Suite struct IntakeRulesTests {
    let policy = try! Policy.load(id: "changzhi-2022")
    let calendar = try! WorkingDayCalendar.official()
    func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

    @Test func windowEdgesAndWorkingDays() throws {
        let w = policy.intake
        // 2022-07-25 is a Monday and the first day; 2022-08-25 a Thursday and the last.
        try IntakeRules.checkOpening(d("2022-07-25"), capacity: 3, window: w, today: d("2022-07-01"), calendar: calendar)
        try IntakeRules.checkOpening(d("2022-08-25"), capacity: 3, window: w, today: d("2022-07-01"), calendar: calendar)
        #expect(throws: IntakeRules.Refusal.outsideWindow(w)) {
            try IntakeRules.checkOpening(d("2022-07-24"), capacity: 3, window: w, today: d("2022-07-01"), calendar: calendar)
        }
        #expect(throws: IntakeRules.Refusal.outsideWindow(w)) {
            try IntakeRules.checkOpening(d("2022-08-26"), capacity: 3, window: w, today: d("2022-07-01"), calendar: calendar)
        }
        // 2022-07-30 is a Saturday.
        #expect(throws: IntakeRules.Refusal.notWorkday(d("2022-07-30"))) {
            try IntakeRules.checkOpening(d("2022-07-30"), capacity: 3, window: w, today: d("2022-07-01"), calendar: calendar)
        }
        #expect(throws: IntakeRules.Refusal.capacity) {
            try IntakeRules.checkOpening(d("2022-07-26"), capacity: 0, window: w, today: d("2022-07-01"), calendar: calendar)
        }
        #expect(throws: IntakeRules.Refusal.inThePast(d("2022-07-26"))) {
            try IntakeRules.checkOpening(d("2022-07-26"), capacity: 3, window: w, today: d("2022-07-27"), calendar: calendar)
        }
    }

    @Test func bookingRules() throws {
        let w = policy.intake
        try IntakeRules.checkBooking(role: .unitClerk, day: d("2022-07-26"), capacity: 2, booked: 1, alreadyBookedOn: nil,
                                     window: w, today: d("2022-07-20"))
        #expect(throws: IntakeRules.Refusal.full(d("2022-07-26"))) {
            try IntakeRules.checkBooking(role: .countyBureau, day: d("2022-07-26"), capacity: 2, booked: 2, alreadyBookedOn: nil,
                                         window: w, today: d("2022-07-20"))
        }
        #expect(throws: IntakeRules.Refusal.applicantsCannotBook) {
            try IntakeRules.checkBooking(role: .applicant, day: d("2022-07-26"), capacity: 2, booked: 0, alreadyBookedOn: nil,
                                         window: w, today: d("2022-07-20"))
        }
        #expect(throws: IntakeRules.Refusal.alreadyBooked(d("2022-07-27"))) {
            try IntakeRules.checkBooking(role: .unitClerk, day: d("2022-07-26"), capacity: 2, booked: 0,
                                         alreadyBookedOn: d("2022-07-27"), window: w, today: d("2022-07-20"))
        }
    }

    @Test func feesComeFromThePolicy() {
        #expect(ReviewFee.amount(for: .engineer, policy: policy) == 300)
        #expect(ReviewFee.amount(for: .assistantEngineer, policy: policy) == 260)
        #expect(ReviewFee.amount(for: .technician, policy: policy) == 260)
        #expect(ReviewFee.tier(for: .technician) == "初级")
    }
}
