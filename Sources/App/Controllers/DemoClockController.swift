import Domain
import Vapor

/// 演示日期: the office moves the demo's clock forward. Anywhere but the demo (a real
/// clock, the tests' fixed clock) the page does not exist.
struct DemoClockController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.demoClock, use: show).requires(.manageCommittee).cachesPage()
        routes.post(.demoClock, use: move).requires(.manageCommittee)
    }

    private func shift(_ req: Request) throws -> DemoShift {
        guard let shift = req.clock.demoShift else { throw PageError.notFound }
        return shift
    }

    @Sendable func show(req: Request) async throws -> Response {
        _ = try shift(req)
        return try await DemoClockPage.load(req).render().response()
    }

    @Sendable func move(req: Request) async throws -> Response {
        let shift = try shift(req)
        let typed = CommitteeData.field(req, "day")
        guard let day = LocalDate(iso: typed) else {
            return try await DemoClockPage.load(req, errors: ["日期格式应为 YYYY-MM-DD"], typed: typed).render().response(status: .unprocessableEntity)
        }
        let today = req.today
        guard day > today else {
            return try await DemoClockPage.load(req, errors: ["演示日期只能向后调整（当前\(today.chinese)）"], typed: typed)
                .render().response(status: .unprocessableEntity)
        }
        // Any year the application holds a bundle for: the shipped year, and a later year
        // once the office has activated it, so the demo can walk into the new year's
        // declaration (issue 19). A year without a bundle has no rules to answer from.
        let years = req.application.policyRegistry.all.map(\.year.year)
        guard years.contains(day.year) else {
            return try await DemoClockPage.load(req, errors: [DemoClockPage.yearsText(years, prefix: "演示日期须在")], typed: typed)
                .render().response(status: .unprocessableEntity)
        }
        let days = today.days(to: day)
        try await req.audit(req.auditEntry("demo.clock", detail: "\(today.iso) -> \(day.iso)"))
        _ = shift.advance(days: days)
        req.application.pageCache?.rulesChanged() // pages rendered on the earlier date go
        return req.redirect(to: SiteURL.demoClock.path(query: ["notice": "saved"]))
    }
}
