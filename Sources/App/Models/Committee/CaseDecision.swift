import Domain
import Fluent
import Foundation

/// The committee office's decision on a 复查/投诉/异议 case (one per case): the outcome,
/// what a re-review re-does, and why. The application follows it through `reexamine`.
final class CaseDecision: Model, @unchecked Sendable {
    static let schema = "result_case_decisions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var resultCase: ResultCase
    /// `ReexaminationOutcome` raw value.
    @Field(key: "outcome") var outcome: String
    /// `ReexaminationRedo` raw value, for a re-review.
    @OptionalField(key: "redo") var redo: String?
    @Field(key: "reason") var reason: String
    @Field(key: "decided_on") var decidedOn: String
    @Field(key: "actor_name") var actorName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(caseID: UUID, outcome: ReexaminationOutcome, redo: ReexaminationRedo?, reason: String, decidedOn: LocalDate, actorName: String) {
        self.$resultCase.id = caseID; self.outcome = outcome.rawValue; self.redo = redo?.rawValue
        self.reason = reason; self.decidedOn = decidedOn.iso; self.actorName = actorName
    }

    var outcomeValue: ReexaminationOutcome { StoredValue.checked("result_case_decisions.outcome", outcome, ReexaminationOutcome.init(rawValue:)) }
    var redoValue: ReexaminationRedo? { redo.map { StoredValue.checked("result_case_decisions.redo", $0, ReexaminationRedo.init(rawValue:)) } }
}
