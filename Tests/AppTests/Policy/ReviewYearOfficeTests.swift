import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
@testable import Domain

/// 年度 on the office's pages (issue 19, items 2 and 3): the diff reads the year before
/// the bundle, not the year in use; the demo's clock reaches an activated year; the
/// integrity, similarity and reopening pages pick the year; integrity records and
/// experts' terms run across review years.
@Suite struct ReviewYearOfficeTests {
    /// The dates of `year`'s review, as the example moves them (one year per year).
    static func datesPatch(_ year: Int, parameters: String? = nil) -> String {
        #"{"applicationDate": "\#(year)-08-25", "referenceDate": "\#(year)-12-31", "intake": {"opens": "\#(year)-07-25", "closes": "\#(year)-08-25"}, "declaration": {"opens": "\#(year)-06-01", "closes": "\#(year)-08-25""#
            + (parameters.map { #"}, "parameters": \#($0)}"# } ?? "}}")
    }

    /// Uploads and activates a bundle as the office does; leaves `office` on the policies list.
    static func activate(_ office: inout Browser, _ bytes: [UInt8], id: String) async throws {
        try await office.get("/policies")
        let upload = try await PoliciesPageTests().upload(&office, bytes)
        #expect(upload.status == .seeOther, "\(upload.text)")
        try await office.get("/policies/\(id)/rehearsal")
        let done = try await office.post("/policies/\(id)/activate", ["confirm": "1"])
        #expect(done.status == .seeOther, "\(done.text)")
    }

    static func openDay(_ app: Application, _ iso: String) {
        app.clock = .fixed(LocalDate(iso: iso)!.beijingMorning)
    }

    // MARK: item 3: the diff against the year before

    @Test func theDiffReadsTheYearBeforeTheBundleNotTheYearInUse() async throws {
        try await withTestApp { app in
            var office = Browser(app)
            try await office.login("office")
            // 2023 with a dearer junior fee, activated while 2022 is still in use.
            let fees = try PoliciesPageTests.bundle("changzhi-2023-example",
                                                    patch: #"{"id": "changzhi-2023-fees", "parameters": {"reviewFeeJunior": {"value": 280}}}"#)
            try await Self.activate(&office, fees, id: "changzhi-2023-fees")
            #expect(app.policies.current.id == "changzhi-2022")
            // A 2024 bundle keeps 2023's fee: against 2023 no parameter changes; against
            // 2022 (the year in use) the fee would.
            try await PolicyRehearsalPageTests().store(app, id: "changzhi-2024-x",
                                                       patch: Self.datesPatch(2024, parameters: #"{"reviewFeeJunior": {"value": 280}}"#),
                                                       base: "changzhi-2023-example")
            let d2024 = try await office.get("/policies/changzhi-2024-x/diff")
            #expect(d2024.status == .ok && d2024.text.contains("<h1>年度政策比较</h1>"))
            #expect(d2024.text.contains("与上一年度比较：2023年度") && d2024.text.contains("（changzhi-2023-fees）→ 2024年度"), "\(d2024.text)")
            #expect(d2024.text.contains("今天使用的是2022年度的政策（changzhi-2022）"))
            #expect(d2024.text.contains("参数（数值和单位）没有变化") && !d2024.text.contains("260 元"))
            #expect(d2024.text.contains("2023年12月31日") && d2024.text.contains("2024年12月31日") && !d2024.text.contains("2022年12月31日"))
            #expect(d2024.text.contains("<th>2023年度</th>") && d2024.text.contains("<th>2024年度（上传的）</th>"))

            // 2023 opens: the year in use is 2023 itself; its page still reads against 2022.
            Self.openDay(app, "2023-06-10")
            #expect(app.policies.current.id == "changzhi-2023-fees")
            let d2023 = try await office.get("/policies/changzhi-2023-fees/diff")
            #expect(d2023.text.contains("与上一年度比较：2022年度"), "\(d2023.text)")
            #expect(d2023.text.contains("<td>reviewFeeJunior</td>") && d2023.text.contains("260 元 → 280 元"), "\(d2023.text)")
            #expect(!d2023.text.contains("今天使用的是"))

            // A gap: 2025 against the nearest earlier year, said so.
            try await PolicyRehearsalPageTests().store(app, id: "changzhi-2025-x", patch: Self.datesPatch(2025), base: "changzhi-2023-example")
            let d2025 = try await office.get("/policies/changzhi-2025-x/diff")
            #expect(d2025.text.contains("本系统没有2024年度的政策，以下与最近的更早年度（2023年度）比较"))
            // Nothing earlier at all: said plainly, no empty tables.
            try await PolicyRehearsalPageTests().store(app, id: "changzhi-2021-x", patch: Self.datesPatch(2021))
            let d2021 = try await office.get("/policies/changzhi-2021-x/diff")
            #expect(d2021.status == .ok && d2021.text.contains("没有可比较的上一年度") && d2021.text.contains("本系统没有2021年度以前的年度政策"))
            #expect(!d2021.text.contains(#"id="dates""#) && !d2021.text.contains("没有变化"))
        }
    }

    // MARK: the demo's clock

    @Test func theDemoClockMovesIntoAYearOnlyOnceItIsActivated() async throws {
        try await withTestApp { app in
            app.clock = .demo(startingAt: LocalDate(iso: "2022-08-15")!)
            var office = Browser(app)
            try await office.login("office")
            let page = try await office.get("/demo/clock")
            #expect(page.status == .ok && page.text.contains("可调整到2022年内"))
            let early = try await office.post("/demo/clock", ["day": "2023-06-10"])
            #expect(early.status == .unprocessableEntity && early.text.contains("演示日期须在2022年内") && early.text.contains("2023-06-10"))
            #expect(app.clock.today.year == 2022)

            try await Self.activate(&office, PolicyRehearsalPageTests.example, id: "changzhi-2023-example")
            #expect(try await office.get("/demo/clock").text.contains("可调整到2022年、2023年内"))
            let moved = try await office.post("/demo/clock", ["day": "2023-06-10"])
            #expect(moved.status == .seeOther, "\(moved.text)")
            #expect(app.clock.today.iso == "2023-06-10")
            #expect(app.policies.current.id == "changzhi-2023-example")
            // Still only forward, and not past the years known.
            try await office.get("/demo/clock")
            #expect(try await office.post("/demo/clock", ["day": "2024-01-02"]).status == .unprocessableEntity)
            #expect(try await office.post("/demo/clock", ["day": "2022-12-01"]).status == .unprocessableEntity)
            #expect(app.clock.today.iso == "2023-06-10")
            // Other roles still cannot move it.
            var clerk = Browser(app)
            try await clerk.login("unit1")
            #expect(try await clerk.get("/demo/clock").status == .forbidden)
        }
    }

    // MARK: item 2: integrity records across years

    @Test func anIntegrityRecordOf2022BarsA2023DeclarationWhileInForce() async throws {
        try await withTestApp { app in
            try await PolicyRehearsalPageTests().declarations(app)
            let li = try #require(try await UserAccount.query(on: app.db).filter(\.$username == "applicant3").first())
            let liApp = try #require(try await ApplicationRecord.query(on: app.db).filter(\.$applicant.$id == li.id!).first())
            #expect(liApp.year == 2022)
            var office = Browser(app)
            try await office.login("office")
            let office2022 = try #require(try await UserAccount.query(on: app.db).filter(\.$username == "office").first())
            try await IntegrityFlag(applicationID: liApp.id!, reporterID: office2022.id!, reporterName: "办公室", reporterRole: "评委会办公室",
                                    evidence: "学历证书编号查无此证").create(on: app.db)
            let before = try await office.get("/committee/integrity")
            #expect(before.text.contains(#"<strong aria-current="page">2022年度</strong>"#) && before.text.contains("学历证书编号查无此证"))
            let cancelled = try await office.post("/committee/integrity/cancel?year=2022", ["applicationID": liApp.id!.uuidString, "basis": "学历证书系伪造"])
            #expect(cancelled.status == .seeOther && cancelled.location == "/committee/integrity?notice=saved&year=2022#records", "\(cancelled.location ?? "")")

            try await Self.activate(&office, PolicyRehearsalPageTests.example, id: "changzhi-2023-example")
            Self.openDay(app, "2023-06-10")
            let term = "2022年8月15日至2025年8月14日（3年，2025年8月15日起解除）"
            let page = try await office.get("/committee/integrity")
            #expect(page.status == .ok && page.text.contains(#"<strong aria-current="page">2023年度</strong>"#))
            // The 2022 report belongs to 2022; the record is in force whatever year it was opened in.
            #expect(!page.text.contains("学历证书编号查无此证") && page.text.contains("2023年度暂无举报"))
            #expect(page.text.contains(li.realName) && page.text.contains(term), "\(page.text)")
            #expect(!page.text.contains(li.idNumber ?? "-"))
            let old = try await office.get("/committee/integrity?year=2022")
            #expect(old.text.contains(#"<strong aria-current="page">2022年度</strong>"#) && old.text.contains("学历证书编号查无此证") && old.text.contains(term))

            // 李 declares under 2023: the draft starts, the submission is refused by the 2022 record.
            var applicant = Browser(app)
            try await applicant.login("applicant3")
            try await applicant.get("/applications")
            let created = try await applicant.post("/applications", ["targetLevel": "engineer", "track": "regular", "specialty": "机械工程"])
            #expect(created.status == .seeOther, "\(created.text)")
            let draft = try #require(try await ApplicationRecord.query(on: app.db).filter(\.$applicant.$id == li.id!).filter(\.$year == 2023).first())
            #expect(draft.policyID == "changzhi-2023-example")
            let overview = "/applications/\(draft.id!.uuidString)"
            try await applicant.get("\(overview)/commitment")
            let refused = try await applicant.post("\(overview)/submit", ["acknowledgeIneligible": "1"])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("诚信档案") && refused.text.contains("2025年8月14日"), "\(refused.text)")
            #expect(try await ApplicationRecord.find(draft.id!, on: app.db)?.stateValue == .draft)

            // Once lifted, the page lists it apart.
            Self.openDay(app, "2025-08-15")
            let later = try await office.get("/committee/integrity")
            #expect(later.text.contains("已期满解除的记录") && later.text.contains("暂无在期限内的记录"))
        }
    }

    // MARK: item 2: experts' terms across years

    @Test func anExpertAddedIn2022IsDrawnForA2023PanelWhileInTerm() async throws {
        try await withTestApp { app in
            guard case .integer(let size)? = app.policies.current.parameter("defensePanelSize")?.value else {
                Issue.record("defensePanelSize"); return
            }
            let org = try #require(try await Organization.query(on: app.db).filter(\.$kindRaw == OrganizationKind.unit.rawValue).first())
            var office = Browser(app)
            try await office.login("office")
            try await office.get("/committee/experts")
            var names: [String] = []
            for i in 1...size {
                let name = "测绘专家\(i)"
                names.append(name)
                let r = try await office.post("/committee/experts", ["name": name, "specialty": "测绘工程", "title": "高级工程师",
                                                                     "organizationID": org.id!.uuidString, "contact": "1390355\(1000 + i)",
                                                                     "termStart": "2022-09-01", "termEnd": "2025-08-31"])
                #expect(r.status == .seeOther, "\(r.text)")
            }
            // One whose term ends with 2022.
            #expect(try await office.post("/committee/experts", ["name": "测绘专家旧", "specialty": "测绘工程", "title": "高级工程师",
                                                                 "organizationID": org.id!.uuidString, "contact": "13903552000",
                                                                 "termStart": "2022-01-01", "termEnd": "2022-12-31"]).status == .seeOther)
            try await Self.activate(&office, PolicyRehearsalPageTests.example, id: "changzhi-2023-example")
            Self.openDay(app, "2023-06-10")
            let pool = try await office.get("/committee/experts")
            #expect(pool.status == .ok && pool.text.contains("测绘专家1"))
            try await office.get("/committee/panels")
            let drawn = try await office.post("/committee/panels", ["specialty": "测绘工程", "room": "第三会议室", "seed": "7"])
            #expect(drawn.status == .seeOther, "\(drawn.text)")
            let panel = try #require(try await DefensePanel.query(on: app.db).filter(\.$specialty == "测绘工程").first())
            #expect(panel.year == 2023)
            let members = try await DefensePanelMember.query(on: app.db).filter(\.$panel.$id == panel.id!).with(\.$expert).all()
            #expect(Set(members.map(\.expert.name)) == Set(names))
        }
    }

