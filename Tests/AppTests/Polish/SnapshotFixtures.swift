import Domain
import Foundation
import Plot
@testable import App

/// Sample people, ids and days shared by the page snapshot tests (issue 18, item 2):
/// fixed values, so a snapshot changes only when what a page shows changes.
enum SnapshotFixtures {
    static func id(_ n: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", n))! }

    static let applicationID = id(1)
    static let url = DeclarationURL(id: applicationID)
    static let unitName = "长治市示例水利设计院"
    /// The year's bundle as shipped: pages that take the year's values read them from it.
    static let policy: Policy = try! Policy.load(id: "changzhi-2022")
    static let review: ReviewYear = try! ReviewYear(policy)

    static func chrome(_ title: String, _ role: Role?, path: String, username: String = "user1", realName: String = "张伟",
                       organization: String? = unitName, notice: String? = nil) -> PageChrome {
        PageChrome(title: title,
                   user: role.map { .init(username: username, realName: realName, role: $0, organizationName: organization) },
                   csrf: "csrf-token", notice: notice, activePath: path, reviewName: "2022年度长治市工程系列中、初级职称评审")
    }

    static func applicant(_ title: String, path: String) -> PageChrome {
        chrome(title, .applicant, path: path, username: "applicant1")
    }
    static func office(_ title: String, path: String) -> PageChrome {
        chrome(title, .committeeOffice, path: path, username: "office1", realName: "赵敏", organization: "长治市工程系列职称评审委员会办公室")
    }
    static func admin(_ title: String, path: String) -> PageChrome {
        chrome(title, .systemAdministrator, path: path, username: "admin", realName: "系统管理员", organization: "长治市人力资源和社会保障局")
    }
    static func clerk(_ title: String, path: String) -> PageChrome {
        chrome(title, .unitClerk, path: path, username: "unit1", realName: "王敏")
    }

    static func frame(editable: Bool, viewer: DeclarationFrame.Viewer = .applicant, active: String) -> DeclarationFrame {
        DeclarationFrame(heading: "2022年度工程师申报（水利水电工程）", stateLabel: editable ? "草稿" : "已提交单位，待单位受理",
                         editable: editable, viewer: viewer,
                         entries: [.init(title: "申报概览", path: url.overview), .init(title: "基本信息", path: url.basics),
                                   .init(title: "年度考核", path: url.section(.assessments), count: 1),
                                   .init(title: "专业技术工作报告", path: url.report)],
                         activePath: active)
    }

    /// The 评审表's applicant block, with the ID number masked as the pages mask it for reviewers.
    static let printApplicant = PrintApplicant(
        name: "张伟", sex: "男", birthMonth: "1988年5月", ethnicity: "汉族", political: "中共党员",
        idNumber: "140402********1234", workStart: "2010年7月", education: "大学本科\n工学学士", major: "水利水电工程",
        school: "太原理工大学", graduated: "2010年7月", currentTitle: "助理工程师", titleQualified: "2015年12月",
        titleAppointed: "2016年1月", unit: unitName, post: "设计室技术员", level: "工程师", specialty: "水利水电工程",
        track: "正常申报")

    static func html(_ page: HTML) -> String { PageSnapshotTests.html(page) }
}
