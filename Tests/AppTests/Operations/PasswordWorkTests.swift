import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing
import NIOCore
import Vapor
import VaporTesting
@testable import App

/// Issue 12, item 2: bcrypt runs on threads of its own with a bounded line; a
/// login storm gets 503 + Retry-After instead of starving the other pages.
@Suite struct PasswordWorkTests {
    /// Holds the password threads busy until opened.
    final class Gate: Sendable {
        private let semaphore = DispatchSemaphore(value: 0)
        func wait() { semaphore.wait() }
        func open(_ n: Int) { for _ in 0..<n { semaphore.signal() } }
    }

    /// Fills `work` (all threads and the whole line) with calls that wait on `gate`.
    static func fill(_ work: PasswordWork, _ gate: Gate) async throws -> [Task<Int, any Error>] {
        let tasks = (0..<(work.threads + work.queueLimit)).map { i in
            Task { try await work.run { gate.wait(); return i } }
        }
        for _ in 0..<500 where work.inFlight < work.threads + work.queueLimit {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(work.inFlight == work.threads + work.queueLimit)
        return tasks
    }

    @Test func callsBeyondThreadsAndLineAreRefusedAtOnce() async throws {
        let work = PasswordWork(threads: 1, queueLimit: 2, cost: 4)
        let gate = Gate()
        let admitted = try await Self.fill(work, gate)
        // The fourth call is refused without waiting, and with the 503 the page shows.
        await #expect(throws: PasswordWork.Busy.self) { try await work.verify("x", created: "y") }
        #expect(PasswordWork.Busy().status == .serviceUnavailable)
        #expect(PasswordWork.Busy().headers.first(name: .retryAfter) == "5")
        gate.open(admitted.count)
        var done: [Int] = []
        for task in admitted { done.append(try await task.value) }
        #expect(done.sorted() == [0, 1, 2])
        #expect(work.inFlight == 0)
        // Room again: a real hash and its verification go through.
        let hash = try await work.hash("Demo#2022pass")
        #expect(try await work.verify("Demo#2022pass", created: hash))
        #expect(try await work.verify("wrong", created: hash) == false)
        #expect(try await work.verify("x", created: "not a bcrypt hash") == false)
        await work.shutdown()
    }

    @Test func defaultsLeaveTheEventLoopsACore() {
        let work = PasswordWork.fromEnvironment(cost: 4, environment: [:])
        #expect(work.threads == max(1, System.coreCount - 1))
        #expect(work.queueLimit == 16 * work.threads)
        let set = PasswordWork.fromEnvironment(cost: 4, environment: ["PASSWORD_THREADS": "3", "PASSWORD_QUEUE": "7"])
        #expect(set.threads == 3 && set.queueLimit == 7)
        Task { await work.shutdown(); await set.shutdown() }
    }

    @Test func aFullLineAnswers503WithoutChargingTheAccountThenTheLoginWorks() async throws {
        try await withTestApp { app in
            let previous = app.passwordWork
            let work = PasswordWork(threads: 1, queueLimit: 0, cost: 4)
            app.passwordWork = work
            let gate = Gate()
            let blocker = try await Self.fill(work, gate)
            var browser = Browser(app)
            let refused = try await browser.login("applicant2")
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.text.contains("登录人数较多，请稍后再试"))
            #expect(refused.headers.first(name: .retryAfter) == "5")
            let user = try #require(try await UserAccount.query(on: app.db).filter(\.$username == "applicant2").first())
            #expect(user.failedLogins == 0)
            #expect(try await UserSession.query(on: app.db).filter(\.$user.$id == user.requireID()).count() == 0)
            gate.open(blocker.count)
            for task in blocker { _ = try await task.value }
            let login = try await browser.login("applicant2")
            #expect(login.location == "/home")
            #expect(try await browser.get("/home").status == .ok)
            await previous.shutdown()
        }
    }
}

