import Testing
@testable import Domain

/// A saved declaration becomes the eligibility profile the engine reads, and
/// the engine's answer for a complete engineer declaration is "eligible".
@Suite struct DeclarationProfileTests {
    static let engineerItems: [(DeclarationSection, FieldValues)] = [
        (.education, ["level": "bachelor", "school": "太原理工大学", "major": "机械设计制造及其自动化",
                      "discipline": "engineering", "sameAsSpecialty": "1", "engineeringDegree": "0", "graduated": "2012-07-01"]),
        (.titles, ["series": "engineering", "name": "助理工程师", "tier": "assistant", "qualified": "2016-09-01", "appointed": "2016-10-01"]),
        (.work, ["from": "2012-07-01", "unitName": "长治示例重工机械有限公司", "post": "技术员", "technical": "1",
                 "engineeringPost": "1", "grassroots": "0"]),
        (.papers, ["title": "齿轮箱振动分析", "journal": "机械工程师", "issn": "CN 23-1196/TH", "published": "2019-05-01",
                   "authorship": "sole", "characters": "4200", "database": "cnki", "publicJournal": "1", "relevant": "1"]),
        (.papers, ["title": "减速器润滑改进", "journal": "煤矿机械", "issn": "CN 23-1280/TD", "published": "2021-03-01",
                   "authorship": "first", "characters": "3600", "database": "wanfang", "publicJournal": "1", "relevant": "1"]),
        (.achievements, ["name": "输送机改造", "kind": "project", "level": "city", "rank": "3", "accepted": "1", "date": "2020-11-01"]),
    ] + (2016...2022).map { (.assessments, ["year": String($0), "result": "competent"]) }

    static func basics(_ level: TargetLevel = .engineer, report: Bool = true) -> DeclarationBasics {
        DeclarationBasics(targetLevel: level, specialty: "机械工程", unitKind: .enterprise, hasWorkReport: report)
    }

    @Test func completeEngineerDeclarationIsEligible() throws {
        let profile = DeclarationProfile.build(Self.basics(), items: Self.engineerItems)
        #expect(profile.education.count == 1)
        #expect(profile.papers.count == 2)
        #expect(profile.papers[0].indexed)
        #expect(profile.assessments.count == 7)
        let answer = EligibilityEngine(try Policy.load(id: "changzhi-2022")).evaluate(profile)
        #expect(answer.verdict == .eligible, "\(answer.failing.map(\.message))")
    }

    @Test func aPaperNotInADatabaseDoesNotCount() throws {
        var items = Self.engineerItems
        items[4].1["database"] = "none"
        let profile = DeclarationProfile.build(Self.basics(), items: items)
        #expect(profile.papers[1].indexed == false)
        let answer = EligibilityEngine(try Policy.load(id: "changzhi-2022")).evaluate(profile)
        #expect(answer.failing.contains { $0.clause == "3.1.4" })
    }

    @Test func missingWorkReportFailsClause316() throws {
        let profile = DeclarationProfile.build(Self.basics(report: false), items: Self.engineerItems)
        let answer = EligibilityEngine(try Policy.load(id: "changzhi-2022")).evaluate(profile)
        #expect(answer.failing.map(\.clause) == ["3.1.6"])
        #expect(FindingLinks.target(for: answer.failing[0].rule) == .workReport)
    }

    @Test func expertsCountFromCompleteEntries() {
        let material: FieldValues = ["kind": "feasibility_report", "date": "2021-01-01", "characters": "2500",
                                     "expert1Name": "甲", "expert1Title": "高工", "expert1Specialty": "机械", "expert1Unit": "甲院",
                                     "expert2Name": "乙", "expert2Title": "高工", "expert2Specialty": "机械", "expert2Unit": "乙院",
                                     "expert3Name": "丙", "expert3Title": "高工", "expert3Unit": "丙院"]
        let profile = DeclarationProfile.build(Self.basics(), items: [(.technicalMaterials, material)])
        #expect(profile.technicalMaterials.first?.expertRecommendations == 2)
    }

