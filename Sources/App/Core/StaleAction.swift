import Domain
import Vapor

extension Request {
    /// The application named by `appID` for an action on it (`reviewApplication`,
    /// `evaluateApplication`). When the action is refused because the application
    /// has left the actor's step — approved twice, posted again after the Back
    /// button, a colleague was quicker — the answer is 422 "可能已由他人处理，请刷新页面查看":
    /// the actor's body did act on it, and only the page was stale. Whoever was
    /// never a party of a reached step still gets 403 (deny by default).
    func applicationToAct(_ action: Action) async throws -> ApplicationRecord {
        guard let id = parameters.get("appID", as: UUID.self),
              let application = try await ApplicationRecord.loadWithParties(id, on: db) else {
            throw PageError.notFound
        }
        let facts = try application.facts()
        if case .deny(let reason) = AccessPolicy.decide(actor, action, .application(facts)) {
            if let actor, ReviewParty.hasReached(actor, facts),
               AccessPolicy.decide(actor, .viewApplication, .application(facts)).isAllowed {
                throw PageError.alreadyHandled(TransitionRefusal.wrongState(application.stateValue).message)
            }
            throw PageError.forbidden(reason)
        }
        return application
    }
}
