import Domain
import Plot
import Vapor

/// The signed-in home page: who you are, what your role does in this year's
/// review and when, and the links to your work.
struct RoleHomePage {
    struct Fact {
        var label: String
        var value: String
    }

    struct Link {
        var title: String
        var path: String
        var text: String
    }

    var chrome: PageChrome
    var role: Role
    var facts: [Fact]
    var duties: [RoleGuide.Duty]
    var links: [Link]
    var mustChangePassword: Bool
    /// Applications waiting for this body's action (nil for roles without a queue).
    var waiting: Int? = nil
    var unreadNotifications: Int = 0

    func render() -> HTML {
        Layout.page(
            chrome,
            .h1(.text("\(role.label)工作台")),
            .if(mustChangePassword, .div(
                .class("notice warning"), .attribute(named: "role", value: "alert"),
                .text("您正在使用临时密码，请先"), .a(.href(SiteURL.changePassword.path), .text("修改密码")), .text("。")
            )),
            .section(
                .class("panel"), .id("todo"),
                .h2(.text("待办")),
                .unwrap(waiting) { count in
                    .p(.text(count == 0 ? "暂无等待您办理的申报。" : "有\(count)件申报等待您办理："),
                       .if(count > 0, .a(.href(SiteURL.reviews.path), .text("前往待我办理"))))
                },
                .p(.text(unreadNotifications == 0 ? "没有未读通知。" : "有\(unreadNotifications)条未读通知："),
                   .if(unreadNotifications > 0, .a(.href(SiteURL.notifications.path), .text("查看通知"))))
            ),
            .div(
                .class("two-col"),
                .section(
                    .class("panel"),
                    .h2(.text("我的信息")),
                    .dl(.class("facts"), .forEach(facts) { fact in
                        .group(.dt(.text(fact.label)), .dd(.text(fact.value)))
                    })
                ),
                .section(
                    .class("panel"),
                    .h2(.text("常用功能")),
                    .if(links.isEmpty, .p(.class("muted"), .text("本角色的业务功能将随评审进度开放。"))),
                    .ul(.class("link-list"), .forEach(links) { link in
                        .li(.a(.href(link.path), .text(link.title)), .span(.class("muted"), .text(" — \(link.text)")))
                    })
                )
            ),
            .section(
                .class("panel"),
                .h2(.text("本年度评审中您的工作")),
                .table(
                    .class("data"),
                    .thead(.tr(.th(.text("事项")), .th(.text("时间")), .th(.text("依据")))),
                    .tbody(.forEach(duties) { duty in
                        .tr(.td(.text(duty.text)), .td(.text(duty.when)), .td(.text(duty.clause)))
                    })
                )
            )
        )
    }
}

extension RoleHomePage {
    /// The signed-in person's facts (masked as `viewer` may see them), their role's duties
    /// and links, what waits for them and their unread notifications.
    static func load(_ req: Request, user: UserAccount, viewer actor: AccessActor) async throws -> RoleHomePage {
        let org = try await user.$organization.get(on: req.db)
        return RoleHomePage(
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
    }

    /// The routes from the actor's own unit (applicant, unit clerk), so the duties name
    /// the bodies this unit actually reports to; none when the unit's route is unknown.
    private static func unitRoutes(_ role: Role, _ org: Organization, _ policy: Policy) -> [RoleGuide.UnitRoute] {
        guard role == .applicant || role == .unitClerk, let unit = try? org.routeUnit(),
              let engineer = try? policy.route(level: .engineer, unit: unit),
              let junior = try? policy.route(level: .assistantEngineer, unit: unit) else { return [] }
        if engineer.steps == junior.steps { return [.init(levels: "各级别", steps: engineer.steps)] }
        return [.init(levels: "工程师", steps: engineer.steps), .init(levels: "助理工程师、技术员", steps: junior.steps)]
    }

    private static func facts(for user: UserAccount, organization: Organization, viewer: AccessActor,
                       today: LocalDate) -> [Fact] {
        var facts: [Fact] = [
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

    private static func links(for role: Role, year: Int) -> [Link] {
        var links: [Link] = [
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