/// X-Forwarded-For is believed only from TRUSTED_PROXIES (deploy/README.md), so the
/// per-address login throttle (issue 12, item 7) counts clients behind nginx and
/// cannot be dodged by a made-up header.
@Suite struct TrustedProxiesTests {
    @Test func theHeaderCountsOnlyFromAListedProxy() {
        let none = TrustedProxies.none
        #expect(none.client(peer: "127.0.0.1", forwardedFor: ["203.0.113.9"]) == "127.0.0.1")
        let nginx = TrustedProxies.fromEnvironment(["TRUSTED_PROXIES": "127.0.0.1, ::1"])
        #expect(nginx.addresses == ["127.0.0.1", "::1"])
        #expect(nginx.client(peer: "127.0.0.1", forwardedFor: ["203.0.113.9"]) == "203.0.113.9")
        #expect(nginx.client(peer: "127.0.0.1", forwardedFor: []) == "127.0.0.1")
        // A client's own made-up entry stands left of what nginx appended: the right one wins.
        #expect(nginx.client(peer: "127.0.0.1", forwardedFor: ["1.2.3.4, 198.51.100.7"]) == "198.51.100.7")
        #expect(nginx.client(peer: "127.0.0.1", forwardedFor: ["1.2.3.4", "198.51.100.7, 127.0.0.1"]) == "198.51.100.7")
        // Not from the proxy: the header is ignored.
        #expect(nginx.client(peer: "198.51.100.7", forwardedFor: ["1.2.3.4"]) == "198.51.100.7")
        #expect(TrustedProxies.fromEnvironment([:]) == .none)
    }

    static func failLogins(_ live: any TestingApplicationTester, from forwarded: [String]) async throws -> [HTTPStatus] {
        var statuses: [HTTPStatus] = []
        for (i, address) in forwarded.enumerated() {
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            headers.add(name: .xForwardedFor, value: address)
            let response = try await live.sendRequest(.POST, "/login", headers: headers,
                                                      body: ByteBuffer(string: "username=nobody\(i)&password=wrong\(i)"))
            statuses.append(response.status)
        }
        return statuses
    }

    @Test func behindATrustedProxyTheThrottleCountsEachClient() async throws {
        try await withTestApp(demo: false) { app in
            app.loginThrottle = LoginThrottle(limit: 2, window: 60)
            app.trustedProxies = TrustedProxies(["127.0.0.1"])
            let live = try app.testing(method: .running(hostname: "127.0.0.1", port: 0))
            let statuses = try await Self.failLogins(live, from: ["203.0.113.1", "203.0.113.1", "203.0.113.2", "203.0.113.1"])
            // The second client is not refused for the first one's failures; the first is.
            #expect(statuses[2] != .tooManyRequests)
            #expect(statuses[3] == .tooManyRequests)
        }
    }

    @Test func withoutATrustedProxyAMadeUpHeaderDoesNotDodgeTheThrottle() async throws {
        try await withTestApp(demo: false) { app in
            app.loginThrottle = LoginThrottle(limit: 2, window: 60)
            let live = try app.testing(method: .running(hostname: "127.0.0.1", port: 0))
            let statuses = try await Self.failLogins(live, from: ["203.0.113.1", "203.0.113.2", "203.0.113.3"])
            #expect(statuses[2] == .tooManyRequests)
        }
    }

    /// Every audit record names the client as the throttle sees it: behind nginx the
    /// forwarded address from a listed proxy, never a made-up header from anyone else.
    @Test func auditRecordsNameTheClientBehindATrustedProxy() async throws {
        try await withTestApp(demo: false) { app in
            func entry() throws -> AuditEntry {
                let req = Request(application: app, method: .GET, url: "/", headers: ["X-Forwarded-For": "203.0.113.9"],
                                  remoteAddress: try SocketAddress(ipAddress: "127.0.0.1", port: 40000),
                                  on: app.eventLoopGroup.next())
                return req.auditEntry("test.address")
            }
            let direct = try entry().ip
            #expect(direct == "127.0.0.1")
            app.trustedProxies = TrustedProxies(["127.0.0.1"])
            let forwarded = try entry().ip
            #expect(forwarded == "203.0.113.9")
        }
    }
}
