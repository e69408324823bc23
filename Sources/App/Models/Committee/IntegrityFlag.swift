import Fluent
import Foundation

/// A reviewer's report of suspected false materials (疑似虚假材料) with the evidence;
/// the committee office confirms it (cancelling the application and opening the
/// integrity record) or dismisses it with a reason (十（二）).
final class IntegrityFlag: Model, @unchecked Sendable {
    static let schema = "integrity_flags"

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: ApplicationRecord
    @Parent(key: "reporter_id") var reporter: UserAccount
    @Field(key: "reporter_name") var reporterName: String
    /// The reporter's role label when they reported (单位经办人, 评审专家 ...).
    @Field(key: "reporter_role") var reporterRole: String
    @Field(key: "evidence") var evidence: String
    /// open | confirmed | dismissed.
    @Field(key: "state") var state: String
    @OptionalField(key: "resolution") var resolution: String?
    @OptionalField(key: "resolved_at") var resolvedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(applicationID: UUID, reporterID: UUID, reporterName: String, reporterRole: String, evidence: String) {
        self.$application.id = applicationID; self.$reporter.id = reporterID; self.reporterName = reporterName
        self.reporterRole = reporterRole; self.evidence = evidence; self.state = "open"
    }

    var stateLabel: String {
        switch state {
        case "confirmed": "已核实，取消评审资格"
        case "dismissed": "经核查不属实"
        default: "待评委会办公室核查"
        }
    }
}
