import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting
@testable import App

/// Issue 12: no N+1 queries. The database work of a page must not grow with the
/// size of what it shows; counted with Fluent's query history for each request.
@Suite struct QueryCountTests {
    /// Records how many Fluent queries each request ran.
    final class QueryCounter: AsyncMiddleware, @unchecked Sendable {
        let counts = NIOLockedValueBox<[String: Int]>([:])
        func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            req.fluent.history.start()
            let response = try await next.respond(to: req)
            let n = req.fluent.history.queries.count
            counts.withLockedValue { $0[req.url.path] = n }
            return response
        }
        func count(_ path: String) -> Int? { counts.withLockedValue { $0[path] } }
    }

    /// Fluent's history counts what goes through Fluent's query builder: the session
    /// (with its person, organization and the data generation) is one written-out statement
    /// (`SessionRow`) on top of these.
    @Test("an applicant's overview runs three Fluent queries with 2 papers or with 12 (application, items, files)")
    func overviewDoesNotGrowWithTheDeclaration() async throws {
        try await withTestApp { app in
            let counter = QueryCounter()
            app.middleware.use(counter, at: .beginning)
            var b = Browser(app)
            try await b.login("applicant1")
            let overview = try await b.startDeclaration()
            for i in 0..<2 { _ = try await b.add(overview, "papers", DeclarationFixtures.paper("论文\(i)", "2020-0\(i + 1)-01")) }
            let small = try await b.get(overview)
            #expect(small.status == .ok && small.text.contains("申报概览"))
            let fewItems = try #require(counter.count(overview))
            for i in 2..<12 { _ = try await b.add(overview, "papers", DeclarationFixtures.paper("论文\(i)", "2020-0\(i % 9 + 1)-15")) }
            let large = try await b.get(overview)
            #expect(large.status == .ok && large.text.contains("论文11"))
            let manyItems = try #require(counter.count(overview))
            #expect(fewItems == manyItems)
            #expect(manyItems == 3)
        }
    }
}
