import Domain
import Fluent
import Vapor

/// The signed-in home page for every role.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.workbench, use: home).requires(.viewOwnHome).cachesPage()
    }

    @Sendable func home(req: Request) async throws -> Response {
        guard let user = req.currentUser, let actor = req.actor else { throw PageError.signInRequired(expired: false) }
        let org = try await user.$organization.get(on: req.db)
        let page = RoleHomePage(
            chrome: PageChrome(req: req, title: "工作台"),
            role: user.role,
            facts: facts(for: user, organization: org, viewer: actor, today: req.today),
            duties: RoleGuide.duties(for: user.role, year: req.policies.year,
                                     unitRoutes: unitRoutes(user.role, org, req.policies.current)),
            links: links(for: user.role, year: req.policies.year.year),
            mustChangePassword: user.mustChangePassword,
            waiting: AccessPolicy.roles(for: .reviewApplication).contains(user.role) ? try await req.waitingCount() : nil,
            unreadNotifications: try await req.unreadNotifications()
        )
        return page.render().response()
    }

    /// The routes from the actor's own unit (applicant, unit clerk), so the duties name
    /// the bodies this unit actually reports to; none when the unit's route is unknown.
    private func unitRoutes(_ role: Role, _ org: Organization, _ policy: Policy) -> [RoleGuide.UnitRoute] {
        guard role == .applicant || role == .unitClerk, let unit = try? org.routeUnit(),
              let engineer = try? policy.route(level: .engineer, unit: unit),
              let junior = try? policy.route(level: .assistantEngineer, unit: unit) else { return [] }
        if engineer.steps == junior.steps { return [.init(levels: "各级别", steps: engineer.steps)] }
        return [.init(levels: "工程师", steps: engineer.steps), .init(levels: "助理工程师、技术员", steps: junior.steps)]
    }

    private func facts(for user: UserAccount, organization: Organization, viewer: AccessActor,
                       today: LocalDate) -> [RoleHomePage.Fact] {
        var facts: [RoleHomePage.Fact] = [
            .init(label: "姓名", value: user.realName),
            .init(label: "用户名", value: user.username),
            .init(label: "角色", value: user.role.label),
            .init(label: "所在机构", value: organization.name),
        ]
        let shows = PersonalData(viewer: viewer, owner: user.id!)
        if let id = user.idNumber {
            facts.append(.init(label: "身份证号", value: shows.idNumber(id)))
            if let parsed = try? ResidentIDNumber(id, today: today) {
                facts.append(.init(label: "性别", value: parsed.sex.label))
                facts.append(.init(label: "出生日期", value: parsed.birthDate.chinese))
            }
        }
        if let mobile = user.mobile { facts.append(.init(label: "手机号码", value: shows.mobile(mobile))) }
        if let unitKind = organization.unitKind { facts.append(.init(label: "单位性质", value: unitKind.label)) }
        return facts
    }

    private func links(for role: Role, year: Int) -> [RoleHomePage.Link] {
        var links: [RoleHomePage.Link] = [
            .init(title: "评审条件与自测", path: SiteURL.conditions.path, text: "\(year)年度评审条件、参数、解释口径与快速自测"),
        ]
        switch role {
        case .applicant:
            links.insert(.init(title: "我的申报", path: SiteURL.applications.path, text: "填写申报信息、上传卷宗材料、签署承诺并提交单位"), at: 0)
        case .systemAdministrator:
            links += [
                .init(title: "机构管理", path: SiteURL.admin(.organizations).path, text: "县区、主管部门、用人单位、人事代理机构"),
                .init(title: "账号管理", path: SiteURL.admin(.accounts).path, text: "开设、停用账号，重置密码，解锁"),
                .init(title: "审计日志", path: SiteURL.admin(.audit).path, text: "登录与操作记录"),
            ]
        case .unitClerk:
            links.insert(.init(title: "收到的申报", path: SiteURL.receivedApplications.path, text: "本单位申报人已提交的申报"), at: 0)
        case .competentDepartment:
            links += [.init(title: "单位经办人", path: SiteURL.department(.clerks).path, text: "为所属单位开设经办人账号")]
        case .committeeOffice:
            links += [.init(title: "收到的申报", path: SiteURL.receivedApplications.path, text: "已提交的全部申报"),
                      .init(title: "重新开放申报", path: SiteURL.reopenings.path, text: "申报期外为指定单位重新开放申报并记录原因"),
                      .init(title: "机构名录", path: SiteURL.organizationDirectory.path, text: "各县区、主管部门与用人单位")]
        case .cityHR, .countyBureau:
            links += [.init(title: "机构名录", path: SiteURL.organizationDirectory.path, text: "各县区、主管部门与用人单位")]
        default:
            break
        }
        links.append(.init(title: "修改密码", path: SiteURL.changePassword.path, text: "定期更换密码"))
        return links
    }
}

/// Shows an ID number or mobile number in full only to those `AccessPolicy`
/// allows (the person, the committee office); everyone else sees it masked.
struct PersonalData {
    let fullAllowed: Bool

    init(viewer: AccessActor?, owner: UUID) {
        fullAllowed = AccessPolicy.decide(viewer, .viewPersonalData, .personalData(ownerUserID: owner)).isAllowed
    }

    func idNumber(_ value: String) -> String { fullAllowed ? value : Masking.middle(value) }
    func mobile(_ value: String) -> String { fullAllowed ? value : Masking.middle(value) }
}
