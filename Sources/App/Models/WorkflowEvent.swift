import Fluent
import Foundation

/// One step of an application's history as its timeline shows it: who acted, for
/// which body, what they did and with what opinion. Written with the state change
/// and its audit record in one transaction.
final class WorkflowEvent: Model, @unchecked Sendable {
    static let schema = "workflow_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: ApplicationRecord
    @Field(key: "occurred_at") var occurredAt: Date
    @OptionalParent(key: "actor_id") var actor: UserAccount?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "organization_name") var organizationName: String
    /// `ApplicationTransition` raw value.
    @Field(key: "transition") var transition: String
    @Field(key: "from_state") var fromState: String
    @Field(key: "to_state") var toState: String
    /// The opinion or reason given (审核意见、退回理由).
    @Field(key: "opinion") var opinion: String

    init() {}

    init(applicationID: UUID, occurredAt: Date, actorID: UUID?, actorName: String, organizationName: String,
         transition: String, fromState: String, toState: String, opinion: String) {
        self.$application.id = applicationID
        self.occurredAt = occurredAt
        self.$actor.id = actorID
        self.actorName = actorName
        self.organizationName = organizationName
        self.transition = transition
        self.fromState = fromState
        self.toState = toState
        self.opinion = opinion
    }
}
