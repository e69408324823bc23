import Domain
import Fluent
import Foundation
import Testing
import Vapor
@testable import App

/// The committee lists that grow with the year are read a page at a time (issue 18: at 100,000
/// applications 评审通过人员 was 2.6 MB and 1.7 s, 量化赋分 1.5 MB, the public list 0.9 MB, and
/// the case form offered ~15,000 names). Small pages over a seeded year must give back the whole
/// list in its order, each person once; a page past the end shows the last.
@Suite(.serialized) struct CommitteeListPagingTests {
    static let password = "Pages#pass2022"

    func seeded(applications: Int = 300, _ body: @escaping @Sendable (Application) async throws -> Void) async throws {
        try await withTestApp(demo: false) { app in
            _ = try await Seeder.run(on: app.db, applications: applications, policy: app.policies.current, calendar: app.workingDays,
                                     passwordHash: try Bcrypt.hash(Self.password, cost: 4))
            // After the last publicity has started, so the public list shows everyone on it.
            let last = try #require(try await ResultPublicity.query(on: app.db).all().map(\.ends).max())
            app.clock = .fixed(LocalDate(iso: last)!.beijingMorning)
            try await body(app)
        }
    }

    static func html(_ page: ResultsPage) -> String { PageSnapshotTests.html(page.render()) }

    static func request(_ app: Application, _ url: String) -> Request {
        Request(application: app, method: .GET, url: URI(string: url), on: app.eventLoopGroup.next())
    }

    /// Every page of a list of `size` rows, read as `page(url)` would, joined in order.
    static func allPages<Row>(_ app: Application, _ path: String, size: Int,
                              _ page: (Request) async throws -> (rows: [Row], pager: Pager?)) async throws -> (rows: [Row], pagers: [Pager]) {
        var rows: [Row] = [], pagers: [Pager] = []
        var number = 1
        while true {
            let (shown, pager) = try await page(Self.request(app, "\(path)?page=\(number)"))
            let p = try #require(pager)
            rows += shown
            pagers.append(p)
            #expect(p.page == number && shown.count <= size, "\(path) page \(number)")
            if number >= p.pageCount { break }
            #expect(shown.count == size, "\(path): page \(number) of \(p.pageCount) is full")
            number += 1
        }
        return (rows, pagers)
    }

    @Test("量化赋分, 评审通过人员 and the public 评审结果公示 in pages of 7 give back the whole list in order, each person once")
    func pagesJoinToTheWholeList() async throws {
        try await seeded { app in
            let whole = Self.request(app, "/")

            let allQuantitative = try await QuantitativeListPage.load(whole, pageSize: 100_000).rows.map(\.id)
            let quantitative = try await Self.allPages(app, "/committee/quantitative", size: 7) {
                let page = try await QuantitativeListPage.load($0, pageSize: 7)
                return (page.rows.map(\.id), page.pager)
            }
            #expect(allQuantitative.count > 14, "at least three pages to join")
            #expect(quantitative.rows == allQuantitative)
            #expect(quantitative.pagers.allSatisfy { $0.total == allQuantitative.count })

            struct Passed: Equatable { var name, unit, specialty: String; var number: String? }
            let allPassed = try await ResultsPage.load(whole, pageSize: 100_000).passed
                .map { Passed(name: $0.applicant, unit: $0.unit, specialty: $0.specialty, number: $0.certificate?.number) }
            let passed = try await Self.allPages(app, "/committee/results", size: 7) {
                let page = try await ResultsPage.load($0, pageSize: 7)
                return (page.passed.map { Passed(name: $0.applicant, unit: $0.unit, specialty: $0.specialty, number: $0.certificate?.number) },
                        page.passedPager)
            }
            #expect(allPassed.count > 14)
            #expect(passed.rows == allPassed)

            // The public list counts across its publicities; a publicity's heading is on each page
            // that holds some of its people.
            struct Named: Equatable { var heading, name, unit: String }
            func named(_ page: PublicResultsPage) -> [Named] {
                page.publicities.flatMap { p in p.people.map { Named(heading: p.heading, name: $0.name, unit: $0.unit) } }
            }
            let allPublic = named(try await PublicResultsPage.load(whole, pageSize: 100_000))
            let publicPages = try await Self.allPages(app, "/results", size: 7) {
                let page = try await PublicResultsPage.load($0, pageSize: 7)
                return (named(page), page.pager)
            }
            #expect(allPublic.count > 14)
            #expect(publicPages.rows == allPublic)
        }
    }

    @Test("a page past the end shows the last page; junk asks for the first")
    func pagesOutsideTheListAreClamped() async throws {
        try await seeded { app in
            let last = try await QuantitativeListPage.load(Self.request(app, "/committee/quantitative?page=999"), pageSize: 7)
            let pager = try #require(last.pager)
            #expect(pager.pageCount > 1 && pager.page == pager.pageCount)
            let lastAsked = try await QuantitativeListPage.load(Self.request(app, "/committee/quantitative?page=\(pager.pageCount)"), pageSize: 7)
            #expect(last.rows.map(\.id) == lastAsked.rows.map(\.id) && !last.rows.isEmpty)
            for junk in ["abc", "-3", "0"] {
                let first = try await ResultsPage.load(Self.request(app, "/committee/results?page=\(junk)"), pageSize: 7)
                #expect(first.passedPager?.page == 1, "page=\(junk)")
            }
        }
    }

