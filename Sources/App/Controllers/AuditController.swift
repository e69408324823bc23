import Vapor

struct AuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
