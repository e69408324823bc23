import Domain
import Vapor

/// The signed-in home page for every role.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.workbench, use: home).requires(.viewOwnHome).cachesPage()
    }

    @Sendable func home(req: Request) async throws -> Response {
        guard let user = req.currentUser, let actor = req.actor else { throw PageError.signInRequired(expired: false) }
        return try await RoleHomePage.load(req, user: user, viewer: actor).render().response()
    }
}

/// Shows an ID number or mobile number in full only to those `AccessPolicy`
/// allows (the person, the committee office); everyone else sees it masked.
struct PersonalData {
    let fullAllowed: Bool

    init(viewer: AccessActor?, owner: UUID) {
        fullAllowed = AccessPolicy.decide(viewer, .viewPersonalData, .personalData(ownerUserID: owner)).isAllowed
    }

    func idNumber(_ value: String) -> String { fullAllowed ? value : Masking.middle(value) }
    func mobile(_ value: String) -> String { fullAllowed ? value : Masking.middle(value) }
}
