import Domain
import Plot

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