    @Test func sanctionsFeedTheExclusions() throws {
        let items = Self.engineerItems + [(.sanctions, ["kind": "government", "severity": "demerit", "from": "2022-01-01", "until": "2023-07-01"])]
        let answer = EligibilityEngine(try Policy.load(id: "changzhi-2022")).evaluate(DeclarationProfile.build(Self.basics(), items: items))
        #expect(answer.failing.contains { $0.clause == "2" })
    }
}

@Suite struct OutputDatesTests {
    @Test func aPaperBeforeTheTenureStartIsNamed() throws {
        var items = DeclarationProfileTests.engineerItems
        items[3].1["published"] = "2016-08-31"   // the title dates from 2016-09-01
        let answer = EligibilityEngine(try Policy.load(id: "changzhi-2022"))
            .evaluate(DeclarationProfile.build(DeclarationProfileTests.basics(), items: items))
        let window = try #require(OutputDates.window(answer))
        #expect(window.start == LocalDate(year: 2016, month: 9, day: 1))
        #expect(OutputDates.warning(.papers, items[3].1, window: window) == "早于任现职起算日2016年9月1日，不计入第3.1.4条的条件")
        #expect(OutputDates.warning(.papers, items[4].1, window: window) == nil)
        #expect(OutputDates.warning(.achievements, ["date": "2016-01-01"], window: window)?.contains("3.1.5") == true)
        #expect(OutputDates.warning(.education, ["graduated": "2010-01-01"], window: window) == nil)
        // The engine agrees: only one paper counts now.
        #expect(answer.failing.contains { $0.clause == "3.1.4" })
    }

    /// Contract 1.1 item 8: the dossier closes at the status date (2022-08-25); an item
    /// dated after it is marked on its row, and the engine does not count it.
    @Test func itemsAfterTheStatusDateAreNamed() throws {
        let engine = EligibilityEngine(try Policy.load(id: "changzhi-2022"))
        for (published, counts) in [("2022-08-24", true), ("2022-08-25", true), ("2022-08-26", false)] {
            var items = DeclarationProfileTests.engineerItems
            items[4].1["published"] = published
            let answer = engine.evaluate(DeclarationProfile.build(DeclarationProfileTests.basics(), items: items))
            let window = try #require(OutputDates.window(answer))
            #expect(window.closes == LocalDate(year: 2022, month: 8, day: 25))
            let warning = OutputDates.warning(.papers, items[4].1, window: window)
            #expect((warning == nil) == counts, "\(published)")
            if !counts { #expect(warning == "晚于申报截止日2022年8月25日，申报材料截至该日，不计入第3.1.4条的条件") }
            #expect(answer.failing.contains { $0.clause == "3.1.4" } == !counts, "\(published)")
        }
        // Practical materials and achievements close on the same day.
        let window = OutputDates.Window(start: LocalDate(year: 2016, month: 9, day: 1), closes: LocalDate(year: 2022, month: 8, day: 25)!)
        #expect(OutputDates.warning(.technicalMaterials, ["date": "2022-09-01"], window: window)?.contains("3.1.4") == true)
        #expect(OutputDates.warning(.achievements, ["date": "2022-08-26"], window: window)?.contains("3.1.5") == true)
        #expect(OutputDates.warning(.achievements, ["date": "2022-08-25"], window: window) == nil)
    }

    /// The doctorate route has no floor but the same close.
    @Test func theDoctorateRouteClosesToo() throws {
        var items = DeclarationProfileTests.engineerItems
        items[0].1["level"] = "doctorate"
        items[3].1["published"] = "2005-01-01"
        items[4].1["published"] = "2022-10-01"
        let answer = EligibilityEngine(try Policy.load(id: "changzhi-2022"))
            .evaluate(DeclarationProfile.build(DeclarationProfileTests.basics(), items: items))
        #expect(answer.route == .doctorate)
        let window = try #require(OutputDates.window(answer))
        #expect(window.start == nil)
        #expect(OutputDates.warning(.papers, items[3].1, window: window) == nil)
        #expect(OutputDates.warning(.papers, items[4].1, window: window)?.hasPrefix("晚于申报截止日") == true)
        #expect(answer.failing.map(\.clause) == ["3.1.4"])
    }
}
