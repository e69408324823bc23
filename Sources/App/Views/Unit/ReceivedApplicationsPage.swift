import Domain
import Plot
import Vapor

struct ReceivedApplicationsPage {
    struct Row {
        var path: String
        /// 办理进度: where the unit takes it up, evaluates, publicizes and recommends.
        var progress: String
        var applicant: String
        var level: String
        var specialty: String
        var unit: String
        var state: String
        var submittedAt: String
    }

    var chrome: PageChrome
    var showUnit: Bool
    var rows: [Row]
    /// 待我办理, the queue of what waits for the actor's own body now.
    var queue: String
    var years: YearPicker

    func render() -> HTML {
        Layout.page(
            chrome,
            .h1(.text("收到的申报")),
            years.node,
            .section(
                .class("panel"),
                .p(.class("hint"), .text("申报人提交后显示在这里；申报人填写中的申报不对外显示。受理、单位评议推荐（评议组、三公示、鉴定意见）和退回都在每件申报的“办理进度”页办理；等待您办理的见"),
                   .a(.href(queue), .text("待我办理")), .text("。")),
                .if(rows.isEmpty, .p(.class("muted"), .text("\(years.selected)年度暂无已提交的申报。"))),
                .if(!rows.isEmpty, .div(.class("table-wrap"), .table(
                    .class("data"),
                    .thead(.tr(.th(.text("申报人")), .th(.text("申报级别")), .th(.text("申报专业")),
                               .if(showUnit, .th(.text("工作单位"))), .th(.text("状态")), .th(.text("提交时间")), .th(.text("办理")))),
                    .tbody(.forEach(rows) { row in
                        .tr(.td(.a(.href(row.path), .text(row.applicant))), .td(.text(row.level)), .td(.text(row.specialty)),
                            .if(showUnit, .td(.text(row.unit))), .td(.text(row.state)), .td(.text(row.submittedAt)),
                            .td(.a(.href(row.progress), .text("办理进度"))))
                    })
                )))
            )
        )
    }
}

extension ReceivedApplicationsPage {
    /// The chosen year's declarations that reached `actor` (`ApplicationRecord.received`).
    static func load(_ req: Request, actor: AccessActor) async throws -> ReceivedApplicationsPage {
        let picker = YearPicker.make(req, url: .receivedApplications)
        let rows = try await ApplicationRecord.received(by: actor, year: picker.selected, on: req.db).map { record in
            Row(path: DeclarationURL(id: record.id!).overview, progress: DeclarationURL(id: record.id!).progress, applicant: record.applicant.realName,
                level: BasicsForm.levels.first { $0.code == record.targetLevel }?.label ?? record.targetLevel,
                specialty: record.specialty, unit: record.unit.name, state: record.stateValue.label,
                submittedAt: record.submittedAt.map { BeijingTime.text($0) } ?? "—")
        }
        return ReceivedApplicationsPage(chrome: PageChrome(req: req, title: "收到的申报"),
                                        showUnit: actor.role != .unitClerk, rows: rows, queue: SiteURL.reviews.path,
                                        years: picker)
    }
}
