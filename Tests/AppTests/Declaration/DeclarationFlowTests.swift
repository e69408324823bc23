import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

@Suite struct DeclarationFlowTests {
    @Test func startingTwiceInAYearIsRefusedAndTheFirstKept() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("applicant1")
            let overview = try await b.startDeclaration()
            // "我的申报" now leads to the existing declaration.
            #expect(try await b.get("/applications").location == overview)
            let again = try await b.post("/applications", ["targetLevel": "technician", "track": "regular", "specialty": "电气"])
            #expect(again.status == .conflict)
            #expect(again.text.contains("每年只能申报一个级别"))
            #expect(try await ApplicationRecord.query(on: app.db).count() == 1)
            #expect(try await ApplicationRecord.query(on: app.db).first()?.targetLevel == "engineer")
        }
    }

    @Test func sectionErrorsKeepWhatWasTypedAndSaveNothing() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("applicant1")
            let overview = try await b.startDeclaration()
            var bad = DeclarationFixtures.title
            bad["appointed"] = "2016-08-01"
            bad["name"] = "助理工程师（机械）"
            let response = try await b.add(overview, "titles", bad)
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("聘任时间不能早于取得资格时间"))
            #expect(response.text.contains(#"value="助理工程师（机械）""#))
            #expect(try await ApplicationItem.query(on: app.db).count() == 0)
            let impossible = try await b.post("\(overview)/sections/papers", DeclarationFixtures.paper("论文", "2021-02-30"))
            #expect(impossible.text.contains("发表时间不是有效日期"))
        }
    }

    @Test func itemsAreAddedEditedAndRemovedWithAuditRecords() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("applicant1")
            let overview = try await b.startDeclaration()
            #expect(try await b.add(overview, "education", DeclarationFixtures.education).status == .seeOther)
            let item = try #require(try await ApplicationItem.query(on: app.db).first())
            var changed = DeclarationFixtures.education
            changed["school"] = "中北大学"
            try await b.get("\(overview)/sections/education/\(item.id!)")
            #expect(try await b.post("\(overview)/sections/education/\(item.id!)", changed).status == .seeOther)
            let page = try await b.get("\(overview)/sections/education")
            #expect(page.text.contains("中北大学"))
            #expect(page.text.contains("大学本科"))
            #expect(try await b.post("\(overview)/sections/education/\(item.id!)/delete").status == .seeOther)
            #expect(try await ApplicationItem.query(on: app.db).count() == 0)
            let actions = try await AuditRecord.query(on: app.db).all().map(\.action)
            #expect(actions.contains("application.item.add"))
            #expect(actions.contains("application.item.update"))
            #expect(actions.contains("application.item.delete"))
        }
    }

    @Test func liveSelfCheckTurnsGreenWithTheClauseTexts() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("applicant2")
            let overview = try await b.startDeclaration()
            let empty = try await b.get(overview)
            #expect(empty.text.contains("暂不符合申报工程师的条件"))
            #expect(empty.text.contains("去修改"))
            try await DeclarationFixtures.fillEngineer(&b, overview)
            let filled = try await b.get(overview)
            #expect(filled.text.contains("符合申报工程师的条件"), "\(filled.text)")
            #expect(filled.text.contains("依据：第3.1.3条"))
            #expect(filled.text.contains("取得助理工程师职称后从事技术工作满4年"))
        }
    }

    @Test func submissionNeedsCommitmentAndCompletenessThenLocks() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("applicant2")
            let overview = try await b.startDeclaration()
            try await DeclarationFixtures.fillEngineer(&b, overview)
            try await b.get("\(overview)/commitment")
            let unsigned = try await b.post("\(overview)/submit")
            #expect(unsigned.status == .unprocessableEntity)
            #expect(unsigned.text.contains("请先阅读并签署申报人承诺"))
            let unticked = try await b.post("\(overview)/commitment", [:])
            #expect(unticked.text.contains("请勾选"))
            #expect(try await b.post("\(overview)/commitment", ["agree": "1"]).status == .seeOther)
            let incomplete = try await b.post("\(overview)/submit")
            #expect(incomplete.text.contains("以下必备内容尚未完成"))
            #expect(incomplete.text.contains("红底小2寸照片"))
            try await DeclarationFixtures.attachFiles(app, overview)
            try await b.get("\(overview)/commitment")
            let submitted = try await b.post("\(overview)/submit")
            #expect(submitted.status == .seeOther)
            let record = try #require(try await ApplicationRecord.query(on: app.db).first())
            #expect(record.state == "submitted")
            #expect(record.submittedAt != nil)
            // Locked: edits are refused and nothing changes.
            let edit = try await b.post("\(overview)/sections/education", DeclarationFixtures.education)
            #expect(edit.status == .forbidden)
            #expect(edit.text.contains("申报已提交"))
            #expect(try await ApplicationItem.query(on: app.db).filter(\.$section == "education").count() == 1)
            // Withdraw before the unit acts: editable again, commitment to sign again.
            let page = try await b.get("\(overview)/commitment")
            #expect(page.text.contains("撤回申报"))
            #expect(try await b.post("\(overview)/withdraw").status == .seeOther)
            let reopened = try #require(try await ApplicationRecord.query(on: app.db).first())
            #expect(reopened.state == "draft")
            #expect(reopened.commitmentSignedAt == nil)
            let actions = try await AuditRecord.query(on: app.db).all().map { "\($0.action):\($0.outcome)" }
            #expect(actions.contains("application.submit:success"))
            #expect(actions.contains("application.submit:denied"))
            #expect(actions.contains("application.withdraw:success"))
        }
    }

    @Test func anEditAfterSigningAsksForANewSignature() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("applicant1")
            let overview = try await b.startDeclaration()
            try await b.get("\(overview)/commitment")
            try await b.post("\(overview)/commitment", ["agree": "1"])
            #expect(try await ApplicationRecord.query(on: app.db).first()?.commitmentSignedAt != nil)
            try await b.add(overview, "education", DeclarationFixtures.education)
            #expect(try await ApplicationRecord.query(on: app.db).first()?.commitmentSignedAt == nil)
        }
    }

    @Test func integrityRecordInForceBlocksSubmission() async throws {
        try await withTestApp { app in
            let applicant = try #require(try await UserAccount.query(on: app.db).filter(\.$username == "applicant2").first())
            try await IntegrityRecord(idNumber: applicant.idNumber!, realName: applicant.realName, reason: "提供虚假学历",
                                      starts: "2021-09-01", ends: "2099-08-31", createdBy: nil).create(on: app.db)
            var b = Browser(app)
            try await b.login("applicant2")
            let overview = try await b.startDeclaration()
            try await DeclarationFixtures.fillEngineer(&b, overview)
            try await DeclarationFixtures.attachFiles(app, overview)
            let page = try await b.get("\(overview)/commitment")
            #expect(page.text.contains("诚信档案"))
            try await b.post("\(overview)/commitment", ["agree": "1"])
            let refused = try await b.post("\(overview)/submit")
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("2099年8月31日前不得申报"))
            #expect(try await ApplicationRecord.query(on: app.db).first()?.state == "draft")
        }
    }
}

