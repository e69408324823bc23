import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
@testable import Domain

/// 年度 in the lists (issue 19, item 2): after the office activated 2023 and its
/// declaration opened, the office's lists show 2023 by default and 2022 stays readable
/// with `?year=2022`.
@Suite struct ReviewYearListsTests {
    @Test func theReceivedListAndTheFeesPickTheYear() async throws {
        try await withTestApp { app in
            try await PolicyRehearsalPageTests().declarations(app)
            var office = Browser(app)
            try await office.login("office")
            // One year: the list names it, the 2022 declaration is there.
            let before = try await office.get("/applications/received")
            #expect(before.status == .ok && before.text.contains("评审年度：") && before.text.contains(#"<strong aria-current="page">2022年度</strong>"#))
            let li = try #require(try await UserAccount.query(on: app.db).filter(\.$username == "applicant3").first())
            #expect(before.text.contains(li.realName))

            try await office.get("/policies")
            #expect(try await PoliciesPageTests().upload(&office, PolicyRehearsalPageTests.example).status == .seeOther)
            try await office.get("/policies/changzhi-2023-example/rehearsal")
            #expect(try await office.post("/policies/changzhi-2023-example/activate", ["confirm": "1"]).status == .seeOther)
            app.clock = .fixed(LocalDate(iso: "2023-06-10")!.beijingMorning)

            let now = try await office.get("/applications/received")
            #expect(now.status == .ok && now.text.contains(#"<strong aria-current="page">2023年度</strong>"#))
            #expect(now.text.contains("2023年度暂无已提交的申报") && !now.text.contains(li.realName))
            #expect(now.text.contains(#"href="/applications/received?year=2022""#))
            let old = try await office.get("/applications/received?year=2022")
            #expect(old.text.contains(#"<strong aria-current="page">2022年度</strong>"#) && old.text.contains(li.realName))
            // A year the system does not know falls back to the year in use.
            #expect(try await office.get("/applications/received?year=1999").text.contains(#"<strong aria-current="page">2023年度</strong>"#))

            let fees = try await office.get("/fees?year=2022")
            #expect(fees.status == .ok && fees.text.contains(#"<strong aria-current="page">2022年度</strong>"#))
            #expect(fees.text.contains("/fees/export?format=csv&amp;year=2022") || fees.text.contains("/fees/export?format=csv&year=2022"))
            let export = try await office.get("/fees/export?format=csv&year=2023")
            #expect(export.status == .unprocessableEntity && export.text.contains("2023年度尚无收审受理的申报"))

            // The committee's exports: one year each, 2023 by default now, 2022 on request.
            let exports = try await office.get("/committee/exports?year=2022")
            #expect(exports.status == .ok && exports.text.contains(#"<strong aria-current="page">2022年度</strong>"#))
            #expect(exports.text.contains("/committee/exports/results?format=csv&amp;year=2022"), "\(exports.text)")
            struct Year: Decodable { var year: Int }
            let now2023 = try await office.get("/committee/exports/platform.json")
            #expect(try JSONDecoder().decode(Year.self, from: Data(now2023.text.utf8)).year == 2023, "\(now2023.text)")
            let then2022 = try await office.get("/committee/exports/platform.json?year=2022")
            #expect(try JSONDecoder().decode(Year.self, from: Data(then2022.text.utf8)).year == 2022)
            #expect(try await office.get("/committee/exports/rankings?format=csv&year=2022").status == .ok)
        }
    }
}
