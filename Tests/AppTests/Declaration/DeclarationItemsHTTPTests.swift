import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
@testable import Domain

/// What the declaration must still collect (issue 7 items 7–10), over HTTP: the
/// entries, the uploads linked to them, the checklist and the printed forms.
@Suite struct DeclarationItemsHTTPTests {
    typealias F = FilesFixtures

    static func material(experts: Int) -> [String: String] {
        var v = ["title": "泵站自动化改造方案", "kind": "special_plan", "date": "2021-05-01", "characters": "5200"]
        for n in 1...experts {
            v["expert\(n)Name"] = "专家\(n)"; v["expert\(n)Title"] = "正高级工程师"
            v["expert\(n)Specialty"] = "水利水电工程"; v["expert\(n)Unit"] = "山西省水利水电勘测设计研究院"
        }
        return v
    }

    /// 七.2: four experts, each with specialty; the checklist wants a signed form
    /// and a certificate per expert, and an upload must name its material.
    @Test func materialsTakeThreeOrMoreExpertsAndTheirSignedForms() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("applicant1")
            let overview = try await b.startDeclaration()
            #expect(try await b.add(overview, "technicalMaterials", Self.material(experts: 4)).status == .seeOther)
            var partial = Self.material(experts: 1)
            partial["expert2Name"] = "孙"
            let incomplete = try await b.add(overview, "technicalMaterials", partial)
            #expect(incomplete.status == .unprocessableEntity)
            #expect(incomplete.text.contains("请完整填写推荐专家2的姓名、职称、专业和单位"))

