import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import App

/// Issue 18, item 1: whole pages from `PageCache`, correct by construction — keyed by the
/// session, stored and found under the data generation the database moves on every commit,
/// the clock's minute and the rules held in memory.
@Suite("整页缓存：按会话与数据版本")
struct WholePageCacheTests {
    private func counts(_ app: Application) throws -> PageCache.Counts {
        try #require(app.pageCache).currentCounts
    }

    @Test("the same session's second view of a queue is served from the cache, byte for byte")
    func secondViewIsAHit() async throws {
        try await withTestApp { app in
            var office = Browser(app)
            try await office.login("office")
            let first = try await office.get("/reviews")
            #expect(first.status == .ok && first.text.contains("待我办理"))
            let before = try counts(app)
            let second = try await office.get("/reviews")
            let after = try counts(app)
            #expect(after.hits == before.hits + 1)
            let same = second.text == first.text
            #expect(same)
            #expect(second.headers.contentType == .html)
            // The outer layers still run on a hit: the security headers are there.
            #expect(second.headers.first(name: "Content-Security-Policy") != nil)
        }
    }

    @Test("a change committed from outside the request (another instance, the command line) is on the next view")
    func aWriteFromAnywhereIsSeen() async throws {
        try await withTestApp { app in
            var admin = Browser(app)
            try await admin.login("admin")
            let org = try #require(try await Organization.query(on: app.db).filter(\.$kindRaw == "unit").first())
            let first = try await admin.get("/admin/organizations")
            #expect(first.status == .ok && first.text.contains(org.name))
            _ = try await admin.get("/admin/organizations")
            let hitsBefore = try counts(app).hits
            #expect(hitsBefore >= 1)
            // Straight into the database, as `psql` or the other instance would: no code path
            // of this process knows of it, only the triggers.
            let renamed = "长治市缓存检验精密仪器有限公司"
            #expect(!first.text.contains(renamed))
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE organizations SET name = \(bind: renamed) WHERE id = \(bind: try org.requireID())").run()
            let after = try await admin.get("/admin/organizations")
            #expect(after.status == .ok)
            #expect(after.text.contains(renamed))
            #expect(try counts(app).hits == hitsBefore)
        }
    }

    @Test("two sessions never share a page: each gets its own name and its own sign-out token")
    func sessionsDoNotShare() async throws {
        try await withTestApp { app in
            var one = Browser(app), two = Browser(app)
            try await one.login("applicant1")
            try await two.login("applicant2")
            let a = try await one.get("/conditions")
            let a2 = try await one.get("/conditions")
            let b = try await two.get("/conditions")
            #expect(a.status == .ok && b.status == .ok)
            let oneName = try #require(try await UserAccount.query(on: app.db).filter(\.$username == "applicant1").first()).realName
            let twoName = try #require(try await UserAccount.query(on: app.db).filter(\.$username == "applicant2").first()).realName
            #expect(a2.text.contains(oneName) && !a2.text.contains(twoName))
            #expect(b.text.contains(twoName) && !b.text.contains(oneName))
            #expect(Browser.csrfToken(in: b.text) == two.csrf && Browser.csrfToken(in: a2.text) != two.csrf)
            // The same person signed in twice is two sessions: two sign-out tokens.
            var again = Browser(app)
            try await again.login("applicant1")
            let c = try await again.get("/conditions")
            #expect(c.text.contains(oneName))
            #expect(Browser.csrfToken(in: c.text) == again.csrf && again.csrf != one.csrf)
        }
    }

    @Test("after sign-out the old cookie gets the sign-in page, not the cached page")
    func signOutEndsTheCachedPage() async throws {
        try await withTestApp { app in
            var office = Browser(app)
            try await office.login("office")
            _ = try await office.get("/reviews")
            let cached = try await office.get("/reviews")
            #expect(cached.status == .ok && cached.text.contains("待我办理"))
            let oldCookie = office.cookie
            _ = try await office.post("/logout")
            var stolen = Browser(app)
            stolen.cookie = oldCookie
            let res = try await stolen.get("/reviews")
            #expect(res.status != .ok || !res.text.contains("待我办理"))
            #expect(res.status == .seeOther || res.status == .found || res.status == .unauthorized || res.text.contains("登录"))
        }
    }

    @Test("the clock's next minute and a rule changed in memory are new versions: nothing older is served")
    func clockAndRulesMoveTheVersion() async throws {
        try await withTestApp { app in
            var office = Browser(app)
            try await office.login("office")
            _ = try await office.get("/reviews")
            _ = try await office.get("/reviews")
            let hits = try counts(app).hits
            app.clock = .fixed(app.clock.now().addingTimeInterval(60))
            _ = try await office.get("/reviews")
            #expect(try counts(app).hits == hits)
            _ = try await office.get("/reviews")
            #expect(try counts(app).hits == hits + 1)
            try #require(app.pageCache).rulesChanged()
            _ = try await office.get("/reviews")
            #expect(try counts(app).hits == hits + 1)
        }
    }

    @Test("a GET that writes (an audit record) is never answered from the cache, even when marked")
    func aPageThatWritesIsNotStored() async throws {
        try await withTestApp { app in
            app.get("test-writes-on-get") { req async throws -> Response in
                try await req.audit(req.auditEntry("test.view"))
                var headers = HTTPHeaders()
                headers.contentType = .html
                return Response(status: .ok, headers: headers, body: .init(string: "<p>viewed</p>"))
            }.isPublic().cachesPage()
            var visitor = Browser(app)
            for _ in 0..<3 {
                let res = try await visitor.get("/test-writes-on-get")
                #expect(res.status == .ok && res.text == "<p>viewed</p>")
            }
            let records = try await AuditRecord.query(on: app.db).filter(\.$action == "test.view").count()
            #expect(records == 3)
            #expect(try counts(app).hits == 0)
        }
    }

