import Fluent
import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting
@testable import App
import Domain

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

    /// Records every SQL statement each request sent, Fluent's and written-out SQL alike
    /// (Fluent's query history sees only its query builder, not `SQLDatabase.raw`): both drivers
    /// log each statement ("Executing query") with the logger of the request that sent it, so
    /// the request gets a logger that keeps them.
    final class StatementCounter: AsyncMiddleware, @unchecked Sendable {
        let seen = NIOLockedValueBox<[String: [String]]>([:])

        func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            let statements = NIOLockedValueBox<[String]>([])
            var logger = Logger(label: "statement-counter") { _ in Recorder(statements: statements) }
            logger.logLevel = .debug
            req.logger = logger
            let response = try await next.respond(to: req)
            seen.withLockedValue { $0[req.url.string] = statements.withLockedValue { $0 } }
            return response
        }

        func statements(_ path: String) -> [String]? { seen.withLockedValue { $0[path] } }

        struct Recorder: LogHandler {
            let statements: NIOLockedValueBox<[String]>
            var metadata: Logger.Metadata = [:]
            var logLevel: Logger.Level = .debug
            subscript(metadataKey key: String) -> Logger.Metadata.Value? {
                get { metadata[key] }
                set { metadata[key] = newValue }
            }
            func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
                     file: String, function: String, line: UInt) {
                guard message.description == "Executing query" else { return }
                let sql = metadata?["sql"].map { "\($0)" } ?? ""
                // The session's touch (once a minute of wall time, whatever the page) is not the
                // page's: on a loaded machine a minute can pass between sign-in and a page.
                guard !sql.hasPrefix(#"UPDATE "user_sessions""#) else { return }
                statements.withLockedValue { $0.append(sql) }
            }
        }
    }

    /// The committee lists and the public results (issue 18, item 1): what each page sends to
    /// the database, and how many rows it shows, for a year seeded with `size` applications.
    struct ListsSeen {
        var statements: [String: [String]] = [:]
        var rows: [String: Int] = [:]
        /// The pager's 共N条 (how many the list holds over all its pages), where the page has one.
        var totals: [String: Int] = [:]
    }

    static let committeeLists = ["/committee/quantitative", "/committee/results", "/committee/panels", "/committee/meetings",
                                 "/expert/panels", "/results"]

    func committeeLists(seeding size: Int) async throws -> ListsSeen {
        var seen = ListsSeen()
        try await withTestApp(demo: false) { app in
            let password = "Count#pass2022"
            _ = try await Seeder.run(on: app.db, applications: size, policy: app.policies.current, calendar: app.workingDays,
                                     passwordHash: try Bcrypt.hash(password, cost: 4))
            // After the last publicity has started, so the public list shows everyone on it.
            let last = try #require(try await ResultPublicity.query(on: app.db).all().map(\.ends).max())
            app.clock = .fixed(LocalDate(iso: last)!.beijingMorning)
            let counter = StatementCounter()
            app.middleware.use(counter, at: .beginning)
            var office = Browser(app), expert = Browser(app), visitor = Browser(app)
            try await office.login("seed-office", password)
            try await expert.login("seed-expert-001", password)
            for path in Self.committeeLists {
                let page = path == "/expert/panels" ? try await expert.get(path)
                    : path == "/results" ? try await visitor.get(path) : try await office.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.text.contains("</main>"), "\(path)")
                seen.statements[path] = try #require(counter.statements(path), "\(path)")
                seen.rows[path] = page.text.components(separatedBy: "<tr>").count - 1
                if let match = page.text.firstMatch(of: /共(\d+)条，第1\/\d+页/) { seen.totals[path] = Int(match.1) }
            }
        }
        return seen
    }

    @Test("the committee lists and the public results send as many statements for 3N applications as for N, and none reads a declaration")
    func committeeListsDoNotGrowWithThePeopleListed() async throws {
        let small = try await committeeLists(seeding: 150)
        let large = try await committeeLists(seeding: 450)
        for path in Self.committeeLists {
            let few = try #require(small.statements[path]), many = try #require(large.statements[path])
            #expect(few.count == many.count, "\(path): \(few.count) statements for 150 applications, \(many.count) for 450")
            // Whole application records carry the declaration (`basics`) and the work report;
            // these lists show neither, so no statement may read them.
            for sql in many {
                #expect(!sql.contains(#""basics""#) && !sql.contains(#""work_report""#), "\(path) read a declaration: \(sql.prefix(300))")
            }
        }
        // The lists did grow: the same statements served three times the people, and a page
        // shows at most its page size of them (the pager counts the rest).
        let pageSizes = ["/committee/quantitative": QuantitativeListPage.pageSize, "/committee/results": ResultsPage.pageSize,
                         "/results": PublicResultsPage.pageSize]
        for (path, size) in pageSizes {
            let few = try #require(small.totals[path], "\(path) has no pager"), many = try #require(large.totals[path], "\(path) has no pager")
            #expect(many > 2 * few, "\(path): \(few) listed, then \(many)")
            #expect(large.rows[path]! <= size + 2 && large.rows[path]! >= min(many, size), "\(path): \(large.rows[path]!) rows on page 1 of \(many)")
        }
        // The fixed number for each page: the session (with its person, organization and the data
        // generation; for a visitor the generation alone), then the page's own statements (a paged
        // list counts its rows, then reads one page of them).
        let expected = ["/committee/quantitative": 4, "/committee/results": 7, "/committee/panels": 3, "/committee/meetings": 4,
                        "/expert/panels": 4, "/results": 3]
        for (path, n) in expected {
            #expect(large.statements[path]?.count == n, "\(path): \(large.statements[path] ?? [])")
        }
    }
}