@Suite struct LongFormTests {
    /// A long report arrives in several pieces; the CSRF token in its body
    /// must still be found (the body is collected before the check).
    @Test func aLongWorkReportSavesOverARealSocket() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("applicant1")
            let overview = try await b.startDeclaration()
            try await b.get("\(overview)/report")
            let live = try app.testing(method: .running(hostname: "127.0.0.1", port: Int.random(in: 20_000...40_000)))
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            headers.add(name: .cookie, value: "\(SessionStore.cookieName)=\(b.cookie!)")
            let text = String(repeating: "本人主持完成了输送机改造项目。", count: 800)
            let body = "csrf=\(Browser.encode(b.csrf!))&workReport=\(Browser.encode(text))"
            let response = try await live.sendRequest(.POST, "\(overview)/report", headers: headers, body: ByteBuffer(string: body))
            // The live client follows the redirect to the saved page.
            #expect(response.status == .ok)
            #expect(response.body.string.contains("已保存"))
            #expect(try await ApplicationRecord.query(on: app.db).first()?.workReport.count == text.count)
        }
    }
}

@Suite struct OutputDateWarningTests {
    @Test func aPaperFromBeforeTheTitleIsMarkedOnItsRow() async throws {
        try await withTestApp { app in
            var b = Browser(app)
            try await b.login("applicant2")
            let overview = try await b.startDeclaration()
            try await DeclarationFixtures.fillEngineer(&b, overview)
            #expect(try await b.add(overview, "papers", DeclarationFixtures.paper("早年论文", "2015-03-01")).status == .seeOther)
            let page = try await b.get("\(overview)/sections/papers")
            #expect(page.text.contains("早于任现职起算日2016年9月1日，不计入第3.1.4条的条件"))
            // Only that row: the two later papers carry no warning.
            #expect(page.text.components(separatedBy: "早于任现职起算日").count == 2)
        }
    }
}