    @Test("a route that does not declare cachesPage() is never served from the cache")
    func onlyDeclaredRoutes() async throws {
        try await withTestApp { app in
            let calls = Counter()
            app.get("test-not-declared") { _ async throws -> Response in
                calls.add()
                var headers = HTTPHeaders()
                headers.contentType = .html
                return Response(status: .ok, headers: headers, body: .init(string: "<p>fresh</p>"))
            }.isPublic()
            var visitor = Browser(app)
            for _ in 0..<3 { _ = try await visitor.get("/test-not-declared") }
            #expect(calls.value == 3)
        }
    }

    @Test("every route that declares cachesPage() is a GET")
    func onlyGetsDeclare() async throws {
        try await withTestApp(demo: false) { app in
            let declared = app.routes.all.filter { $0.rules.cachesPage }
            #expect(declared.count > 40)
            for route in declared { #expect(route.method == .GET, "\(route.method) \(route.path.string)") }
            // The queue, the overview and the committee's lists are among them.
            let paths = Set(declared.map { "/" + $0.path.map(\.description).joined(separator: "/") })
            #expect(paths.contains("/reviews") && paths.contains("/committee/panels") && paths.contains("/results"))
        }
    }

    @Test("PAGE_CACHE_BYTES=0 switches the cache off; a value that is not a number stops the start")
    func setting() async throws {
        try await withTestApp(demo: true, configure: { $0.pageCacheBytes = 0 }) { app in
            #expect(app.pageCache == nil)
            var office = Browser(app)
            try await office.login("office")
            let res = try await office.get("/reviews")
            #expect(res.status == .ok && res.text.contains("待我办理"))
        }
        let bad = AppConfig(store: .sqliteMemory).withPageCacheBytes("32MB")
        #expect(bad.invalidSettings.first?.contains("PAGE_CACHE_BYTES") == true)
        #expect(AppConfig(store: .sqliteMemory).withPageCacheBytes("1048576").pageCacheBytes == 1_048_576)
        let app = try await Application.make(.testing)
        await #expect(throws: InvalidSetting.self) { try await configure(app, config: bad, migrate: false) }
        try await app.asyncShutdown()
    }
}

/// The store itself: one version at a time, bounded by bytes.
@Suite("整页缓存：存储")
struct PageCacheStoreTests {
    private func page(_ text: String) -> PageCache.Page {
        PageCache.Page(headers: HTTPHeaders(), body: ByteBuffer(string: text))
    }

    @Test("a page is found only under the version it was stored under; another version empties the cache")
    func versions() {
        let cache = PageCache(capacity: 1 << 20)
        let now = Date(timeIntervalSince1970: 1_660_000_020) // on a minute
        let v1 = cache.version(generation: 7, now: now)
        #expect(cache.page("s /a", at: v1) == nil)
        cache.store(page("A"), key: "s /a", at: v1)
        #expect(cache.page("s /a", at: v1)?.body == ByteBuffer(string: "A"))
        #expect(cache.page("t /a", at: v1) == nil)
        let v2 = cache.version(generation: 8, now: now)
        #expect(cache.page("s /a", at: v2) == nil)
        // Back to the old version (a slow request): still nothing, it was emptied.
        #expect(cache.page("s /a", at: v1) == nil)
        // A page rendered under a version that is no longer the cache's is not kept.
        _ = cache.page("x", at: v2)
        cache.store(page("old"), key: "s /b", at: v1)
        #expect(cache.page("s /b", at: v2) == nil)
        // The next minute is another version.
        let v3 = cache.version(generation: 8, now: now.addingTimeInterval(60))
        #expect(v3 != v2)
        #expect(cache.version(generation: 8, now: now.addingTimeInterval(59)) == v2)
    }

    @Test("a rule changed in memory makes every version taken before it old")
    func rulesChanged() {
        let cache = PageCache(capacity: 1 << 20)
        let now = Date(timeIntervalSince1970: 1_660_000_000)
        let before = cache.version(generation: 1, now: now)
        cache.store(page("A"), key: "k", at: before)
        _ = cache.page("k", at: before)
        cache.store(page("A"), key: "k", at: before)
        cache.rulesChanged()
        let after = cache.version(generation: 1, now: now)
        #expect(after != before)
        #expect(cache.page("k", at: after) == nil)
        cache.store(page("B"), key: "k", at: before) // rendered before the change: refused
        #expect(cache.page("k", at: after) == nil)
    }

    @Test("the bytes held stay within the capacity; the oldest page goes first")
    func bounded() {
        let cache = PageCache(capacity: 8_000)
        let v = cache.version(generation: 1, now: Date(timeIntervalSince1970: 0))
        _ = cache.page("warm", at: v)
        for i in 0..<100 { cache.store(page(String(repeating: "x", count: 900)), key: "k\(i)", at: v) }
        #expect(cache.storedBytes <= 8_000)
        #expect(cache.page("k99", at: v) != nil)
        #expect(cache.page("k0", at: v) == nil)
        // A page larger than an eighth of the whole is not stored at all.
        cache.store(page(String(repeating: "y", count: 2_000)), key: "big", at: v)
        #expect(cache.page("big", at: v) == nil)
        // Storing the same key again replaces it and counts its bytes once.
        let held = cache.storedBytes
        cache.store(page(String(repeating: "x", count: 900)), key: "k99", at: v)
        #expect(cache.storedBytes == held)
    }
}

/// A thread-safe count for a test route.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.withLock { n += 1 } }
    var value: Int { lock.withLock { n } }
}
