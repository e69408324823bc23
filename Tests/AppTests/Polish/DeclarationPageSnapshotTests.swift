import Domain
import Foundation
import SnapshotTesting
import Testing
@testable import App

/// Issue 18, item 2: the applicant's declaration pages (basics, commitment, the
/// defense item, files, the dossier's contents, a submitted version) rendered from
/// their models, editable and read-only. To accept an intended change, delete the
/// reference and run twice.
@Suite(.serialized) struct DeclarationPageSnapshotTests {
    typealias F = SnapshotFixtures

    static let person = BasicsPage.Person(name: "张伟", idNumber: "140402********1234", sex: "男", birthDate: "1988年5月6日",
                                          mobile: "139****5678", unit: F.unitName, unitKind: "事业单位")

    @Test func basicsPageRefusedKeepsWhatWasTyped() {
        let page = BasicsPage(chrome: F.applicant("基本信息", path: F.url.basics),
                              frame: F.frame(editable: true, active: F.url.basics), url: F.url, csrf: "csrf-token",
                              person: Self.person,
                              values: ["targetLevel": "engineer", "specialty": "水利水电工程", "workStart": "2010-13-01"],
                              errors: ["workStart": "请填写有效的日期（YYYY-MM-DD）"])
        let html = F.html(page.render())
        #expect(html.contains("2010-13-01") && html.contains("请填写有效的日期"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func basicsPageReadOnlyForTheUnitClerk() {
        let page = BasicsPage(chrome: F.clerk("基本信息", path: F.url.basics),
                              frame: F.frame(editable: false, viewer: .reviewer("单位经办人"), active: F.url.basics), url: F.url,
                              csrf: "csrf-token", person: Self.person,
                              values: ["targetLevel": "engineer", "specialty": "水利水电工程", "workStart": "2010-07-01"], errors: [:])
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }

    @Test func commitmentPageSignedWithSomethingMissing() {
        let page = CommitmentPage(review: F.review, chrome: F.applicant("承诺与提交", path: F.url.commitment),
                                  frame: F.frame(editable: true, active: F.url.commitment), url: F.url, csrf: "csrf-token",
                                  signedAt: "2022年7月4日 10:15", submittedAt: nil, canSubmit: false, canWithdraw: false,
                                  missing: ["专业技术工作报告尚未填写"], failingFindings: ["3.1.3 取得助理工程师职称后从事本专业工作满4年：尚差5个月"],
                                  integrityNotice: nil, error: "请先补齐下列材料再提交")
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }

    @Test func commitmentPageSubmitted() {
        let page = CommitmentPage(review: F.review, chrome: F.applicant("承诺与提交", path: F.url.commitment),
                                  frame: F.frame(editable: false, active: F.url.commitment), url: F.url, csrf: "csrf-token",
                                  signedAt: "2022年7月4日 10:15", submittedAt: "2022年7月4日 10:20", canSubmit: false, canWithdraw: true,
                                  missing: [], integrityNotice: nil, error: nil)
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }

    @Test func defenseItemPageWithAChoice() {
        let page = DefenseItemPage(chrome: F.applicant("答辩项目", path: F.url.defense),
                                   frame: F.frame(editable: true, active: F.url.defense), url: F.url, csrf: "csrf-token",
                                   choices: [.init(id: F.id(21).uuidString, section: "论文", title: "浊漳河引水工程渠道衬砌设计", submittedPaper: true),
                                             .init(id: F.id(22).uuidString, section: "技术项目", title: "长治市辛安泉供水改扩建工程",
                                                   submittedPaper: false)],
                                   chosen: F.id(21).uuidString, error: nil)
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }

    @Test func filesPageWithAnUploadRefused() {
        let page = FilesPage(
            chrome: F.applicant("附件材料", path: F.url.files), frame: F.frame(editable: true, active: F.url.files),
            csrf: "csrf-token", applicationID: F.applicationID, applicantName: "张伟", unitName: F.unitName, levelTitle: "工程师",
            editable: true,
            slots: [.init(code: DossierSlot.category1.rawValue, title: "第一类 申报人基本情况", accepted: "PDF、JPG、PNG",
                          requirements: [.init(title: "身份证复印件", required: true, satisfied: true, detail: nil)],
                          files: [.init(id: F.id(31), label: "身份证", originalName: "身份证<正反面>.pdf", typeLabel: "PDF",
                                        size: "1.2 MB", pages: "2", uploadedAt: "2022年7月1日 09:00", evidences: nil)],
                          form: .init(labelHint: "例如：身份证", accept: ".pdf,.jpg,.png", label: "毕业证", errors: ["file": "文件超过20 MB，请压缩后再上传"]),
                          note: nil)])
        let html = F.html(page.render())
        #expect(html.contains("身份证&lt;正反面&gt;.pdf") && html.contains("毕业证"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func filesPageReadOnly() {
        let page = FilesPage(
            chrome: F.clerk("附件材料", path: F.url.files), frame: F.frame(editable: false, viewer: .reviewer("单位经办人"), active: F.url.files),
            csrf: "csrf-token", applicationID: F.applicationID, applicantName: "张伟", unitName: F.unitName, levelTitle: "工程师",
            editable: false,
            slots: [.init(code: DossierSlot.submittedPaper.rawValue, title: "送审论文", accepted: "PDF、DOCX",
                          requirements: [.init(title: "送审论文全文", required: true, satisfied: false, detail: "尚未上传")],
                          files: [], form: nil, note: "送审论文用于查重（七.1）")])
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }

    @Test func dossierContentsPage() {
        let page = DossierContentsPage(
            chrome: F.clerk("材料目录", path: F.url.files), applicationID: F.applicationID, applicantName: "张伟",
            unitName: F.unitName, levelTitle: "工程师", specialty: "水利水电工程", year: 2022,
            entries: [.init(slot: .category1, label: "身份证", typeLabel: "PDF", pages: 2),
                      .init(slot: .category2, label: "专业技术工作总结", typeLabel: "PDF", pages: 5),
                      .init(slot: .submittedPaper, label: "送审论文", typeLabel: "DOCX", pages: nil)])
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }

    @Test func declarationVersionPage() {
        let page = DeclarationVersionPage(
            chrome: F.clerk("第1次提交的申报", path: F.url.version(1)), number: 1, count: 2, previous: nil, next: 2,
            submittedAt: "2022年7月4日 10:20", applicant: "张伟", level: "工程师", specialty: "水利水电工程",
            sections: [.init(title: "年度考核", headers: ["年度", "结果"], rows: [["2021", "优秀"], ["2020", "合格"]])],
            files: ["身份证.pdf", "毕业证.pdf"], reportCharacters: 3120, url: F.url)
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }
}
