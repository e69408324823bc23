import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import App

/// Issue 8, item 2: a stored state, kind, role, level or payload this version does
/// not know fails loudly (`StoredValueError`, a logged 500) -- never a guessed default.
@Suite struct StoredValuesTests {
    static func sql(_ app: Application, _ text: String) async throws {
        let db = try #require(app.db as? any SQLDatabase)
        try await db.raw(SQLQueryString(text)).run()
    }

    @Test func anUnknownApplicationStateIsAnErrorNotADraft() async throws {
        try await withTestApp { app in
            let record = try await FilesFixtures.application(app, state: .submitted)
            try await Self.sql(app, "UPDATE applications SET state = 'archived_in_2031' WHERE id = '\(record.id!.uuidString)'")
            await #expect(throws: StoredValueError.self) {
                _ = try await ApplicationRecord.find(record.id, on: app.db)
            }
            // Over HTTP: the applicant's page is a 500 with a reference, not a draft to edit.
            var browser = Browser(app)
            try await browser.login("applicant1")
            let page = try await browser.get("/applications/\(record.id!.uuidString)")
            #expect(page.status == .internalServerError)
            #expect(page.text.contains("系统错误"))
        }
    }

    @Test func unknownLevelTrackAndBrokenBasicsAreErrors() async throws {
        try await withTestApp { app in
            let record = try await FilesFixtures.application(app)
            let id = record.id!.uuidString
            for (column, value) in [("target_level", "senior_engineer"), ("track", "express"), ("basics", "{not json")] {
                try await Self.sql(app, "UPDATE applications SET \(column) = '\(value)' WHERE id = '\(id)'")
                await #expect(throws: StoredValueError.self, "\(column)") {
                    _ = try await ApplicationRecord.find(record.id, on: app.db)
                }
                try await Self.sql(app, "UPDATE applications SET target_level = 'engineer', track = 'regular', basics = '{}' WHERE id = '\(id)'")
            }
            #expect(try await ApplicationRecord.find(record.id, on: app.db)?.level == .engineer)
        }
    }

    @Test func anUndecodableItemPayloadIsAnErrorNotEmpty() async throws {
        try await withTestApp { app in
            let record = try await FilesFixtures.application(app)
            let item = try await FilesFixtures.item(app, record, .papers, ["title": "论文"])
            try await Self.sql(app, "UPDATE application_items SET payload = '[1,2' WHERE id = '\(item.id!.uuidString)'")
            await #expect(throws: StoredValueError.self) { _ = try await ApplicationItem.find(item.id, on: app.db) }
            try await Self.sql(app, "UPDATE application_items SET payload = '{}', section = 'poems' WHERE id = '\(item.id!.uuidString)'")
            await #expect(throws: StoredValueError.self) { _ = try await ApplicationItem.find(item.id, on: app.db) }
        }
    }

    @Test func unknownOrganizationKindsAndRolesAreErrors() async throws {
        try await withTestApp { app in
            try await Self.sql(app, "UPDATE organizations SET kind = 'ministry' WHERE kind = 'committeeOffice' OR kind = 'committee_office'")
            try await Self.sql(app, "UPDATE organizations SET unit_kind = 'guild' WHERE unit_kind IS NOT NULL")
            await #expect(throws: StoredValueError.self) { _ = try await Organization.query(on: app.db).all() }
            try await Self.sql(app, "UPDATE user_accounts SET role = 'superuser' WHERE username = 'applicant2'")
            await #expect(throws: StoredValueError.self) {
                _ = try await UserAccount.query(on: app.db).filter(\.$username == "applicant2").first()
            }
            // Signing in as that account is a logged 500, not a silent applicant.
            var browser = Browser(app)
            let login = try await browser.login("applicant2")
            #expect(login.status == .internalServerError)
        }
    }

    @Test func savingAnUnknownValueFromCodeIsRefusedToo() async throws {
        try await withTestApp { app in
            let record = try await FilesFixtures.application(app)
            record.state = "halfway"
            // Fluent reads a saved row back through the same check: the save reports the error,
            // and the row refuses to load afterwards -- at no point is it taken for a draft.
            await #expect(throws: StoredValueError.self) { try await record.update(on: app.db) }
            await #expect(throws: StoredValueError.self) { _ = try await ApplicationRecord.find(record.id, on: app.db) }
        }
    }

    /// Issue 8, item 2: the new migration indexes the foreign keys and filtered columns.
    @Test func foreignKeysAndFilteredColumnsAreIndexed() async throws {
        try await withTestApp(demo: false) { app in
            let db = try #require(app.db as? any SQLDatabase)
            guard db.dialect.name == "sqlite" else { return }
            struct Row: Decodable { var name: String }
            let names = Set(try await db.raw("SELECT name FROM sqlite_master WHERE type = 'index'").all(decoding: Row.self).map(\.name))
            for (name, _, _) in M0020_IndexForeignKeysAndFilters.indexes {
                #expect(names.contains(name), "\(name)")
            }
            #expect(names.contains("applications_unit_idx"))
            #expect(names.contains("user_accounts_organization_idx"))
        }
    }
    /// Issue 18, item 2: the office's quantitative table that no longer reads is an error,
    /// never a silent fall-back to the bundle's default table (which would re-score everyone).
    @Test func aBrokenQuantitativeTableIsAnErrorNotTheDefault() async throws {
        try await withTestApp { app in
            let table = try QuantitativeTable(policy: app.policies.current)
            let year = app.policies.current.applicationDate.year
            try await QuantitativeTableSetting(year: year, table: table, reason: "测试", actorName: "办公室").create(on: app.db)
            #expect(try await QuantitativeTableSetting.table(year: year, policy: app.policies.current, on: app.db).maximum == table.maximum)
            for (column, value) in [("caps", "education=abc"), ("points", "")] {
                try await Self.sql(app, "UPDATE quantitative_tables SET \(column) = '\(value)'")
                await #expect(throws: StoredValueError.self, "\(column)") {
                    _ = try await QuantitativeTableSetting.table(year: year, policy: app.policies.current, on: app.db)
                }
            }
            var office = Browser(app)
            try await office.login("office")
            let page = try await office.get("/committee/quantitative")
            #expect(page.status == .internalServerError && page.text.contains("系统错误"))
        }
    }

    @Test func anUnknownRecusalSourceIsAnErrorNotTheOfficesPin() async throws {
        try await withTestApp { app in
            let record = try await FilesFixtures.application(app)
            let org = try #require(try await Organization.query(on: app.db).first())
            let expert = Expert(name: "专家甲", userID: nil, organizationID: org.id!, specialty: "电气工程", title: "高级工程师",
                                contact: "1", termStart: "2022-01-01", termEnd: "2024-12-31")
            try await expert.create(on: app.db)
            try await ExpertConflict(expertID: expert.id!, applicationID: record.id!, source: "rumour", reason: "x").create(on: app.db)
            await #expect(throws: StoredValueError.self) {
                _ = try await CommitteeData.declared(for: [record.id!], on: app.db)
            }
        }
    }
}
