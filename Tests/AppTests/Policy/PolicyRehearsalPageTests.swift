import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
@testable import Domain

/// 试运行与启用 (issue 19, item 3): the office rehearses a stored bundle over the
/// year's declarations, then activates it in a separate confirmed step; the new year
/// opens on its own declaration dates and the year before keeps its verdicts.
@Suite struct PolicyRehearsalPageTests {
    static let example = try! Policy.bundleBytes(id: "changzhi-2023-example")

    /// The demo's three declarations of the year (applicant1 a paper short, applicant3
    /// complete and submitted, applicant5 a report short).
    func declarations(_ app: Application) async throws {
        let store = FileStore(root: app.config.filesPath, threadPool: app.threadPool)
        let policy = app.policies.current, now = app.clock.now()
        try await app.db.transaction { db in
            try await DemoApplications.create(on: db, store: store, policy: policy, now: now)
        }
    }

    /// Stores a bundle as the upload does, without its check (a hand-made bundle whose
    /// own test cases would no longer pass: the rehearsal is about real declarations).
    func store(_ app: Application, id: String, patch: String, base: String = "changzhi-2022") async throws {
        let bytes = try JSONValue.parse(PoliciesPageTests.bundle(base, patch: patch))
            .merged(with: .object([("id", .string(id))])).serialized
        let policy = try Policy.load(json: bytes)
        try await PolicyBundleRecord(bundleID: id, title: policy.title, json: String(decoding: bytes, as: UTF8.self),
                                     summary: "手工", uploadedBy: nil).create(on: app.db)
    }

    func verdict(_ app: Application, _ username: String) async throws -> EligibilityAnswer {
        let userFound = try await UserAccount.query(on: app.db).filter(\.$username == username).first()
        let user = try #require(userFound)
        let recordFound = try await ApplicationRecord.query(on: app.db).filter(\.$applicant.$id == user.id!).filter(\.$year == 2022).first()
        let record = try #require(recordFound)
        let store = try #require(app.policyRegistry.store(id: record.policyID))
        return try await DeclarationSnapshot.load(record, on: app.db, engine: store.engine).answer
    }

