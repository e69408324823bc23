import Domain
import Fluent
import Foundation

/// A day the committee office receives materials, with how many batches it takes.
final class IntakeDay: Model, @unchecked Sendable {
    static let schema = "intake_days"

    @ID(key: .id) var id: UUID?
    /// `YYYY-MM-DD`, inside the policy's intake window, a working day.
    @Field(key: "day") var day: String
    @Field(key: "capacity") var capacity: Int
    @Field(key: "note") var note: String
    @OptionalParent(key: "created_by") var createdBy: UserAccount?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Children(for: \.$intakeDay) var bookings: [IntakeBooking]

    init() {}

    init(day: String, capacity: Int, note: String, createdBy: UUID?) {
        self.day = day; self.capacity = capacity; self.note = note; self.$createdBy.id = createdBy
    }
}

/// A unit's or reporting body's appointment for its batch (电话预约、专人统一报送).
final class IntakeBooking: Model, @unchecked Sendable {
    static let schema = "intake_bookings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "intake_day_id") var intakeDay: IntakeDay
    @Parent(key: "organization_id") var organization: Organization
    /// How many applications the batch brings.
    @Field(key: "batch_size") var batchSize: Int
    /// 送件专人.
    @Field(key: "contact_name") var contactName: String
    @Field(key: "contact_phone") var contactPhone: String
    @OptionalField(key: "checked_in_at") var checkedInAt: Date?
    @OptionalParent(key: "booked_by") var bookedBy: UserAccount?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Children(for: \.$booking) var items: [IntakeBookingItem]

    init() {}

    init(dayID: UUID, organizationID: UUID, batchSize: Int, contactName: String, contactPhone: String, bookedBy: UUID?) {
        self.$intakeDay.id = dayID; self.$organization.id = organizationID; self.batchSize = batchSize
        self.contactName = contactName; self.contactPhone = contactPhone; self.$bookedBy.id = bookedBy
    }
}

/// One application a booking brings, and what the office recorded for it at the
/// counter (十（三）, 五): originals checked, copies received, accepted or returned,
/// and the originals handed back after the review.
final class IntakeBookingItem: Model, @unchecked Sendable {
    static let schema = "intake_booking_items"

    enum Outcome: String { case accepted, returned }

    @ID(key: .id) var id: UUID?
    @Parent(key: "booking_id") var booking: IntakeBooking
    @Parent(key: "application_id") var application: ApplicationRecord
    /// The application's id while the booking is open, nil once it closed (unique: one open booking each).
    @OptionalField(key: "open_application_id") var openApplicationID: UUID?
    @OptionalField(key: "outcome") var outcome: String?
    @Field(key: "originals_checked") var originalsChecked: Bool
    @OptionalField(key: "evaluation_form_copies") var evaluationFormCopies: Int?
    @OptionalField(key: "review_form_copies") var reviewFormCopies: Int?
    @OptionalField(key: "submitted_paper_copies") var submittedPaperCopies: Int?
    @OptionalField(key: "remark") var remark: String?
    @OptionalField(key: "received_at") var receivedAt: Date?
    @OptionalParent(key: "received_by") var receivedBy: UserAccount?
    /// `YYYY-MM-DD` the originals went back to the body that brought them.
    @OptionalField(key: "originals_returned_on") var originalsReturnedOn: String?
    @OptionalField(key: "originals_returned_at") var originalsReturnedAt: Date?
    @OptionalParent(key: "originals_returned_by") var originalsReturnedBy: UserAccount?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(bookingID: UUID, applicationID: UUID) {
        self.$booking.id = bookingID; self.$application.id = applicationID
        self.openApplicationID = applicationID; self.originalsChecked = false
    }

    var outcomeValue: Outcome? { outcome.flatMap(Outcome.init(rawValue:)) }
}

