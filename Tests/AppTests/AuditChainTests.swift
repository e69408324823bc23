import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import App

@Suite struct AuditChainTests {
    @Test func chainIsIntactAfterActivityAndNamesTheFirstBrokenRecord() async throws {
        try await withTestApp { app in
            var browser = Browser(app)
            try await browser.login("office")
            try await browser.login("nobody", "x")
            let result = try await AuditLog.verify(on: app.db)
            guard case .intact(let count) = result else { Issue.record("chain broken: \(result)"); return }
            #expect(count >= 20)

            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE audit_records SET detail = 'edited' WHERE seq = 5").run()
            #expect(try await AuditLog.verify(on: app.db) == .broken(seq: 5, reason: "content does not match its hash (edited)"))
        }
    }

    @Test func concurrentTransactionsKeepTheChainWhole() async throws {
        try await withTestApp(demo: false) { app in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<12 {
                    group.addTask { () async throws -> Void in
                        try await app.transaction { db in
                            _ = try await AuditLog.append(AuditEntry(actorID: nil, actorName: "t\(n)", role: nil,
                                                                     action: "test.concurrent", ip: nil), on: db)
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await AuditLog.verify(on: app.db) == .intact(count: 12))
        }
    }

    /// The crash test found standalone appends (a failed login, a refusal) racing the
    /// appends of write transactions for the same sequence number (HTTP 500). Every
    /// append now runs inside a transaction: standalone ones through `Request.audit`.
    @Test func standaloneAndTransactionalAppendsAtOnceAllLand() async throws {
        try await withTestApp { app in
            let before = try await AuditRecord.query(on: app.db).count()
            try await withThrowingTaskGroup(of: HTTPStatus?.self) { group in
                for n in 0..<10 {
                    group.addTask {
                        var b = Browser(app)
                        return try await b.login("nobody\(n)", "wrong-password").status
                    }
                    group.addTask {
                        try await app.transaction { db in
                            _ = try await AuditLog.append(AuditEntry(actorID: nil, actorName: "t\(n)", role: nil,
                                                                     action: "test.concurrent", ip: nil), on: db)
                        }
                        return nil
                    }
                }
                for try await status in group {
                    if let status { #expect(status.code < 500) }
                }
            }
            let after = try await AuditRecord.query(on: app.db).count()
            let failedLogins = try await AuditRecord.query(on: app.db).filter(\.$action == "login")
                .filter(\.$outcome == "failure").count()
            let verdict = try await AuditLog.verify(on: app.db)
            #expect(after == before + 20)
            #expect(failedLogins == 10)
            #expect(verdict == .intact(count: before + 20))
        }
    }

    @Test func anAppendOutsideATransactionIsRefused() async throws {
        try await withTestApp(demo: false) { app in
            await #expect(throws: AuditLogError.self) {
                try await AuditLog.append(AuditEntry(actorID: nil, actorName: "x", role: nil, action: "test.outside", ip: nil),
                                          on: app.db)
            }
            let count = try await AuditRecord.query(on: app.db).count()
            #expect(count == 0)
        }
    }

    @Test func deletedRecordIsFound() async throws {
        try await withTestApp { app in
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("DELETE FROM audit_records WHERE seq = 3").run()
            guard case .broken(let seq, _) = try await AuditLog.verify(on: app.db) else {
                Issue.record("deletion not detected"); return
            }
            #expect(seq == 4)
        }
    }

    @Test func eachRecordLinksToThePrevious() async throws {
        try await withTestApp { app in
            let records = try await AuditRecord.query(on: app.db).sort(\.$seq).all()
            #expect(records.first?.prevHash == AuditLog.genesisHash)
            for (a, b) in zip(records, records.dropFirst()) {
                #expect(b.prevHash == a.hash)
                #expect(b.seq == a.seq + 1)
            }
        }
    }
}
