import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

/// Helpers to drive a declaration through its pages as the applicant would.
extension Browser {
    /// Starts the year's declaration; returns its overview path.
    mutating func startDeclaration(level: String = "engineer", specialty: String = "机械工程") async throws -> String {
        try await get("/applications")
        let response = try await post("/applications", ["targetLevel": level, "track": "regular", "specialty": specialty])
        let location = try #require(response.location)
        #expect(location.hasSuffix("/basics"))
        return String(location.dropLast("/basics".count))
    }

    mutating func add(_ overview: String, _ section: String, _ values: [String: String]) async throws -> TestingHTTPResponse {
        try await get("\(overview)/sections/\(section)")
        return try await post("\(overview)/sections/\(section)", values)
    }
}

enum DeclarationFixtures {
    static let basics = ["targetLevel": "engineer", "track": "regular", "specialty": "机械工程", "ethnicity": "汉族",
                         "political": "masses", "workStart": "2012-07-01", "post": "机械设计", "email": "a@example.cn"]
    static let education = ["level": "bachelor", "school": "太原理工大学", "major": "机械设计制造及其自动化",
                            "discipline": "engineering", "sameAsSpecialty": "1", "graduated": "2012-07-01"]
    static let title = ["series": "engineering", "name": "助理工程师", "tier": "assistant",
                        "qualified": "2016-09-01", "appointed": "2016-10-01"]
    static func paper(_ title: String, _ date: String) -> [String: String] {
        ["title": title, "journal": "机械工程师", "issn": "CN 23-1196/TH", "published": date, "authorship": "sole",
         "characters": "4200", "database": "cnki", "publicJournal": "1", "relevant": "1"]
    }
    static let achievement = ["name": "输送机改造", "kind": "project", "level": "city", "rank": "3", "accepted": "1",
                              "date": "2020-11-01"]
    static let report = String(repeating: "本人自2012年参加工作以来，从事机械设计与设备改造工作。", count: 20)

    /// Fills a complete, eligible engineer declaration (without uploads).
    static func fillEngineer(_ browser: inout Browser, _ overview: String) async throws {
        try await browser.get("\(overview)/basics")
        #expect(try await browser.post("\(overview)/basics", basics).status == .seeOther)
        #expect(try await browser.add(overview, "education", education).status == .seeOther)
        #expect(try await browser.add(overview, "titles", title).status == .seeOther)
        #expect(try await browser.add(overview, "papers", paper("齿轮箱振动分析", "2019-05-01")).status == .seeOther)
        #expect(try await browser.add(overview, "papers", paper("减速器润滑改进", "2021-03-01")).status == .seeOther)
        #expect(try await browser.add(overview, "achievements", achievement).status == .seeOther)
        for year in 2016...2022 {
            #expect(try await browser.add(overview, "assessments", ["year": String(year), "result": "competent"]).status == .seeOther)
        }
        try await browser.get("\(overview)/report")
        #expect(try await browser.post("\(overview)/report", ["workReport": report]).status == .seeOther)
    }

    /// Stands in for the upload pages: the checklist counts files by slot.
    static func attachFiles(_ app: Application, _ overview: String) async throws {
        let id = try #require(UUID(uuidString: String(overview.split(separator: "/").last!)))
        let application = try #require(try await ApplicationRecord.find(id, on: app.db))
        let items = try await ApplicationItem.query(on: app.db).filter(\.$application.$id == id).all()
        func file(_ slot: String, item: UUID? = nil) async throws {
            let f = StoredFile()
            f.$application.id = id
            f.slot = slot
            f.$item.id = item
            f.label = slot
            f.originalName = "\(slot).pdf"
            f.fileType = "pdf"
            f.size = 1000
            f.pages = 1
            f.sha256 = String(repeating: "0", count: 64)
            f.storageName = UUID().uuidString
            f.$uploadedBy.id = application.$applicant.id
            try await f.create(on: app.db)
        }
        for slot in ["category3", "category4", "photo", "postSalaryApproval"] { try await file(slot) }
        for item in items where item.section == "papers" {
            try await file("category6", item: item.id)
            // 三（一）4: the stamped search-result page of each paper.
            try await file("paperSearchPage", item: item.id)
        }
        for item in items where item.section == "achievements" { try await file("category7", item: item.id) }
        // 七.1 and 九: the 送审论文 is linked to the first paper, which the defense is about.
        let firstPaper = items.filter { $0.section == "papers" }.sorted { $0.position < $1.position }.first
        try await file("submittedPaper", item: firstPaper?.id)
        if application.level == .engineer, let firstPaper {
            application.defenseItemID = firstPaper.id
            try await application.update(on: app.db)
        }
    }
}
