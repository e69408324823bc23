import Fluent
import Foundation

/// The publicity of the passed list (评审结果公示), on official working days.
final class ResultPublicity: Model, @unchecked Sendable {
    static let schema = "result_publicities"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "starts") var starts: String
    @Field(key: "ends") var ends: String
    /// The applications on this list: ids joined by commas.
    @Field(key: "applications") var applications: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// 审核确认: the day the city HR bureau confirmed this list, and who (certificates for
    /// it are issued only after). A record on the list, not an application state.
    @OptionalField(key: "confirmed_on") var confirmedOn: String?
    @OptionalField(key: "confirmed_by") var confirmedBy: UUID?
    @OptionalField(key: "confirmed_by_name") var confirmedByName: String?

    init() {}

    init(year: Int, starts: String, ends: String, applicationIDs: [UUID]) {
        self.year = year; self.starts = starts; self.ends = ends
        self.applications = applicationIDs.map(\.uuidString).joined(separator: ",")
    }

    var applicationIDs: [UUID] { applications.split(separator: ",").compactMap { UUID(uuidString: String($0)) } }
    var isConfirmed: Bool { confirmedOn != nil }
}

/// An objection during the publicity (异议), a re-examination request (复查) or a
/// complaint (投诉), and how the office handled it.
final class ResultCase: Model, @unchecked Sendable {
    static let schema = "result_cases"

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: ApplicationRecord
    /// objection | recheck | complaint.
    @Field(key: "kind") var kind: String
    @Field(key: "received") var received: String
    @Field(key: "content") var content: String
    @OptionalField(key: "resolution") var resolution: String?
    @OptionalField(key: "resolved_on") var resolvedOn: String?

    init() {}

    init(applicationID: UUID, kind: String, received: String, content: String) {
        self.$application.id = applicationID; self.kind = kind; self.received = received; self.content = content
    }

    static let kinds: [(String, String)] = [("objection", "公示异议"), ("recheck", "复查申请"), ("complaint", "投诉")]
    var kindLabel: String { Self.kindLabel(kind) }
    static func kindLabel(_ kind: String) -> String { kinds.first { $0.0 == kind }?.1 ?? kind }
}

/// A certificate (职称证书) with its number and random verification code; the holder's
/// details are copied at issue so the public check never reads the live declaration.
final class CertificateRecord: Model, @unchecked Sendable {
    static let schema = "certificates"

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: ApplicationRecord
    @Field(key: "number") var number: String
    @Field(key: "code") var code: String
    @Field(key: "issued_on") var issuedOn: String
    @Field(key: "holder_name") var holderName: String
    @Field(key: "masked_id") var maskedID: String
    @Field(key: "title") var title: String
    @Field(key: "specialty") var specialty: String
    @Field(key: "committee") var committee: String
    /// Set when the certificate is revoked (false materials found after certification, 十（二））.
    @OptionalField(key: "revoked_on") var revokedOn: String?
    @OptionalField(key: "revoked_reason") var revokedReason: String?

    init() {}

    init(applicationID: UUID, number: String, code: String, issuedOn: String, holderName: String, maskedID: String,
         title: String, specialty: String, committee: String) {
        self.$application.id = applicationID; self.number = number; self.code = code; self.issuedOn = issuedOn
        self.holderName = holderName; self.maskedID = maskedID; self.title = title; self.specialty = specialty
        self.committee = committee
    }
}
