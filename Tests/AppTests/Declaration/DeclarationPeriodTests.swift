import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
@testable import Domain

/// The review's own dates (issue 7 item 6): starting and submitting only inside
/// the bundle's declaration period or a reopening the office recorded for the
/// unit; date fields checked against the one clock and the review, never the
/// machine's today.
@Suite struct DeclarationPeriodTests {
    func day(_ iso: String) -> Date { LocalDate(iso: iso)!.beijingMorning }

    @Test func startingAfterThePeriodIsRefusedWithItsDates() async throws {
        try await withTestApp { app in
            app.clock = .fixed(day("2022-08-26"))
            var b = Browser(app)
            try await b.login("applicant1")
            let page = try await b.get("/applications")
            #expect(page.text.contains("本年度申报期为2022年6月1日至2022年8月25日，已于2022年8月25日截止"))
            #expect(!page.text.contains("开始填写"))
            let refused = try await b.post("/applications", ["targetLevel": "engineer", "track": "regular", "specialty": "水利"])
            #expect(refused.status == .forbidden)
            #expect(try await ApplicationRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func startingBeforeThePeriodIsRefused() async throws {
        try await withTestApp { app in
            app.clock = .fixed(day("2022-05-31"))
            var b = Browser(app)
            try await b.login("applicant1")
            try await b.get("/applications")
            let refused = try await b.post("/applications", ["targetLevel": "engineer", "track": "regular", "specialty": "水利"])
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("本年度申报将于2022年6月1日开始"))
        }
    }

    /// The machine's date is years later; the review's is the clock's. A clock
    /// on the last day still accepts, the day after refuses, and the office's
    /// reopening for the unit lets it through with the reason on record.
    @Test func submittingAfterTheCloseNeedsTheOfficesReopening() async throws {
        try await withTestApp { app in
            app.clock = .fixed(day("2022-08-20"))
            var b = Browser(app)
            try await b.login("applicant2")
            let overview = try await b.startDeclaration()
            try await DeclarationFixtures.fillEngineer(&b, overview)
            try await DeclarationFixtures.attachFiles(app, overview)
            app.clock = .fixed(day("2022-08-26"))
            try await b.get("\(overview)/commitment")
            try await b.post("\(overview)/commitment", ["agree": "1"])
            let late = try await b.post("\(overview)/submit")
            #expect(late.status == .forbidden)
            #expect(late.text.contains("已于2022年8月25日截止，今天（2022年8月26日）不能再提交申报"))
            #expect(try await ApplicationRecord.query(on: app.db).first()?.state == "draft")

            var office = Browser(app)
            try await office.login("office")
            let form = try await office.get("/office/reopenings")
            #expect(form.status == .ok && form.text.contains("重新开放申报"))
            let unit = try #require(try await Organization.query(on: app.db).filter(\.$name == AdminFixtures.heavyUnit).first())
            let noReason = try await office.post("/office/reopenings", ["unitID": unit.id!.uuidString, "until": "2022-09-05"])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.text.contains("请填写重新开放的原因"))
            let reopened = try await office.post("/office/reopenings", ["unitID": unit.id!.uuidString, "until": "2022-09-05",
                                                                         "reason": "单位人事变动，经请示补报"])
            #expect(reopened.status == .seeOther)
            #expect(try await office.get("/office/reopenings").text.contains("单位人事变动，经请示补报"))
            #expect(try await AuditRecord.query(on: app.db).filter(\.$action == "declaration.reopen").count() == 1)

            try await b.get("\(overview)/commitment")
            #expect(try await b.post("\(overview)/submit").status == .seeOther)
            #expect(try await ApplicationRecord.query(on: app.db).first()?.state == "submitted")
        }
    }

    @Test func onlyTheOfficeReopens() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("applicant1")
            #expect(try await b.get("/office/reopenings").status == .forbidden)
            var unit = Browser(app)
            try await unit.login("unit1")
            #expect(try await unit.get("/office/reopenings").status == .forbidden)
        }
    }

    /// 三（一）4 and I1: with the clock inside the 2022 period, a paper dated
    /// after today is refused even though the machine's date is later; with the
    /// clock years on (a reopened unit), 2025 and 2024 still do not belong in 2022.
    @Test func futureDatedItemsAreRefusedByTheClockAndTheReview() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("applicant1")
            let overview = try await b.startDeclaration()
            let soon = try await b.add(overview, "papers", DeclarationFixtures.paper("坝体渗流监测", "2022-09-01"))
            #expect(soon.status == .unprocessableEntity)
            #expect(soon.text.contains("发表时间不能晚于今天"))

            app.clock = .fixed(day("2026-11-30"))
            let paper = try await b.add(overview, "papers", DeclarationFixtures.paper("坝体渗流监测", "2025-03-01"))
            #expect(paper.status == .unprocessableEntity)
            #expect(paper.text.contains("发表时间不能晚于2022年12月31日"))
            let assessment = try await b.add(overview, "assessments", ["year": "2024", "result": "competent"])
            #expect(assessment.status == .unprocessableEntity)
            #expect(assessment.text.contains("年度不能晚于2022年"))
            #expect(try await ApplicationItem.query(on: app.db).count() == 0)
        }
    }

    /// Eligibility contract 1.1 item 8: between the status date and the review's
    /// end an item is accepted but named as not counting.
    @Test func aPaperAfterTheStatusDateIsMarkedNotCounting() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("applicant2")
            let overview = try await b.startDeclaration()
            try await DeclarationFixtures.fillEngineer(&b, overview)
            app.clock = .fixed(day("2022-09-10"))
            #expect(try await b.add(overview, "papers", DeclarationFixtures.paper("泵站节能改造", "2022-09-01")).status == .seeOther)
            let list = try await b.get("\(overview)/sections/papers")
            #expect(list.text.contains("晚于申报截止日2022年8月25日，申报材料截至该日，不计入第3.1.4条的条件"))
        }
    }
}
