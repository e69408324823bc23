import Domain
import Fluent
import Foundation
import Testing
import Vapor
@testable import App

@Suite("管理功能的访问控制")
struct AdminAccessTests {
    /// Every registered /admin route, with `:id` filled in with a real id of
    /// the right kind so a refusal cannot be a 404 in disguise.
    private func adminRoutes(_ app: Application, orgID: UUID, accountID: UUID) -> [(HTTPMethod, String)] {
        app.routes.all.compactMap { route in
            guard case .constant("admin") = route.path.first else { return nil }
            let isAccount = route.path.contains { if case .constant("accounts") = $0 { true } else { false } }
            let parts = route.path.map { component -> String in
                switch component {
                case .constant(let s): s
                case .parameter: (isAccount ? accountID : orgID).uuidString
                default: "x"
                }
            }
            return (route.method, "/" + parts.joined(separator: "/"))
        }
    }

    @Test("every role except system administrator gets 403 on every /admin route")
    func nonAdminsRefused() async throws {
        try await withTestApp { app in
            let org = try await AdminFixtures.org(AdminFixtures.heavyUnit, app)
            let target = try await AdminFixtures.account("applicant2", app)
            let routes = adminRoutes(app, orgID: org.id!, accountID: target.id!)
            #expect(routes.count >= 14)
            let audits = try await AuditRecord.query(on: app.db).filter(\.$action !=~ "login").count()
            for username in ["office", "cityhr", "county1", "dept1", "unit1", "applicant1", "expert1"] {
                var b = Browser(app)
                try await b.login(username)
                try await b.get("/home")
                for (method, path) in routes {
                    let res = method == .GET ? try await b.get(path) : try await b.post(path, [:])
                    #expect(res.status == .forbidden, "\(username) \(method) \(path)")
                }
            }
            // Nothing was changed; each refusal is recorded as a security event (issue 8, item 3).
            #expect(try await AuditRecord.query(on: app.db).filter(\.$action !=~ "login")
                .filter(\.$action != "security.denied").count() == audits)
            #expect(try await AuditRecord.query(on: app.db).filter(\.$action == "security.denied").count() == routes.count * 7)
            #expect(try await AdminFixtures.account("applicant2", app).isDisabled == false)

            var anonymous = Browser(app)
            for (method, path) in routes where method == .GET {
                #expect(try await anonymous.get(path).location?.hasPrefix("/login") == true, "\(path)")
            }
        }
    }

    @Test("the administrator reaches every admin page")
    func adminAllowed() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("admin")
            for path in ["/admin/organizations", "/admin/organizations/new", "/admin/accounts", "/admin/accounts/new",
                         "/admin/audit", "/organizations"] {
                #expect(try await b.get(path).status == .ok, "\(path)")
            }
        }
    }
}