/// 评审费 received for an application: the amount the policy set, the receipt.
final class FeePayment: Model, @unchecked Sendable {
    static let schema = "fee_payments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: ApplicationRecord
    /// Yuan, from the policy when it was paid.
    @Field(key: "amount") var amount: Int
    @Field(key: "receipt_no") var receiptNo: String
    @Field(key: "paid_on") var paidOn: String
    @OptionalParent(key: "recorded_by") var recordedBy: UserAccount?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(applicationID: UUID, amount: Int, receiptNo: String, paidOn: String, recordedBy: UUID?) {
        self.$application.id = applicationID; self.amount = amount; self.receiptNo = receiptNo
        self.paidOn = paidOn; self.$recordedBy.id = recordedBy
    }
}

// MARK: queries the fee page and the fee forms share

extension FeePayment {
    /// Applications accepted at intake (whatever happened to them since), in order of
    /// submission, each with its recorded payment. `year` nil: every year (recording a
    /// payment finds its application wherever it is); `application`: that one only.
    static func acceptedAtIntake(year: Int?, application: UUID? = nil,
                                 on db: any Database) async throws -> [(application: ApplicationRecord, payment: FeePayment?)] {
        var events = WorkflowEvent.query(on: db).filter(\.$transition == ApplicationTransition.acceptAtIntake.rawValue)
        if let application { events = events.filter(\.$application.$id == application) }
        let accepted = try await events.all().map { $0.$application.id }
        guard !accepted.isEmpty else { return [] }
        var query = ApplicationRecord.query(on: db).filter(\.$id ~~ accepted)
        if let year { query = query.filter(\.$year == year) }
        let applications = try await query.with(\.$applicant).with(\.$unit).sort(\.$submittedAt).all()
        let payments = try await FeePayment.query(on: db).filter(\.$application.$id ~~ accepted).all()
        let paid = Dictionary(payments.map { ($0.$application.id, $0) }, uniquingKeysWith: { a, _ in a })
        return applications.map { ($0, paid[$0.id!]) }
    }

    /// The fee for the application's level, from the bundle it was declared under (八); never a literal.
    static func due(for application: ApplicationRecord, policy: Policy) throws -> Int {
        guard let amount = ReviewFee.amount(for: application.level, policy: policy) else {
            throw StoredValueError(field: "policy.reviewFee", value: application.targetLevel)
        }
        return amount
    }
}

// MARK: queries the intake pages and the counter share

extension IntakeDay {
    /// Every intake day in date order, each with its bookings and their bodies.
    static func allWithBookings(on db: any Database) async throws -> [IntakeDay] {
        try await IntakeDay.query(on: db).with(\.$bookings) { $0.with(\.$organization) }.sort(\.$day).all()
    }
}

extension IntakeBookingItem {
    /// The items of these bookings with their applications, applicants and units, by booking.
    static func byBooking(_ bookings: [UUID], on db: any Database) async throws -> [UUID: [IntakeBookingItem]] {
        guard !bookings.isEmpty else { return [:] }
        let items = try await IntakeBookingItem.query(on: db).filter(\.$booking.$id ~~ bookings)
            .with(\.$application) { $0.with(\.$applicant).with(\.$unit) }.all()
        return Dictionary(grouping: items, by: { $0.$booking.id })
    }
}

extension ApplicationRecord {
    /// Applications waiting at intake that `actor` brings (`IntakeRules.delivers`): its
    /// unit's own, or those whose last step before the office is its own.
    static func deliverable(by actor: AccessActor, on db: any Database) async throws -> [ApplicationRecord] {
        var query = ApplicationRecord.query(on: db).filter(\.$state == ApplicationState.intake.rawValue)
            .with(\.$applicant).with(\.$unit).sort(\.$submittedAt)
        switch actor.role {
        case .unitClerk: query = query.filter(\.$unit.$id == actor.organizationID)
        case .countyHR, .countyBureau: query = query.filter(\.$routeCounty == (actor.organizationDivision ?? "-"))
        default: break
        }
        return try await query.all().filter { app in
            guard let facts = try? app.facts() else { return false }
            return IntakeRules.delivers(actor, facts)
        }
    }
}
