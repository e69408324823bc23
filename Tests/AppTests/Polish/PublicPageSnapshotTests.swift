import Domain
import Foundation
import SnapshotTesting
import Testing
@testable import App

/// Issue 18, item 2: the public and account pages (home, registration, password,
/// workbench, notifications, the directory, the error page) rendered from their models.
/// To accept an intended change, delete the reference and run twice.
@Suite(.serialized) struct PublicPageSnapshotTests {
    typealias F = SnapshotFixtures

    @Test func publicHomePageWhileIntakeIsOpen() {
        let page = PublicHomePage(
            chrome: F.chrome("首页", nil, path: SiteURL.home.path), review: F.review,
            intakeWindow: "\(F.policy.intake.lowerBound.chinese)至\(F.policy.intake.upperBound.chinese)", intakeOpenNow: true,
            milestones: [.init(date: "2022年6月1日", text: "网上申报开始"), .init(date: "2022年8月25日", text: "网上申报截止")])
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }

    @Test func errorPage() {
        let page = ErrorPage(title: "无权访问", message: "您无权查看该申报。", chrome: F.applicant("无权访问", path: "/applications"))
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }

    @Test func registerPageRefusedKeepsWhatWasTyped() {
        var errors = FieldErrors()
        errors.add("idNumber", "身份证号码校验位不正确，请核对后重新填写")
        errors.add("mobile", "请填写11位手机号码")
        let page = RegisterPage(
            chrome: F.chrome("注册", nil, path: SiteURL.register.path), csrf: "csrf-token",
            units: [Choice(value: F.id(101).uuidString, label: F.unitName)],
            values: .init(realName: "张伟", idNumber: "140402198805061230", mobile: "1390355", unitID: F.id(101).uuidString,
                          username: "zhangwei", next: "/conditions"),
            errors: errors)
        let html = F.html(page.render())
        #expect(html.contains("zhangwei") && html.contains("请填写11位手机号码"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func changePasswordPageMustChange() {
        var errors = FieldErrors()
        errors.add("newPassword", "新密码至少需要12个字符")
        let page = ChangePasswordPage(chrome: F.clerk("修改密码", path: SiteURL.changePassword.path), csrf: "csrf-token",
                                      errors: errors, mustChange: true)
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }

    @Test func roleHomePageForTheUnitClerk() {
        let page = RoleHomePage(
            chrome: F.clerk("工作台", path: SiteURL.workbench.path), role: .unitClerk,
            facts: [.init(label: "所在单位", value: F.unitName), .init(label: "报送路线", value: "单位 → 主管部门 → 评委会办公室")],
            duties: RoleGuide.duties(for: .unitClerk, year: F.review),
            links: [.init(title: "收到的申报", path: SiteURL.receivedApplications.path, text: "受理、评议、推荐本单位的申报")],
            mustChangePassword: false, waiting: 3, unreadNotifications: 2)
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }

    @Test func notificationsPage() {
        let page = NotificationsPage(
            chrome: F.applicant("消息", path: SiteURL.notifications.path), csrf: "csrf-token",
            rows: [.init(when: "2022年7月4日 10:15", message: "您的申报已被退回修改：请补充2021年度考核结果。",
                         link: F.url.progress, unread: true),
                   .init(when: "2022年7月1日 09:00", message: "您的申报已提交单位。", link: F.url.overview, unread: false)])
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }

    @Test func directoryOrganizationsPage() {
        let page = DirectoryOrganizationsPage(
            chrome: F.office("机构名录", path: SiteURL.organizationDirectory.path),
            groups: [.init(title: "用人单位", entries: [
                .init(name: F.unitName, kindLabel: OrganizationKind.unit.label, unitKindLabel: "事业单位", cityDirect: true,
                      aboveScale: false, competentDepartment: "长治市水利局", personnelAgency: nil)]),
                     .init(title: "主管部门", entries: [
                .init(name: "长治市水利局", kindLabel: OrganizationKind.competentDepartment.label, unitKindLabel: nil,
                      cityDirect: true, aboveScale: false, competentDepartment: nil, personnelAgency: nil)])])
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }
}
