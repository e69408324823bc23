import Vapor

struct UnitClerksController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
