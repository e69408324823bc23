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

    init() {}

    init(dayID: UUID, organizationID: UUID, batchSize: Int, contactName: String, contactPhone: String, bookedBy: UUID?) {
        self.$intakeDay.id = dayID; self.$organization.id = organizationID; self.batchSize = batchSize
        self.contactName = contactName; self.contactPhone = contactPhone; self.$bookedBy.id = bookedBy
    }
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
