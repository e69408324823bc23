import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

/// A declaration for applicant1 written straight into the database, so the
/// print tests do not depend on the declaration pages.
enum PrintFixtures {
    static let papers = ["大坝渗流监测数据分析方法研究", "灌区输水渠道衬砌防渗技术应用"]
    static let achievement = "漳泽水库除险加固工程"
    static let award = "长治市水利系统先进工作者"
    static let reportParagraphs = ["本人2010年7月毕业于太原理工大学水利水电工程专业，同年参加工作。",
                                   "任助理工程师以来，主持完成漳泽水库除险加固工程的设计工作，社会效益显著。"]

    static func application(_ app: Application, username: String = "applicant1") async throws -> (ApplicationRecord, UserAccount) {
        let user = try #require(try await UserAccount.query(on: app.db).filter(\.$username == username).first())
        let record = ApplicationRecord(applicantID: user.id!, unitID: user.$organization.id, year: 2022,
                                       policyID: "changzhi-2022", targetLevel: .engineer, track: .regular,
                                       specialty: "水利水电工程")
        record.basicValues = ["ethnicity": "汉族", "political": "cpc", "workStart": "2010-07-01", "post": "水工设计"]
        record.workReport = reportParagraphs.joined(separator: "\n\n")
        record.commitmentSignedAt = Date(timeIntervalSince1970: 1_659_312_000) // 2022-08-01 08:00 北京时间
        try await record.create(on: app.db)
        let items: [(DeclarationSection, FieldValues)] = [
            (.education, ["level": "bachelor", "school": "太原理工大学", "major": "水利水电工程", "discipline": "engineering",
                          "degree": "工学学士", "graduated": "2010-07-01"]),
            (.titles, ["series": "engineering", "name": "助理工程师", "tier": "assistant",
                       "qualified": "2014-09-01", "appointed": "2014-10-01"]),
            (.work, ["from": "2010-07-01", "unitName": "长治市示例水利勘测设计院", "post": "水工设计", "technical": "1"]),
            (.papers, paper(papers[0], "2019-05-01")),
            (.papers, paper(papers[1], "2021-03-01")),
            (.achievements, ["name": achievement, "kind": "project", "level": "city", "rank": "1", "accepted": "1",
                             "acceptedBy": "长治市水务局", "date": "2020-11-01"]),
            (.awards, ["name": award, "level": "city", "issuer": "长治市水务局", "date": "2021-01-15"]),
            (.continuingEducation, ["year": "2021", "hours": "72", "content": "水利工程新技术"]),
            (.continuingEducation, ["year": "2022", "hours": "48", "content": "大坝安全监测"]),
        ] + [(2018, "competent"), (2019, "excellent"), (2020, "competent"), (2021, "competent")].map {
            (.assessments, ["year": String($0.0), "result": $0.1])
        }
        for (i, item) in items.enumerated() {
            try await ApplicationItem(applicationID: record.id!, section: item.0, position: i + 1, values: item.1).create(on: app.db)
        }
        return (record, user)
    }

    static func paper(_ title: String, _ date: String) -> FieldValues {
        ["title": title, "journal": "山西水利", "issn": "CN 14-1124/TV", "published": date, "authorship": "sole",
         "characters": "5200", "database": "cnki", "publicJournal": "1", "relevant": "1"]
    }

    static func submit(_ record: ApplicationRecord, _ app: Application) async throws {
        record.state = ApplicationState.submitted.rawValue
        record.submittedAt = Date()
        try await record.update(on: app.db)
    }
}

