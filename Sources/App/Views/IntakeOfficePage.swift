import Foundation
import Plot

/// 收审安排 (the committee office): the days opened, their bookings, check-in.
struct IntakeOfficePage {
    struct Booking {
        var id: UUID
        var organization: String
        var batchSize: Int
        var contact: String
        var checkedIn: String?
    }

    struct Day {
        var date: String
        var capacity: Int
        var note: String
        var bookings: [Booking]
    }

    var chrome: PageChrome
    var csrf: String
    var window: String
    var copies: String
    var days: [Day]
    var error: String?
    var typed: [String: String]

    func render() -> HTML {
        Layout.page(
            chrome,
            .h1(.text("收审安排")),
            .p(.class("hint"), .text("材料收审时间为\(window)；各单位电话预约、专人统一报送，不受理个人报送；报送时核验原件（十（三））。纸质材料：\(copies)（五）。")),
            .p(.a(.href(SiteURL.fees(.list).path), .text("评审费收取情况")), .text(" · "), .a(.href(SiteURL.reviews.path), .text("待收审的申报"))),
            .unwrap(error) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
            .section(
                .class("panel"), .id("open-day"),
                .h2(.text("开放收审日")),
                .form(
                    .method(.post), .action(SiteURL.intake(.days).path), .csrfField(csrf),
                    .textField("day", label: "收审日期", value: typed["day"] ?? "", type: "date", required: true,
                               hint: "须在\(window)之间，且为工作日"),
                    .textField("capacity", label: "可预约批次", value: typed["capacity"] ?? "", type: "number", required: true),
                    .textField("note", label: "备注（地点等）", value: typed["note"] ?? "", maxLength: 100),
                    .submitButton("开放")
                )
            ),
            .section(
                .class("panel"), .id("days"),
                .h2(.text("收审日与预约")),
                .if(days.isEmpty, .p(.class("muted"), .text("尚未开放收审日。"))),
                .forEach(days) { day in
                    .div(
                        .class("intake-day"),
                        .h3(.text("\(day.date)（已预约\(day.bookings.count)/\(day.capacity)批）")),
                        .if(!day.note.isEmpty, .p(.class("muted"), .text(day.note))),
                        .if(!day.bookings.isEmpty, .div(.class("table-wrap"), .table(
                            .class("data"),
                            .thead(.tr(.th(.text("报送单位")), .th(.text("件数")), .th(.text("送件人")), .th(.text("签到")))),
                            .tbody(.forEach(day.bookings) { b in
                                .tr(.td(.text(b.organization)), .td(.text("\(b.batchSize)")), .td(.text(b.contact)),
                                    .td(.unwrap(b.checkedIn, { .text("已签到 \($0)") }, else: .form(
                                        .method(.post), .action(SiteURL.intake(.checkIn(.value(b.id))).path), .csrfField(csrf),
                                        .button(.type(.submit), .class("button secondary"), .text("签到"))
                                    ))))
                            })
                        )))
                    )
                }
            )
        )
    }
}
