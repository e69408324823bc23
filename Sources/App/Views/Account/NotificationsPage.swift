import Plot
import Vapor

/// 通知: newest first; unread ones marked.
struct NotificationsPage {
    struct Row {
        var when: String
        var message: String
        var link: String
        var unread: Bool
    }

    var chrome: PageChrome
    var csrf: String
    var rows: [Row]

    func render() -> HTML {
        Layout.page(
            chrome,
            .h1(.text("通知")),
            .if(rows.isEmpty, .p(.class("muted"), .text("暂无通知。"))),
            .if(rows.contains(where: \.unread), .form(
                .method(.post), .action(SiteURL.notificationsRead.path), .csrfField(csrf),
                .submitButton("全部标为已读", style: "secondary")
            )),
            .ul(.class("notifications"), .forEach(rows) { row in
                .li(
                    .class(row.unread ? "unread" : "read"),
                    .if(row.unread, .span(.class("badge bad"), .text("未读"))), .text(" "),
                    .span(.class("muted"), .text(row.when)), .text(" "),
                    .a(.href(row.link), .text(row.message))
                )
            })
        )
    }
}

extension NotificationsPage {
    /// The person's latest 200 notifications, newest first.
    static func load(_ req: Request, user: UserAccount) async throws -> NotificationsPage {
        let items = try await UserNotification.latest(for: user.requireID(), limit: 200, on: req.db)
        return NotificationsPage(
            chrome: PageChrome(req: req, title: "通知"), csrf: try await req.csrfToken(),
            rows: items.map { .init(when: BeijingTime.text($0.createdAt), message: $0.message, link: $0.link, unread: $0.readAt == nil) })
    }
}
