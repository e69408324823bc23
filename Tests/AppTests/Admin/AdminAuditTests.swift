import Domain
import Fluent
import Foundation
import Testing
import Vapor
@testable import App

@Suite("审计日志")
struct AdminAuditTests {
    @Test("invalid dates show a Chinese message instead of failing")
    func badDates() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("admin")
            let res = try await b.get("/admin/audit?from=2022-13-01")
            #expect(res.status == .unprocessableEntity)
            #expect(res.text.contains("开始日期应为YYYY-MM-DD格式的有效日期"))
            #expect(res.text.contains(#"value="2022-13-01""#))
            let feb = try await b.get("/admin/audit?to=2022-02-30")
            #expect(feb.text.contains("结束日期应为YYYY-MM-DD格式的有效日期"))
            let reversed = try await b.get("/admin/audit?from=2022-08-25&to=2022-08-01")
            #expect(reversed.text.contains("结束日期不能早于开始日期"))
            let junk = try await b.get("/admin/audit?from=20220825&page=-3&outcome=maybe")
            #expect(junk.status == .unprocessableEntity)
            #expect(junk.text.contains("开始日期应为YYYY-MM-DD格式的有效日期"))
            // A select's prompt label ("全部") means "any outcome", not an error.
            #expect(try await b.get("/admin/audit?outcome=%E5%85%A8%E9%83%A8").status == .ok)
        }
    }

    @Test("filters by actor, action prefix, outcome and Beijing date")
    func filters() async throws {
        try await withTestApp { app in
            var wrong = Browser(app)
            try await wrong.login("office", "Wrong#password1")
            var b = Browser(app)
            try await b.login("admin")

            let logins = try await b.get("/admin/audit?action=login")
            #expect(logins.text.contains("<code>login</code>") && !logins.text.contains("<code>account.create</code>"))
            let failures = try await b.get("/admin/audit?actor=office&outcome=failure")
            #expect(failures.text.contains("wrong password") && !failures.text.contains("<td>admin</td>"))

            let today = LocalDate.beijing(Date()).iso
            #expect(try await b.get("/admin/audit?from=\(today)&to=\(today)").text.contains("<code>demo.load</code>"))
            let future = try await b.get("/admin/audit?from=2099-01-01")
            #expect(future.status == .ok && future.text.contains("没有符合条件的记录"))
        }
    }

    @Test("50 records a page, newest first")
    func pagination() async throws {
        try await withTestApp { app in
            for i in 0..<60 {
                let entry = AuditEntry(actorID: nil, actorName: "system", role: nil, action: "test.fill", ip: nil, detail: "fill \(i)")
                try await app.transaction { db in try await AuditLog.append(entry, on: db) }
            }
            var b = Browser(app)
            try await b.login("admin")
            let first = try await b.get("/admin/audit?action=test.")
            #expect(first.text.components(separatedBy: "<code>test.fill</code>").count - 1 == 50)
            #expect(first.text.contains("fill 59") && !first.text.contains("fill 9<"))
            let second = try await b.get("/admin/audit?action=test.&page=2")
            #expect(second.text.components(separatedBy: "<code>test.fill</code>").count - 1 == 10)
            #expect(second.text.contains("fill 0<"))
        }
    }

    @Test("核验日志链 reports an intact chain, and the record where a tampered chain breaks")
    func verify() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("admin")
            let ok = try await b.get("/admin/audit?verify=1")
            #expect(ok.text.contains("日志链完整"))
            #expect(try await AdminFixtures.auditRecords("audit.verify", app).count == 1)

            let victim = try #require(try await AuditRecord.query(on: app.db).filter(\.$seq == 3).first())
            victim.detail = "edited"
            try await victim.update(on: app.db)
            let broken = try await b.get("/admin/audit?verify=1")
            #expect(broken.text.contains("日志链在第3条记录处断开"))
            #expect(broken.text.contains("记录被修改"))
        }
    }
}