            let list = try await b.get("\(overview)/files")
            #expect(list.text.contains("《专家推荐意见表》（每位推荐专家一份，本人签名）"))
            let record = try #require(try await ApplicationRecord.query(on: app.db).first())
            try await b.openFiles("applicant1", record)
            let noItem = try await b.upload(record, slot: .expertRecommendation, label: "专家1推荐意见表", filename: "r.pdf",
                                            bytes: F.pdf(pages: 1))
            #expect(noItem.status == .unprocessableEntity)
            #expect(noItem.text.contains("请选择该《专家推荐意见表》推荐的实用技术材料"))
            let material = try #require(try await ApplicationItem.query(on: app.db).first())
            for n in 1...4 {
                let up = try await b.upload(record, slot: .expertRecommendation, label: "专家\(n)推荐意见表", filename: "r\(n).pdf",
                                            bytes: F.pdf(pages: 1), itemID: material.id)
                #expect(up.status == .seeOther)
            }
            let overviewPage = try await b.get(overview)
            // Four forms for four experts: done; no certificate yet: missing.
            #expect(overviewPage.text.contains("slot-expertRecommendation\">《专家推荐意见表》（每位推荐专家一份，本人签名）</a></li>"))
            #expect(overviewPage.text.contains("推荐专家职称证书（每位推荐专家一份）</a><span class=\"muted\">：缺少：《泵站自动化改造方案》"))
            // The printed forms name each expert with title and specialty.
            let printed = try await b.get("\(overview)/print/review-form")
            #expect(printed.text.contains("专家4（正高级工程师，水利水电工程）"))
        }
    }

    /// 三（一）4 and 五.4 第六类: a book beside the papers; each paper and book needs
    /// its stamped search-result page, linked to it.
    @Test func booksAndSearchResultPages() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("applicant1")
            let overview = try await b.startDeclaration()
            #expect(try await b.add(overview, "papers", DeclarationFixtures.paper("溢洪道消能复核", "2019-06-01")).status == .seeOther)
            let book = ["title": "中小型水库除险加固技术", "publisher": "中国水利水电出版社", "isbn": "ISBN 978-7-5170-0000-0",
                        "published": "2021-03-01", "role": "contributor", "characters": "60000", "database": "cnki"]
            #expect(try await b.add(overview, "books", book).status == .seeOther)
            let checklist = try await b.get(overview)
            #expect(checklist.text.contains("每篇论文、论著的知网、万方、维普检索验证网页（加盖公章）</a><span class=\"muted\">：缺少：《溢洪道消能复核》、《中小型水库除险加固技术》"))
            let record = try #require(try await ApplicationRecord.query(on: app.db).first())
            let paper = try #require(try await ApplicationItem.query(on: app.db).filter(\.$section == "papers").first())
            try await b.openFiles("applicant1", record)
            #expect(try await b.upload(record, slot: .paperSearchPage, label: "知网检索页", filename: "s.pdf",
                                       bytes: F.pdf(pages: 1), itemID: paper.id).status == .seeOther)
            #expect(try await b.get(overview).text.contains("（加盖公章）</a><span class=\"muted\">：缺少：《中小型水库除险加固技术》</span>"))
            let evaluation = try await b.get("\(overview)/print/evaluation-form")
            #expect(evaluation.text.contains("中小型水库除险加固技术") && evaluation.text.contains("论著"))
        }
    }

    /// 三（二）4, 五.4 第四类, 三（七）.
    @Test func reportTextsWageTableAndExamCertificates() async throws {
        try await withTestApp { app in
            var junior = Browser(app)
            try await junior.login("applicant2")
            let overview = try await junior.startDeclaration(level: "assistant_engineer")
            let report = ["title": "数控机床精度恢复报告", "project": "机床大修", "role": "精度检测", "date": "2021-04-01"]
            #expect(try await junior.add(overview, "technicalReports", report).status == .seeOther)
            let page = try await junior.get(overview)
            #expect(page.text.contains("技术报告全文（每篇一份）</a><span class=\"muted\">：缺少：《数控机床精度恢复报告》"))
            // An enterprise applicant is not asked for the public institutions' wage table.
            #expect(!page.text.contains("专业技术岗位工资审批表"))
            let exam = ["kind": "language", "name": "职称英语（理工类）B级", "passed": "2015-06-01"]
            #expect(try await junior.add(overview, "examCertificates", exam).status == .seeOther)
            let printed = try await junior.get("\(overview)/print/review-form")
            #expect(printed.text.contains("职称外语：职称英语（理工类）B级（2015年6月1日合格）"))

            var pub = Browser(app)
            try await pub.login("applicant1")
            let water = try await pub.startDeclaration(level: "technician")
            #expect(try await pub.get(water).text.contains("第四类：专业技术岗位工资审批表（事业单位人员须提供）"))
        }
    }

    /// 三（一）3: the 评审表 prints the skill grade when the route rests on it.
    @Test func theReviewFormPrintsTheSkillGradeOfTheWorkerRoute() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("applicant2")
            let overview = try await b.startDeclaration()
            #expect(try await b.add(overview, "education", DeclarationFixtures.education).status == .seeOther)
            #expect(try await b.add(overview, "skills", ["grade": "technician", "occupation": "钳工", "obtained": "2016-07-01",
                                                         "certificate": "1614000000123"]).status == .seeOther)
            #expect(try await b.add(overview, "work", ["from": "2012-07-01", "unitName": "重工机械", "post": "设备技术员",
                                                       "technical": "1", "engineeringPost": "1"]).status == .seeOther)
            let printed = try await b.get("\(overview)/print/review-form")
            #expect(printed.text.contains("工人技术等级（申报依据，三（一）3）"))
            #expect(printed.text.contains("技师（钳工），2016年7月1日取得"))
        }
    }

    /// 九 and 七.1: the defense item is one of the applicant's papers or materials;
    /// the 送审论文 is linked to its paper entry; both are marked on the forms.
    @Test func theDefenseItemAndTheLinkedSubmittedPaper() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("applicant2")
            let overview = try await b.startDeclaration()
            try await DeclarationFixtures.fillEngineer(&b, overview)
            let before = try await b.get(overview)
            #expect(before.text.contains("答辩材料（从论文、论著、实用技术材料中选定一项）</a><span class=\"muted\">：尚未选定"))
            let achievement = try #require(try await ApplicationItem.query(on: app.db).filter(\.$section == "achievements").first())
            try await b.get("\(overview)/defense")
            let wrong = try await b.post("\(overview)/defense", ["itemID": achievement.id!.uuidString])
            #expect(wrong.status == .unprocessableEntity)
            let paper = try #require(try await ApplicationItem.query(on: app.db).filter(\.$section == "papers").sort(\.$position).first())
            #expect(try await b.post("\(overview)/defense", ["itemID": paper.id!.uuidString]).status == .seeOther)
            #expect(try await ApplicationRecord.query(on: app.db).first()?.defenseItemID == paper.id)

            let record = try #require(try await ApplicationRecord.query(on: app.db).first())
            try await b.openFiles("applicant2", record)
            #expect(try await b.upload(record, slot: .submittedPaper, label: "送审论文全文", filename: "s.docx", bytes: F.docx).status == .seeOther)
            #expect(try await b.get(overview).text.contains("已上传，但未对应申报表中的条目"))
            try await b.openFiles("applicant2", record)
            #expect(try await b.upload(record, slot: .submittedPaper, label: "送审论文全文", filename: "s2.docx", bytes: F.docx,
                                       itemID: paper.id).status == .seeOther)
            let after = try await b.get(overview)
            #expect(!after.text.contains("：尚未选定"))
            #expect(!after.text.contains("已上传，但未对应申报表中的条目"))
            let printed = try await b.get("\(overview)/print/review-form")
            #expect(printed.text.contains("答辩材料（本人选定，九）：学术论文《齿轮箱振动分析》"))
            #expect(printed.text.contains("（答辩材料、送审论文）"))
            // Deleting the chosen entry clears the choice.
            try await b.get("\(overview)/sections/papers")
            try await b.post("\(overview)/sections/papers/\(paper.id!.uuidString)/delete")
            #expect(try await ApplicationRecord.query(on: app.db).first()?.defenseItemID == nil)
        }
    }
}
