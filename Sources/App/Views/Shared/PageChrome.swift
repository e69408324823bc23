import Domain
import Vapor

/// What every page's frame needs: the title, who is signed in, the CSRF token
/// for the sign-out button, a one-time notice, and the active menu item.
struct PageChrome {
    struct SignedIn {
        var username: String
        var realName: String
        var role: Role
        var organizationName: String?
    }

    var title: String
    var user: SignedIn?
    var csrf: String?
    var notice: String?
    var activePath: String
    /// Shown on every page when the clock is not the real one (the demo).
    var banner: String?
    /// The header's review name with its year, from the policy bundle.
    var reviewName: String

    init(title: String, user: SignedIn? = nil, csrf: String? = nil, notice: String? = nil, activePath: String = SiteURL.home.path,
         banner: String? = nil, reviewName: String = Layout.siteName) {
        self.banner = banner
        self.reviewName = reviewName
        self.title = title
        self.user = user
        self.csrf = csrf
        self.notice = notice
        self.activePath = activePath
    }

    /// Builds the frame from the request alone (no database access): used by
    /// controllers and by the error pages.
    init(req: Request, title: String, notice: String? = nil) {
        let user = req.currentUser.map {
            SignedIn(username: $0.username, realName: $0.realName, role: $0.role,
                     organizationName: $0.$organization.value?.name)
        }
        self.init(title: title, user: user, csrf: req.currentSession?.csrfToken,
                  notice: notice ?? req.query[String.self, at: "notice"].flatMap(Notices.text(for:)),
                  activePath: req.url.path, banner: req.clock.currentBanner,
                  reviewName: req.application.loadedPolicies?.year.reviewName ?? Layout.siteName)
    }
}

/// One-time notices after a redirect, by key, so no user text travels in URLs.
enum Notices {
    static func text(for key: String) -> String? {
        switch key {
        case "signed-out": "您已安全退出。"
        case "password-changed": "密码已修改。"
        case "registered": "注册成功，欢迎使用。"
        case "saved": "已保存。"
        case "saved-voided": "已保存。您此前签署的申报人承诺因本次修改已作废，提交前请重新签署。"
        case "deleted": "已删除该条目。"
        case "deleted-voided": "已删除该条目。您此前签署的申报人承诺因本次修改已作废，提交前请重新签署。"
        case "withdrawn": "申报已撤回，现在可以修改；修改后需重新签署承诺并再次提交。"
        case "submitted": "申报已提交单位，等待单位受理。"
        case "created": "已创建。"
        case "disabled": "账号已停用。"
        case "enabled": "账号已启用。"
        case "unlocked": "账号已解锁。"
        case "org-deactivated": "机构已停用，不再出现在注册和账号表单的选择列表中。"
        case "org-activated": "机构已启用。"
        case "policy-activated": "年度政策已启用。"
        default: nil
        }
    }
}

/// A menu entry; shown only when `AccessPolicy` allows its action.
struct NavItem {
    var title: String
    var path: String
    var action: Action?

    static func items(for role: Role?) -> [NavItem] {
        guard let role else {
            return [NavItem(title: "首页", path: SiteURL.home.path), NavItem(title: "评审条件", path: SiteURL.conditions.path),
                    NavItem(title: "申报人注册", path: SiteURL.register.path), NavItem(title: "登录", path: SiteURL.login.path)]
        }
        let all: [NavItem] = [
            NavItem(title: "工作台", path: SiteURL.workbench.path, action: .viewOwnHome),
            NavItem(title: "我的申报", path: SiteURL.applications.path, action: .declare),
            NavItem(title: "收到的申报", path: SiteURL.receivedApplications.path, action: .listApplications),
            NavItem(title: "待我办理", path: SiteURL.reviews.path, action: .reviewApplication),
            NavItem(title: "汇总表", path: SiteURL.summary.path, action: .viewSummaryTable),
            NavItem(title: "收审安排", path: SiteURL.intake(.office).path, action: .manageIntake),
            NavItem(title: "预约收审", path: SiteURL.intake(.book).path, action: .bookIntake),
            NavItem(title: "评审费", path: SiteURL.fees(.list).path, action: .manageFees),
            NavItem(title: "论文查重", path: SiteURL.committee(.similarity).path, action: .checkSimilarity),
            NavItem(title: "通知", path: SiteURL.notifications.path, action: .viewNotifications),
            NavItem(title: "工作日历", path: SiteURL.calendar.path, action: .manageCalendar),
            NavItem(title: "年度政策", path: SiteURL.policies.path, action: .managePolicies),
            NavItem(title: "评审条件", path: SiteURL.conditions.path),
            NavItem(title: "单位经办人", path: SiteURL.department(.clerks).path, action: .manageUnitClerks),
            NavItem(title: "机构名录", path: SiteURL.organizationDirectory.path, action: .viewOrganizationDirectory),
            NavItem(title: "机构管理", path: SiteURL.admin(.organizations).path, action: .manageOrganizations),
            NavItem(title: "账号管理", path: SiteURL.admin(.accounts).path, action: .manageAccounts),
            NavItem(title: "审计日志", path: SiteURL.admin(.audit).path, action: .viewAuditLog),
            NavItem(title: "评委会工作", path: SiteURL.committee(.panels).path, action: .manageCommittee),
            NavItem(title: "评审结果审核确认", path: SiteURL.resultsConfirmation.path, action: .confirmResults),
            NavItem(title: "我的评审", path: SiteURL.expert(.panels).path, action: .scoreDefense),
            NavItem(title: "修改密码", path: SiteURL.changePassword.path, action: .changeOwnPassword),
        ]
        return all.filter { item in
            guard let action = item.action else { return true }
            // Directory is for reviewers; administrators reach it through 机构管理.
            if action == .viewOrganizationDirectory, role == .systemAdministrator { return false }
            return AccessPolicy.roles(for: action).contains(role)
        }
    }
}
