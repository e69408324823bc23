import Vapor

struct OrganizationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