    @Test func aLongerTenureFlipsTheSubmittedEngineerAndNamesTheClause() async throws {
        try await withTestApp { app in
            try await declarations(app)
            // The premise: under 2022 applicant3 (assistant title 2014-10-01, 8 years) is eligible.
            #expect(try await verdict(app, "applicant3").verdict == .eligible)
            try await store(app, id: "changzhi-2022-nine", patch: #"{"parameters": {"engineerBachelorYears": {"value": 9}}}"#)
            var office = Browser(app)
            try await office.login("office")
            let page = try await office.get("/policies/changzhi-2022-nine/rehearsal")
            #expect(page.status == .ok)
            #expect(page.text.contains("年度政策试运行") && page.text.contains("2022年度的全部申报"))
            #expect(page.text.contains("共3份申报，结论改变1份：由符合变为不符合（或需人工审核）1份，由不符合（或需人工审核）变为符合0份"), "\(page.text)")
            let liFound = try await UserAccount.query(on: app.db).filter(\.$username == "applicant3").first()
            let li = try #require(liFound)
            #expect(page.text.contains(li.realName))
            let others = try await UserAccount.query(on: app.db).filter(\.$username ~~ ["applicant1", "applicant5"]).all()
            for other in others { #expect(!page.text.contains(other.realName), "\(other.username)") }
            // Nine years of tenure (3.1.3): in the clause table with its heading and count, and on
            // applicant3's row. Nine yearly assessments (3.1.7) are read from the same parameter,
            // but applicant3 shows all of 2014–2022, so that clause does not change.
            #expect(page.text.contains("<tr><td>3.1.3</td><td>任职资格要求</td><td>1</td></tr>"), "\(page.text)")
            #expect(page.text.components(separatedBy: "<td>3.1.3</td>").count == 3 && !page.text.contains("3.1.7"))
            // Rehearsing changes nothing.
            #expect(try await verdict(app, "applicant3").verdict == .eligible)
            #expect(app.policies.current.id == "changzhi-2022")
        }
    }

    @Test func othersCannotRehearseOrActivate() async throws {
        try await withTestApp { app in
            try await declarations(app)
            try await store(app, id: "changzhi-2023-x", patch: "{}", base: "changzhi-2023-example")
            for username in ["admin", "cityhr", "county1", "dept1", "countyhr1", "agency1", "unit1", "applicant3", "expert1"] {
                var other = Browser(app)
                try await other.login(username)
                #expect(try await other.get("/home").status == .ok, "\(username)")
                #expect(try await other.get("/policies/changzhi-2023-x/rehearsal").status == .forbidden, "\(username)")
                #expect(try await other.post("/policies/changzhi-2023-x/activate", ["confirm": "1"]).status == .forbidden, "\(username)")
            }
            var office = Browser(app)
            try await office.login("office")
            #expect(try await office.get("/policies/changzhi-2023-x/rehearsal").status == .ok)
            // Without the form's token nothing happens either.
            #expect(try await office.post("/policies/changzhi-2023-x/activate", ["confirm": "1"], csrf: .some(nil)).status == .forbidden)
            #expect(try await office.get("/policies/nothing/rehearsal").status == .notFound)
            #expect(try await PolicyBundleRecord.query(on: app.db).filter(\.$activeYear != nil).count() == 0)
            #expect(app.policyRegistry.all.count == 1)
        }
    }

    @Test func activationNeedsTheConfirmationAndOpensTheYearOnItsDates() async throws {
        try await withTestApp { app in
            try await declarations(app)
            let before = try await verdict(app, "applicant3")
            var office = Browser(app)
            try await office.login("office")
            try await office.get("/policies")
            let upload = try await PoliciesPageTests().upload(&office, Self.example)
            #expect(upload.status == .seeOther)
            let page = try await office.get("/policies/changzhi-2023-example/rehearsal")
            #expect(page.status == .ok && page.text.contains(#"name="confirm""#) && page.text.contains("2023年度申报期为2023年6月1日至2023年8月25日"))

            // Unconfirmed: refused on the same page, nothing changed.
            let unconfirmed = try await office.post("/policies/changzhi-2023-example/activate")
            #expect(unconfirmed.status == .unprocessableEntity && unconfirmed.text.contains("请先勾选确认"))
            #expect(try await PolicyBundleRecord.query(on: app.db).filter(\.$activeYear != nil).count() == 0)
            #expect(try await AuditRecord.query(on: app.db).filter(\.$action == "policy.activate").count() == 0)

            let done = try await office.post("/policies/changzhi-2023-example/activate", ["confirm": "1"])
            #expect(done.status == .seeOther && done.location == "/policies?notice=policy-activated")
            let recordFound = try await PolicyBundleRecord.query(on: app.db).filter(\.$bundleID == "changzhi-2023-example").first()
            let record = try #require(recordFound)
            #expect(record.activeYear == 2023 && record.activatedAt != nil)
            let audit = try await AuditRecord.query(on: app.db).filter(\.$action == "policy.activate").all()
            #expect(audit.count == 1 && audit.first?.objectID == "changzhi-2023-example")

            // The clock is still in 2022's declaration: 2022 stays in use until 2023's opens.
            #expect(app.policies.current.id == "changzhi-2022")
            let list = try await office.get(try #require(done.location))
            #expect(list.text.contains("年度政策已启用") && list.text.contains("2023年度申报期自2023年6月1日起"))
            #expect(list.text.contains("已启用（2023年度）"))
            // Once active, the same bundle cannot be activated again.
            try await office.get("/policies/changzhi-2023-example/rehearsal")
            let again = try await office.post("/policies/changzhi-2023-example/activate", ["confirm": "1"])
            #expect(again.status == .conflict && again.text.contains("已于2023年度启用"))

            // 2023's declaration opens: new declarations are 2023's, the 2022 one keeps its verdict.
            app.clock = .fixed(LocalDate(iso: "2023-06-10")!.beijingMorning)
            #expect(app.policies.current.id == "changzhi-2023-example")
            #expect(try await verdict(app, "applicant3") == before)
            var newcomer = Browser(app)
            try await newcomer.login("applicant2")
            let start = try await newcomer.get("/applications")
            #expect(start.status == .ok && start.text.contains("2023"))
            let created = try await newcomer.post("/applications", ["targetLevel": "engineer", "track": "regular", "specialty": "机械工程"])
            #expect(created.status == .seeOther, "\(created.text)")
            let applicant2Found = try await UserAccount.query(on: app.db).filter(\.$username == "applicant2").first()
            let applicant2 = try #require(applicant2Found)
            let declaredFound = try await ApplicationRecord.query(on: app.db).filter(\.$applicant.$id == applicant2.id!).first()
            let declared = try #require(declaredFound)
            #expect(declared.year == 2023 && declared.policyID == "changzhi-2023-example")
            // The 2022 declaration's own page still answers by 2022's bundle.
            var li = Browser(app)
            try await li.login("applicant3")
            let liRecordFound = try await ApplicationRecord.query(on: app.db).filter(\.$year == 2022).filter(\.$state == ApplicationState.submitted.rawValue).first()
            let liRecord = try #require(liRecordFound)
            let overview = try await li.get("/applications/\(liRecord.id!.uuidString)")
            #expect(overview.status == .ok && overview.text.contains("2022年12月31日") && !overview.text.contains("2023年12月31日"))
        }
    }

    @Test func anActiveYearIsNeverChangedByAnUpload() async throws {
        try await withTestApp { app in
            var office = Browser(app)
            try await office.login("office")
            try await office.get("/policies")
            #expect(try await PoliciesPageTests().upload(&office, Self.example).status == .seeOther)
            try await office.get("/policies/changzhi-2023-example/rehearsal")
            #expect(try await office.post("/policies/changzhi-2023-example/activate", ["confirm": "1"]).status == .seeOther)
            try await office.get("/policies")
            // Another 2023 bundle (whole, under a new id) is refused: 2023 is held.
            let other2023 = try await PoliciesPageTests().upload(&office, try PoliciesPageTests.bundle("changzhi-2023-example", patch: #"{"id": "changzhi-2023-b"}"#))
            #expect(other2023.status == .unprocessableEntity && other2023.text.contains("2023年度的政策（changzhi-2023-example）已经启用"), "\(other2023.text)")
            // So is a 2022 one (the shipped year is in use).
            let other2022 = try await PoliciesPageTests().upload(&office, try PoliciesPageTests.bundle(patch: #"{"id": "changzhi-2022-b"}"#))
            #expect(other2022.status == .unprocessableEntity && other2022.text.contains("2022年度的政策（changzhi-2022）已经启用"))
            #expect(try await PolicyBundleRecord.query(on: app.db).all().map(\.bundleID) == ["changzhi-2023-example"])
            // A bundle stored for an earlier year than the latest in use cannot be activated.
            try await store(app, id: "changzhi-2022-c", patch: "{}")
            let page = try await office.get("/policies/changzhi-2022-c/rehearsal")
            #expect(page.text.contains("2022年度已有启用的年度政策（changzhi-2022）") && !page.text.contains(#"name="confirm""#))
            let refused = try await office.post("/policies/changzhi-2022-c/activate", ["confirm": "1"])
            #expect(refused.status == .conflict)
            #expect(app.policyRegistry.store(year: 2022)?.current.id == "changzhi-2022")
            #expect(try await AuditRecord.query(on: app.db).filter(\.$action == "policy.activate").count() == 1)
        }
    }

    /// A restart reads the activated years back (what `configure` does after migrating).
    @Test func aRestartKeepsTheActivation() async throws {
        try await withTestApp { app in
            var office = Browser(app)
            try await office.login("office")
            try await office.get("/policies")
            #expect(try await PoliciesPageTests().upload(&office, Self.example).status == .seeOther)
            try await office.get("/policies/changzhi-2023-example/rehearsal")
            #expect(try await office.post("/policies/changzhi-2023-example/activate", ["confirm": "1"]).status == .seeOther)
            // As at start: the shipped year alone, then the stored active ones.
            app.policies = try PolicyStore.load()
            #expect(app.policyRegistry.store(year: 2023) == nil)
            try await PolicyActivation.loadActive(into: app)
            #expect(app.policyRegistry.store(year: 2023)?.current.id == "changzhi-2023-example")
            #expect(app.policyRegistry.all.map(\.current.id) == ["changzhi-2022", "changzhi-2023-example"])
        }
    }
}
