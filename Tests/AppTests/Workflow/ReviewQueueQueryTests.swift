import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
@testable import Domain

/// 待我办理 in SQL (issue 12) must list exactly what the access rule lets each body
/// act on: the demo holds applications at every step of every route (四（三）), so
/// for each reviewing account the lean SQL queue is compared with the slow way —
/// every application loaded whole and passed through `AccessPolicy`.
@Suite struct ReviewQueueQueryTests {
    static let reviewers = ["unit1", "unit2", "unit3", "county1", "county2", "countyhr1", "countyhr2",
                            "agency1", "dept1", "cityhr", "office"]

    @Test("each body's SQL queue equals the applications the access policy lets it review")
    func queueEqualsTheAccessRule() async throws {
        try await withTestApp(demo: false) { app in
            try await DemoData.load(into: app, quiet: true)
            let all = try await ApplicationRecord.query(on: app.db).with(\.$unit).all()
            var nonEmpty = 0
            for username in Self.reviewers {
                let user = try #require(try await UserAccount.query(on: app.db).filter(\.$username == username)
                    .with(\.$organization).first())
                let actor = user.actor
                let states = Set(ReviewQueueController.states(for: actor.role))
                let expected = Set(try all.filter { record in
                    guard states.contains(record.stateValue) else { return false }
                    return AccessPolicy.decide(actor, .reviewApplication, .application(try record.facts())).isAllowed
                }.map { $0.id! })
                let queue = try #require(try ReviewQueueQuery(actor: actor, db: app.db))
                let listed = try await queue.page(1, size: 1000, level: nil)
                    .filter { AccessPolicy.decide(actor, .reviewApplication, .application($0.facts)).isAllowed }
                #expect(Set(listed.map(\.facts.id)) == expected, "\(username)")
                #expect(try await queue.count(level: nil) == expected.count, "\(username)")
                if !expected.isEmpty { nonEmpty += 1 }
            }
            // The comparison means something only if the demo gives most bodies a queue.
            #expect(nonEmpty >= 8)
        }
    }

    @Test("pages are disjoint, ordered by submission, and the level filter narrows the count")
    func pagingAndLevel() async throws {
        try await withTestApp(demo: false) { app in
            try await DemoData.load(into: app, quiet: true)
            let office = try #require(try await UserAccount.query(on: app.db).filter(\.$username == "cityhr")
                .with(\.$organization).first())
            let queue = try #require(try ReviewQueueQuery(actor: office.actor, db: app.db))
            let total = try await queue.count(level: nil)
            try #require(total >= 2)
            let first = try await queue.page(1, size: 1, level: nil)
            let second = try await queue.page(2, size: 1, level: nil)
            #expect(first.count == 1 && second.count == 1)
            #expect(first[0].facts.id != second[0].facts.id)
            #expect((first[0].submittedAt ?? .distantPast) <= (second[0].submittedAt ?? .distantFuture))
            let everyone = try await queue.page(1, size: 1000, level: nil)
            let engineers = everyone.filter { $0.targetLevel == "engineer" }.count
            #expect(try await queue.count(level: "engineer") == engineers)
            #expect(try await queue.count(level: "no-such-level") == 0)
            // What the list shows comes from the joined rows.
            #expect(everyone.allSatisfy { !$0.applicantName.isEmpty && !$0.unitName.isEmpty })
        }
    }

    @Test("roles without a queue get none")
    func noQueue() async throws {
        try await withTestApp { app in
            for username in ["applicant1", "expert1", "admin"] {
                let user = try #require(try await UserAccount.query(on: app.db).filter(\.$username == username).first())
                #expect(try ReviewQueueQuery(actor: user.actor, db: app.db) == nil)
            }
        }
    }

    /// `?page=` is clamped to the last page: a huge number must not overflow the offset.
    @Test("a page number past the end, however large, shows the last page")
    func hugePageNumberShowsTheLastPage() async throws {
        try await withTestApp(demo: false) { app in
            try await DemoData.load(into: app, quiet: true)
            var office = Browser(app)
            try await office.login("cityhr")
            for asked in ["9223372036854775807", "99999", "-5"] {
                let page = try await office.get("/reviews?page=\(asked)")
                #expect(page.status == .ok, "page=\(asked)")
                #expect(page.text.contains("待我办理"))
            }
        }
    }
}
