import Domain
import Fluent
import Vapor

extension Request {
    /// Loads the declaration named by the `appID` route parameter and asks
    /// `AccessPolicy` whether the actor may perform `action` on it. Every
    /// application page, file download and print view goes through here.
    func application(for action: Action, parameter: String = "appID") async throws -> ApplicationRecord {
        guard let id = parameters.get(parameter, as: UUID.self),
              let application = try await ApplicationRecord.query(on: db).filter(\.$id == id)
                .with(\.$applicant).with(\.$unit).first() else {
            throw PageError.notFound
        }
        if case .deny(let reason) = AccessPolicy.decide(actor, action, .application(try application.facts())) {
            throw PageError.forbidden(reason)
        }
        return application
    }
}
