import Vapor

struct AccountsAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