@Suite("打印表格：综合考评表与评审表")
struct PrintFormsTests {
    @Test("the evaluation form shows the declaration's data on a print-only page")
    func evaluationForm() async throws {
        try await withTestApp { app in
            let (record, _) = try await PrintFixtures.application(app)
            var b = Browser(app)
            try await b.login("applicant1")
            let res = try await b.get(DeclarationURL(id: record.id!).evaluationForm)
            #expect(res.status == .ok)
            let html = res.text
            #expect(html.contains(#"<html lang="zh-CN">"#))
            #expect(html.contains(PrintLayout.stylesheet) && PrintLayout.stylesheet.hasPrefix("/static/print.") && !html.contains("/static/site."))
            #expect(!html.contains("site-nav") && !html.contains("site-header") && !html.contains("<script"))
            for text in ["专业技术职务任职资格评审综合考评表", "张伟", "男", "1988年3月", "中共党员", "2010年7月1日", "工程师",
                         "水利水电工程", "大学本科\n工学学士", "助理工程师", "2014年9月1日", "长治市示例水利勘测设计院",
                         PrintFixtures.achievement, "第1名", PrintFixtures.award, "累计120学时",
                         "2019年", "优秀", "单位推荐意见", "评委会办公室审核意见", PrintLayout.inferredNote] {
                #expect(html.contains(text), "missing \(text)")
            }
            for title in PrintFixtures.papers { #expect(html.contains(title)) }
            // 25 copies go round the committee: the ID number is not on this form.
            #expect(!html.contains("身份证号"))
        }
    }

    @Test("the review form has the cover, the report, both commitments and the blank opinion boxes")
    func reviewForm() async throws {
        try await withTestApp { app in
            let (record, user) = try await PrintFixtures.application(app)
            var b = Browser(app)
            try await b.login("applicant1")
            let res = try await b.get(DeclarationURL(id: record.id!).reviewForm)
            #expect(res.status == .ok)
            let html = res.text
            #expect(!html.contains("site-nav"))
            for text in ["山西省专业技术职务任职资格评审表", "山西省人力资源和社会保障厅制", PrintLayout.inferredNote,
                         "申报资格", "工程系列", "太原理工大学", "至今", "2014年10月1日", "2018年", "合格",
                         PrintFixtures.achievement, PrintFixtures.award, "专业技术工作报告", "申报人承诺", "单位承诺",
                         "2022-08-01 08:00", "单位鉴定意见", "评审委员会评审意见", "赞成＿＿票，反对＿＿票，弃权＿＿票"] {
                #expect(html.contains(text), "missing \(text)")
            }
            for title in PrintFixtures.papers { #expect(html.contains(title)) }
            for paragraph in PrintFixtures.reportParagraphs { #expect(html.contains("<p>\(paragraph)</p>")) }
            for line in CommitmentPage.commitmentText(app.policies.year) { #expect(html.contains(line)) }
            // The owner sees their own ID number in full.
            #expect(html.contains(try #require(user.idNumber)))
        }
    }

    @Test("another applicant is refused, and a unit clerk too while the declaration is a draft")
    func refusals() async throws {
        try await withTestApp { app in
            let (record, _) = try await PrintFixtures.application(app)
            let url = DeclarationURL(id: record.id!)
            var other = Browser(app)
            try await other.login("applicant2")
            #expect(try await other.get(url.evaluationForm).status == .forbidden)
            #expect(try await other.get(url.reviewForm).status == .forbidden)
            var clerk = Browser(app)
            try await clerk.login("unit1")
            #expect(try await clerk.get(url.evaluationForm).status == .forbidden)
            #expect(try await clerk.get(url.reviewForm).status == .forbidden)
            var anonymous = Browser(app)
            #expect(try await anonymous.get(url.reviewForm).status != .ok)
        }
    }

    @Test("once submitted the unit clerk sees the ID number masked, the committee office in full")
    func personalData() async throws {
        try await withTestApp { app in
            let (record, user) = try await PrintFixtures.application(app)
            try await PrintFixtures.submit(record, app)
            let full = try #require(user.idNumber)
            let url = DeclarationURL(id: record.id!)
            var clerk = Browser(app)
            try await clerk.login("unit1")
            let masked = try await clerk.get(url.reviewForm)
            #expect(masked.status == .ok)
            #expect(!masked.text.contains(full) && masked.text.contains(Masking.middle(full)))
            #expect(try await clerk.get(url.evaluationForm).status == .ok)
            var office = Browser(app)
            try await office.login("office")
            let shown = try await office.get(url.reviewForm)
            #expect(shown.status == .ok && shown.text.contains(full))
        }
    }

    @Test("data typed by the applicant is escaped, never markup")
    func escaping() async throws {
        try await withTestApp { app in
            let (record, _) = try await PrintFixtures.application(app)
            try await ApplicationItem(applicationID: record.id!, section: .papers, position: 99,
                                      values: PrintFixtures.paper("<script>alert(1)</script>\"x\"", "2020-01-01")).create(on: app.db)
            var b = Browser(app)
            try await b.login("applicant1")
            for path in [DeclarationURL(id: record.id!).evaluationForm, DeclarationURL(id: record.id!).reviewForm] {
                let html = try await b.get(path).text
                #expect(!html.contains("<script>alert(1)</script>"))
                #expect(html.contains("&lt;script&gt;"))
            }
        }
    }

    @Test("the print stylesheet is served and sets A4 with page breaks")
    func stylesheet() async throws {
        try await withTestApp(demo: false) { app in
            var b = Browser(app)
            let css = try await b.get("/static/print.css")
            #expect(css.status == .ok)
            #expect(css.text.contains("size: A4") && css.text.contains("break-before: page"))
            #expect(css.text.contains("Noto Serif CJK SC"))
        }
    }
}
