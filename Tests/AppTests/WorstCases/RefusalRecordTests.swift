import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

/// Issue 18 item 3: under concurrent refusals on SQLite about 1 in 1,000
/// `security.denied` records was lost ("could not record refusal"). Every refusal
/// is a security event; none may go unrecorded, and the chain stays whole.
@Suite(.serialized) struct RefusalRecordTests {
    static let clients = 4
    static let refusalsEach = 250

    /// Four signed-in people, each refused 250 times at once, on the SQLite file the
    /// server uses (write-ahead log), with the sessions' own writes going on beside:
    /// each request finds its session a few minutes idle, so `SessionMiddleware`
    /// writes its last-seen time (a write outside the write gate, as the session
    /// sweeper's is) while the refusals' audit records are being appended.
    @Test func everyConcurrentRefusalIsRecordedOnASQLiteFile() async throws {
        let directory = NSTemporaryDirectory() + "title-review-refusals-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await withTestApp(configure: { $0.store = .sqliteFile(directory + "/refusals.sqlite") }) { app in
            try await Self.refuseConcurrently(app)
        }
    }

    /// The same on the tests' default store (SQLite with its rollback journal).
    @Test func everyConcurrentRefusalIsRecordedOnTheDefaultStore() async throws {
        try await withTestApp { app in
            try await Self.refuseConcurrently(app)
        }
    }

    static func refuseConcurrently(_ app: Application) async throws {
        let usernames = ["applicant1", "applicant2", "applicant3", "applicant4"]
        var cookies: [String] = []
        for name in usernames.prefix(clients) {
            var browser = Browser(app)
            try await browser.login(name)
            cookies.append(try #require(browser.cookie))
        }
        let before = try await AuditRecord.query(on: app.db).filter(\.$action == "security.denied").count()
        let refusedPaths = ["/admin/accounts", "/admin/audit", "/committee/panels", "/reviews"]
        let statuses = try await withThrowingTaskGroup(of: [HTTPResponseStatus].self) { group in
            for (index, cookie) in cookies.enumerated() {
                group.addTask {
                    var seen: [HTTPResponseStatus] = []
                    let hash = SessionStore.hash(cookie)
                    for n in 0..<refusalsEach {
                        // Idle for two minutes (well inside the timeout): the request touches it.
                        try await UserSession.query(on: app.db).filter(\.$tokenHash == hash)
                            .set(\.$lastSeenAt, to: Date().addingTimeInterval(-120)).update()
                        var headers = HTTPHeaders()
                        headers.add(name: .cookie, value: "\(SessionStore.cookieName)=\(cookie)")
                        let path = refusedPaths[(index + n) % refusedPaths.count]
                        let response = try await app.testing().sendRequest(.GET, path, headers: headers)
                        seen.append(response.status)
                    }
                    return seen
                }
            }
            var all: [HTTPResponseStatus] = []
            for try await part in group { all += part }
            return all
        }
        let refused = statuses.filter { $0 == .forbidden }.count
        #expect(refused == clients * refusalsEach, "every request was meant to be refused: \(Set(statuses.map(\.code)))")
        let after = try await AuditRecord.query(on: app.db).filter(\.$action == "security.denied").count()
        #expect(after - before == refused, "refusals \(refused), records \(after - before)")
        let verdict = try await AuditLog.verify(on: app.db)
        guard case .intact = verdict else { Issue.record("audit chain: \(verdict)"); return }
    }
}
