import Domain
import Fluent
import Foundation

/// The office's part of an application's duplication check: the ratio of the
/// external report (entered from the uploaded 检测报告) and its decision on a flag
/// (confirm: not admitted to the defense; override: admitted), with the reason.
final class SimilarityReview: Model, @unchecked Sendable {
    static let schema = "similarity_reviews"

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: ApplicationRecord
    @OptionalField(key: "external_ratio") var externalRatio: Double?
    @OptionalField(key: "decision") var decision: String?
    @Field(key: "reason") var reason: String
    /// The exceeded-limit lines the decision was made on, one a line (M0037): the decision
    /// covers those and no later, higher ratio (`DefenseAdmission.decide`). Nil on a
    /// decision recorded before the lines were kept.
    @OptionalField(key: "decided_on") var decidedOn: String?
    @OptionalParent(key: "decided_by") var decidedBy: UserAccount?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(applicationID: UUID) {
        self.$application.id = applicationID
        self.reason = ""
    }

    /// The stored decision; a value that does not decode is an error.
    func decisionValue() throws -> DefenseAdmission.Decision? { try Self.decision(decision) }

    var decidedOnLines: [String]? { Self.lines(decidedOn) }

    /// A stored decision column read back (also from a list's columns); one that does not decode is an error.
    static func decision(_ raw: String?) throws -> DefenseAdmission.Decision? {
        guard let raw else { return nil }
        guard let value = DefenseAdmission.Decision(rawValue: raw) else {
            throw StoredValueError(field: "similarity_reviews.decision", value: raw)
        }
        return value
    }

    /// The stored `decided_on` column as its lines.
    static func lines(_ decidedOn: String?) -> [String]? {
        decidedOn.map { $0.split(separator: "\n").map(String.init) }
    }
}
