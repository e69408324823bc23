import Foundation
import Plot

/// 预约收审 (units and reporting bodies): open days with places left, one's bookings.
struct IntakeBookingPage {
    struct OpenDay {
        var id: String
        var date: String
        var remaining: Int
        var note: String
    }

    struct Mine {
        var id: UUID
        var date: String
        var batchSize: Int
        var contact: String
        var checkedIn: Bool
        var cancellable: Bool
    }

    var chrome: PageChrome
    var csrf: String
    var window: String
    var openDays: [OpenDay]
    var mine: [Mine]
    var error: String?
    var typed: [String: String]

    func render() -> HTML {
        Layout.page(
            chrome,
            .h1(.text("预约收审")),
            .p(.class("hint"), .text("材料收审时间为\(window)。由单位或报送部门预约，安排专人统一报送，不受理个人报送；报送时须核验原件（十（三））。")),
            .unwrap(error) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
            .section(
                .class("panel"), .id("mine"),
                .h2(.text("本机构的预约")),
                .if(mine.isEmpty, .p(.class("muted"), .text("暂无预约。"))),
                .ul(.forEach(mine) { m in
                    .li(.text("\(m.date)：\(m.batchSize)件，送件人\(m.contact)" + (m.checkedIn ? "（已签到）" : "")),
                        .if(m.cancellable, .form(
                            .method(.post), .action(SiteURL.intake(.cancel(.value(m.id))).path), .class("inline-form"), .csrfField(csrf),
                            .button(.type(.submit), .class("button secondary"), .text("取消预约"))
                        )))
                })
            ),
            .section(
                .class("panel"), .id("book"),
                .h2(.text("预约收审日")),
                .if(openDays.isEmpty, .p(.class("muted"), .text("暂无可预约的收审日，请等待评委会办公室开放或电话联系。"))),
                .if(!openDays.isEmpty, .form(
                    .method(.post), .action(SiteURL.intake(.book).path), .csrfField(csrf),
                    .selectField("day", label: "收审日期", choices: openDays.map {
                        Choice(value: $0.id, label: "\($0.date)（余\($0.remaining)批）" + ($0.note.isEmpty ? "" : " \($0.note)"))
                    }, selected: typed["day"], required: true),
                    .textField("batchSize", label: "报送件数", value: typed["batchSize"] ?? "", type: "number", required: true),
                    .textField("contactName", label: "送件专人", value: typed["contactName"] ?? "", required: true, maxLength: 30),
                    .textField("contactPhone", label: "联系电话", value: typed["contactPhone"] ?? "", type: "tel", required: true, maxLength: 20),
                    .submitButton("预约")
                ))
            )
        )
    }
}
