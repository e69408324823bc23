import Domain
import Foundation
import Plot
import SnapshotTesting
import Testing
@testable import App

/// Issue 8, item 11: snapshots of principal pages, rendered from their page models
/// (no HTTP, no database, no clock), so a change to what a page shows is seen in
/// review. Reference files live in __Snapshots__/ beside this file; to accept an
/// intended change, delete the reference and run the test twice.
@Suite(.serialized) struct PageSnapshotTests {
    static let applicationID = UUID(uuidString: "00000000-0000-4000-8000-000000000001")!
    static let itemID = UUID(uuidString: "00000000-0000-4000-8000-0000000000aa")!
    static let url = DeclarationURL(id: applicationID)

    static let applicant = PageChrome(title: "年度考核",
                                      user: .init(username: "applicant1", realName: "张伟", role: .applicant,
                                                  organizationName: "长治市示例水利设计院"),
                                      csrf: "csrf-token", activePath: "/applications")
    static let clerk = PageChrome(title: "年度考核",
                                  user: .init(username: "unit1", realName: "王敏", role: .unitClerk,
                                              organizationName: "长治市示例水利设计院"),
                                  csrf: "csrf-token", activePath: "/applications/received")

    static func frame(editable: Bool, viewer: DeclarationFrame.Viewer, active: String) -> DeclarationFrame {
        SnapshotFixtures.frame(editable: editable, viewer: viewer, active: active)
    }

    /// The asset URLs carry their content hash; a stylesheet edit must not change every snapshot.
    static func html(_ page: HTML) -> String {
        page.render(indentedBy: .spaces(1))
            .replacingOccurrences(of: #"/static/([a-z]+)\.[0-9a-f]{16}\.(css|js)"#, with: "/static/$1.$2", options: .regularExpression)
    }

    @Test func loginPage() {
        let page = LoginPage(chrome: PageChrome(title: "登录"), csrf: "csrf-token", username: "applicant1", next: "/home",
                             lockoutHint: "连续5次输错密码，账号将锁定15分钟。", error: AuthController.badCredentials)
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }

    @Test func applicationStartPageWithAnswersFromTheQuickCheck() {
        let page = ApplicationStartPage(chrome: Self.applicant, csrf: "csrf-token", year: 2022, unitName: "长治市示例水利设计院",
                                        period: "2022年6月1日至2022年8月25日", closed: nil,
                                        values: ["targetLevel": "engineer", "track": "regular"], errors: [:],
                                        carried: ["civilServant": "0", "retired": "0"], existing: nil)
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }

    @Test func sectionPageForTheApplicant() {
        let page = SectionPage(chrome: Self.applicant, frame: Self.frame(editable: true, viewer: .applicant, active: Self.url.section(.assessments)),
                               url: Self.url, csrf: "csrf-token", section: .assessments,
                               rows: [.init(id: Self.itemID, cells: ["2021", "合格"])], editing: nil,
                               values: [:], errors: [:])
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }

    @Test func sectionPageForTheUnitClerkIsReadOnly() {
        let page = SectionPage(chrome: Self.clerk, frame: Self.frame(editable: false, viewer: .reviewer("单位经办人"), active: Self.url.section(.assessments)),
                               url: Self.url, csrf: "csrf-token", section: .assessments,
                               rows: [.init(id: Self.itemID, cells: ["2021", "合格"])], editing: nil,
                               values: [:], errors: [:])
        let html = Self.html(page.render())
        #expect(!html.contains("删除") && !html.contains("item-form"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func workReportPageEditableAndSubmitted() {
        func page(_ editable: Bool) -> String {
            Self.html(WorkReportPage(chrome: Self.applicant, frame: Self.frame(editable: editable, viewer: .applicant, active: Self.url.report),
                                     url: Self.url, csrf: "csrf-token", title: "专业技术工作报告", guidance: ["（1）基本情况"],
                                     text: "第一段。\n第二段。", error: nil, uploadedFiles: 0).render())
        }
        assertSnapshot(of: page(true), as: .lines, named: "draft")
        assertSnapshot(of: page(false), as: .lines, named: "submitted")
    }
}