    // MARK: item 2: reopenings and similarity jobs pick the year

    @Test func reopeningsAndSimilarityJobsPickTheYear() async throws {
        try await withTestApp { app in
            let unit = try #require(try await Organization.query(on: app.db).filter(\.$kindRaw == OrganizationKind.unit.rawValue).first())
            var office = Browser(app)
            try await office.login("office")
            try await office.get("/office/reopenings")
            #expect(try await office.post("/office/reopenings", ["unitID": unit.id!.uuidString, "until": "2022-09-05",
                                                                  "reason": "二〇二二年补报的原因"]).status == .seeOther)
            try await office.get("/committee/similarity")
            let job = try await office.post("/committee/similarity/jobs?year=2022")
            #expect(job.status == .seeOther && job.location == "/committee/similarity?notice=saved&year=2022#jobs", "\(job.location ?? "")")

            try await Self.activate(&office, PolicyRehearsalPageTests.example, id: "changzhi-2023-example")
            Self.openDay(app, "2023-06-10")
            let now = try await office.get("/office/reopenings")
            #expect(now.status == .ok && now.text.contains(#"<strong aria-current="page">2023年度</strong>"#))
            #expect(!now.text.contains("二〇二二年补报的原因") && now.text.contains(#"id="reopen-form""#) && now.text.contains("2023年度重新开放记录"))
            let then = try await office.get("/office/reopenings?year=2022")
            #expect(then.text.contains(#"<strong aria-current="page">2022年度</strong>"#) && then.text.contains("二〇二二年补报的原因"))
            #expect(!then.text.contains(#"id="reopen-form""#) && then.text.contains("只供查阅"))
            // A reopening made now is the year in use's.
            try await office.get("/office/reopenings")
            #expect(try await office.post("/office/reopenings", ["unitID": unit.id!.uuidString, "until": "2023-09-05",
                                                                  "reason": "二〇二三年补报的原因"]).status == .seeOther)
            let rows = try await DeclarationReopening.query(on: app.db).sort(\.$until).all()
            #expect(rows.map(\.year) == [2022, 2023])

            let similarity = try await office.get("/committee/similarity")
            #expect(similarity.status == .ok && similarity.text.contains(#"<strong aria-current="page">2023年度</strong>"#))
            #expect(similarity.text.contains("尚未进行查重") && similarity.text.contains("/committee/similarity/jobs?year=2023"))
            let similarity2022 = try await office.get("/committee/similarity?year=2022")
            #expect(!similarity2022.text.contains("尚未进行查重") && similarity2022.text.contains("七.1（2022年度）"))
            #expect(try await SimilarityJob.query(on: app.db).all().map(\.year) == [2022])
        }
    }
}
