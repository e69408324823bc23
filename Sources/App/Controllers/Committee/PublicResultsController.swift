import Domain
import Fluent
import Vapor

/// The public result pages: 评审结果公示 (`PublicResultsPage`) and 证书查验
/// (`CertificateVerifyPage`: 已撤销 after 十（二））.
struct PublicResultsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.results, use: publicList).isPublic().cachesPage()
        routes.get(.verify, use: verifyForm).isPublic().cachesPage()
        routes.get(.verifyCode(.pattern), use: verify).isPublic().cachesPage()
    }

    @Sendable func publicList(req: Request) async throws -> Response {
        try await PublicResultsPage.load(req).render().response()
    }

    @Sendable func verifyForm(req: Request) async throws -> Response {
        if let code = req.query[String.self, at: "code"]?.trimmingCharacters(in: .whitespaces), !code.isEmpty {
            return req.redirect(to: SiteURL.verifyCode(.value(code)).path)
        }
        return CertificateVerifyPage.form(req).render().response()
    }

    @Sendable func verify(req: Request) async throws -> Response {
        let page = try await CertificateVerifyPage.load(req, code: req.parameters.get("code") ?? "")
        return page.render().response(status: page.status)
    }
}
