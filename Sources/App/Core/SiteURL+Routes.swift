import Vapor

// MARK: - Registering routes from addresses

extension RoutesBuilder {
    @discardableResult
    func get<Response: AsyncResponseEncodable>(
        _ url: SiteURL, use closure: @escaping @Sendable (Request) async throws -> Response
    ) -> Vapor.Route {
        get(url.pathComponents, use: closure)
    }

    @discardableResult
    func post<Response: AsyncResponseEncodable>(
        _ url: SiteURL, use closure: @escaping @Sendable (Request) async throws -> Response
    ) -> Vapor.Route {
        post(url.pathComponents, use: closure)
    }
}
