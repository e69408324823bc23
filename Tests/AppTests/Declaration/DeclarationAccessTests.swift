import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

/// Who may see and change a declaration: the applicant always sees their own
/// and edits it while drafting; their unit's clerk and the committee office see
/// it once submitted; nobody else ever.
@Suite struct DeclarationAccessTests {
    @Test func draftsArePrivateSubmittedOnesGoToTheUnit() async throws {
        try await withTestApp { app in
            var owner = Browser(app)
            try await owner.login("applicant1")
            let overview = try await owner.startDeclaration()
            try await owner.add(overview, "education", DeclarationFixtures.education)
            let pages = [overview, "\(overview)/basics", "\(overview)/sections/education", "\(overview)/report", "\(overview)/commitment"]

            for username in ["applicant2", "unit1", "office", "admin", "dept1", "expert1"] {
                var other = Browser(app)
                try await other.login(username)
                for page in pages {
                    #expect(try await other.get(page).status == .forbidden, "\(username) \(page) while draft")
                }
                let edit = try await other.post("\(overview)/sections/education", DeclarationFixtures.education)
                #expect(edit.status == .forbidden, "\(username) edits")
            }
            #expect(try await ApplicationItem.query(on: app.db).count() == 1)

            // Submit (state set directly: the submit step has its own tests).
            let record = try #require(try await ApplicationRecord.query(on: app.db).first())
            record.state = "submitted"
            try await record.save(on: app.db)
            for (username, allowed) in [("unit1", true), ("office", true), ("applicant2", false), ("admin", false), ("cityhr", false)] {
                var other = Browser(app)
                try await other.login(username)
                let status = try await other.get(overview).status
                #expect(allowed ? status == .ok : status == .forbidden, "\(username) after submit: \(status)")
                #expect(try await other.post("\(overview)/withdraw").status == .forbidden)
            }
            // The unit clerk of another unit sees nothing: make unit1 belong elsewhere.
            let clerk = try #require(try await UserAccount.query(on: app.db).filter(\.$username == "unit1").first())
            let otherUnit = try #require(try await Organization.query(on: app.db).filter(\.$name == "长治示例重工机械有限公司").first())
            clerk.$organization.id = otherUnit.id!
            try await clerk.save(on: app.db)
            var moved = Browser(app)
            try await moved.login("unit1")
            #expect(try await moved.get(overview).status == .forbidden)
        }
    }

    @Test func clerksSeeMaskedNumbersTheApplicantSeesThemInFull() async throws {
        try await withTestApp { app in
            var owner = Browser(app)
            try await owner.login("applicant1")
            let overview = try await owner.startDeclaration()
            let applicant = try #require(try await UserAccount.query(on: app.db).filter(\.$username == "applicant1").first())
            #expect(try await owner.get("\(overview)/basics").text.contains(applicant.idNumber!))
            let record = try #require(try await ApplicationRecord.query(on: app.db).first())
            record.state = "submitted"
            try await record.save(on: app.db)
            var clerk = Browser(app)
            try await clerk.login("unit1")
            let page = try await clerk.get("\(overview)/basics")
            #expect(page.status == .ok)
            #expect(!page.text.contains(applicant.idNumber!))
            #expect(!page.text.contains(applicant.mobile!))
            #expect(page.text.contains(String(applicant.idNumber!.prefix(3)) + "***********" + String(applicant.idNumber!.suffix(4))))
            // Read-only for the clerk: no save button.
            #expect(!page.text.contains(">保存<"))
        }
    }
}

@Suite struct ReceivedApplicationsTests {
    /// The list shows exactly what each reader may open: the clerk their unit's
    /// submitted declarations, the office all submitted ones, nobody drafts.
    @Test func listsFollowTheSameRuleAsOpening() async throws {
        try await withTestApp(demo: false) { app in
            try await DemoData.load(into: app, quiet: true)   // with the demo declarations
            var clerk = Browser(app)
            try await clerk.login("unit1")
            let own = try await clerk.get("/applications/received")
            #expect(own.status == .ok)
            // unit1's unit (the water institute): its submitted ones (the demo's walks) but not applicant1's draft.
            #expect(own.text.contains("赵磊"))
            #expect(!own.text.contains("张伟"))
            #expect(!own.text.contains("李强"))
            var office = Browser(app)
            try await office.login("office")
            let all = try await office.get("/applications/received")
            #expect(all.text.contains("李强"))
            #expect(all.text.contains("襄垣县示例煤机制造有限公司"))
            #expect(!all.text.contains("张伟"))
            #expect(!all.text.contains("陈静"))
            // Move the coal company's clerk in: now unit1 sees 李强's declaration.
            let user = try #require(try await UserAccount.query(on: app.db).filter(\.$username == "unit1").first())
            let coal = try #require(try await Organization.query(on: app.db).filter(\.$name == "襄垣县示例煤机制造有限公司").first())
            user.$organization.id = coal.id!
            try await user.save(on: app.db)
            var moved = Browser(app)
            try await moved.login("unit1")
            #expect(try await moved.get("/applications/received").text.contains("李强"))
            var applicant = Browser(app)
            try await applicant.login("applicant2")
            #expect(try await applicant.get("/applications/received").status == .forbidden)
        }
    }
}