    @Test("the pages link to their neighbours keeping the year; the office reads page 2 over HTTP")
    func pagerLinksOverHTTP() async throws {
        // 600 applications leave ~70 at the committee stage: two pages of 50.
        try await seeded(applications: 600) { app in
            let year = app.policies.year.year
            var office = Browser(app)
            try await office.login("seed-office", Self.password)
            let total = try await CommitteeListQuery.count(year: year, states: ApplicationState.committeeStates, on: app.db)
            try #require(total > QuantitativeListPage.pageSize, "the seeded year has more than one page at the committee stage")
            let first = try await office.get("/committee/quantitative")
            #expect(first.status == .ok && first.text.contains("量化赋分"))
            let pages = (total + QuantitativeListPage.pageSize - 1) / QuantitativeListPage.pageSize
            #expect(first.text.contains("共\(total)条，第1/\(pages)页"))
            #expect(first.text.contains(#"href="/committee/quantitative?year=\#(year)&amp;page=2""#))
            let second = try await office.get("/committee/quantitative?year=\(year)&page=2")
            #expect(second.status == .ok && second.text.contains("共\(total)条，第2/\(pages)页"))
            #expect(second.text.contains(#"href="/committee/quantitative?year=\#(year)""#), "上一页 goes back to page 1")
            // Different people on the two pages.
            let ids = { (text: String) in Set(text.matches(of: /quantitative\/([0-9A-F-]{36})/).map { String($0.1) }) }
            #expect(!ids(first.text).isEmpty && ids(first.text).isDisjoint(with: ids(second.text)))
        }
    }

    @Test("the case form's 申报人 list is found by name, at most choiceLimit names, and keeps a refused choice")
    func caseFormChoicesFoundByName() async throws {
        try await seeded { app in
            let year = app.policies.year.year
            let names = try await ApplicationRecord.namesAtCommittee(year: year, on: app.db)
            #expect(names.count > 3)
            let three = try await ApplicationRecord.namesAtCommittee(year: year, limit: 3, on: app.db)
            #expect(three.map(\.id) == names.prefix(3).map(\.id))

            // Narrowed by a part of one name: only names holding it.
            let target = try #require(names.first { $0.name.count >= 2 })
            let part = String(target.name.suffix(2))
            var office = Browser(app)
            try await office.login("seed-office", Self.password)
            let found = try await office.get("/committee/results?who=\(part.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!)")
            #expect(found.status == .ok && found.text.contains("异议、复查与投诉"))
            let options = found.text.matches(of: /<option value="([0-9A-F-]{36})"[^>]*>([^<]*)<\/option>/).map { (String($0.1), String($0.2)) }
            #expect(options.contains { $0.0 == target.id.uuidString })
            #expect(options.allSatisfy { $0.1.contains(part) }, "\(options.map(\.1))")
            #expect(options.count == names.filter { $0.name.contains(part) }.count)
            #expect(found.text.contains(#"value="\#(part)""#), "the search field keeps what was typed")

            // LIKE's wildcards are searched as themselves.
            let percent = try await office.get("/committee/results?who=%25")
            #expect(percent.status == .ok && percent.text.contains("评委会阶段没有姓名含“%”的申报人。"))
            #expect(percent.text.matches(of: /<option value="[0-9A-F-]{36}"/).isEmpty)

            // More at the committee stage than one list holds: no names until one is asked for,
            // and the page says so; a name asked for lists its matches, cut at the limit.
            let few = names.count - 1
            let cut = try await ResultsPage.load(Self.request(app, "/committee/results"), choiceLimit: few)
            #expect(cut.applicants.isEmpty && cut.choicesCut)
            #expect(Self.html(cut).contains("评委会阶段人数较多（超过\(few)人），请先按姓名查找申报人，再登记。"))
            let asked = try await ResultsPage.load(Self.request(app, "/committee/results?who=\(part.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!)"),
                                                   choiceLimit: few)
            #expect(asked.applicants.map(\.value) == names.filter { $0.name.contains(part) }.prefix(few).map(\.id.uuidString))
            let one = try await ResultsPage.load(Self.request(app, "/committee/results?who=\(part.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!)"),
                                                 choiceLimit: 1)
            let matching = names.filter { $0.name.contains(part) }
            #expect(one.applicants.count == 1 && one.choicesCut == (matching.count > 1))

            // A refused case form keeps the person chosen though the list asked for does not hold them.
            let other = try #require(names.first { !$0.name.contains(part) })
            let refused = try await ResultsPage.load(Self.request(app, "/committee/results?who=\(part.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!)"),
                                                     errors: ["请填写内容"], typed: ["applicationID": other.id.uuidString])
            #expect(refused.applicants.first?.value == other.id.uuidString && refused.applicants.first?.label == other.name)
        }
    }

    @Test("the committee lists' statements read the (year, state, level) index, not every engineer of the year")
    func waitingListUsesTheIndex() async throws {
        try await withTestApp(demo: false) { app in
            // SQLite's planner picks by the index's shape alone; PostgreSQL's by statistics.
            let sql = try CommitteeListQuery.sql(app.db)
            guard sql.dialect.name == "sqlite" else { return }
            let plan = try await sql.raw("""
                EXPLAIN QUERY PLAN SELECT a."id" FROM "applications" a WHERE a."state" = 'accepted' \
                AND a."target_level" = 'engineer' AND a."year" = 2022
                """).all().map { try $0.decode(column: "detail", as: String.self) }
            #expect(plan.contains { $0.contains("applications_year_state_level_idx") }, "\(plan)")
        }
    }
}
