import Domain
import Fluent
import Vapor

extension Request {
    /// Loads the declaration named by the `appID` route parameter and asks
    /// `AccessPolicy` whether the actor may perform `action` on it. Every
    /// application page, file download and print view goes through here.
    func application(for action: Action, parameter: String = "appID") async throws -> ApplicationRecord {
        guard let id = parameters.get(parameter, as: UUID.self),
              let application = try await ApplicationRecord.loadWithParties(id, on: db) else {
            throw PageError.notFound
        }
        if case .deny(let reason) = AccessPolicy.decide(actor, action, .application(try application.facts())) {
            throw PageError.forbidden(reason)
        }
        return application
    }
}

extension ApplicationRecord {
    /// The application with its applicant and unit loaded, in one joined query
    /// (every page of a declaration opens with this; three queries were a quarter
    /// of the overview's time).
    static func loadWithParties(_ id: UUID, on db: any Database) async throws -> ApplicationRecord? {
        guard let application = try await ApplicationRecord.query(on: db)
            .join(UserAccount.self, on: \ApplicationRecord.$applicant.$id == \UserAccount.$id)
            .join(Organization.self, on: \ApplicationRecord.$unit.$id == \Organization.$id)
            .filter(\.$id == id).first() else { return nil }
        application.$applicant.value = try application.joined(UserAccount.self)
        application.$unit.value = try application.joined(Organization.self)
        return application
    }
}
