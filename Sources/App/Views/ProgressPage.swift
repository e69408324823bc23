import Domain
import Plot

/// 办理进度: the application's route as a timeline — each party with its real
/// name, what it does, whether it has acted — the history of who did what with
/// which opinion, and the actions of the party it waits for now.
struct ProgressPage {
    struct Stage {
        enum Status { case done, current, pending }
        var step: String
        var party: String
        var duty: String
        var clause: String
        var status: Status
    }

    struct Event {
        var when: String
        var actor: String
        var organization: String
        var action: String
        var opinion: String
    }

    /// A button that fires a transition, with an opinion or reason box when it needs one.
    struct ActionForm {
        var path: String
        var title: String
        var style: String
        var reasonLabel: String?
        var reasonRequired: Bool
        var confirm: String?
    }

    var chrome: PageChrome
    var csrf: String
    var applicant: String
    var level: String
    var specialty: String
    var unit: String
    var state: String
    var routeReading: String?
    var stages: [Stage]
    var events: [Event]
    var waitingFor: String?
    var actions: [ActionForm]
    var links: [(String, String)]
    var error: String?
    /// What was typed into the form that was refused, by its action path, so a
    /// reason survives a missed confirmation box.
    var typed: (path: String, reason: String)? = nil

    func render() -> HTML {
        Layout.page(
            chrome,
            .h1(.text("办理进度")),
            .p(.class("lead"), .text("\(applicant) · \(level) · \(specialty) · \(unit)")),
            .p(.text("当前状态："), .strong(.class("state"), .text(state))),
            .unwrap(waitingFor) { .p(.class("hint"), .text($0)) },
            .unwrap(error) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
            .if(!actions.isEmpty, .section(
                .class("panel"), .id("actions"),
                .h2(.text("办理")),
                .forEach(Array(actions.enumerated())) { index, action in
                    .form(
                        .method(.post), .action(action.path), .class("inline-form"),
                        .csrfField(csrf),
                        .unwrap(action.reasonLabel) { label in
                            .textAreaField("reason", label: label, value: typed?.path == action.path ? typed?.reason ?? "" : "",
                                           required: action.reasonRequired, rows: 3, maxLength: 1000,
                                           id: index == 0 ? "reason" : "reason-\(index)")
                        },
                        .unwrap(action.confirm) { .checkboxField("confirm", label: $0, checked: false, id: index == 0 ? "confirm" : "confirm-\(index)",
                                                                 required: true) },
                        .submitButton(action.title, style: action.style)
                    )
                }
            )),
            .if(!links.isEmpty, .section(.class("panel"), .ul(.class("link-list"), .forEach(links) { .li(.a(.href($0.1), .text($0.0))) }))),
            .section(
                .class("panel"), .id("route"),
                .h2(.text("报送路线")),
                .unwrap(routeReading) { .p(.class("hint"), .text($0)) },
                .if(stages.isEmpty, .p(.class("muted"), .text("申报提交单位后确定报送路线。"))),
                .ol(.class("timeline"), .forEach(stages) { stage in
                    .li(
                        .class("stage stage-\(stage.status)"),
                        .span(.class("badge \(stage.status == .done ? "ok" : (stage.status == .current ? "bad" : ""))"),
                              .text(stage.status == .done ? "已办理" : (stage.status == .current ? "办理中" : "待办理"))),
                        .text(" "), .strong(.text(stage.step)), .text("：\(stage.party)"),
                        .if(!stage.duty.isEmpty, .span(.class("muted"), .text("（\(stage.duty)，依据\(stage.clause)）")))
                    )
                })
            ),
            .section(
                .class("panel"), .id("history"),
                .h2(.text("办理记录")),
                .if(events.isEmpty, .p(.class("muted"), .text("暂无办理记录。"))),
                .if(!events.isEmpty, .div(.class("table-wrap"), .table(
                    .class("data"),
                    .thead(.tr(.th(.text("时间")), .th(.text("办理人")), .th(.text("机构")), .th(.text("操作")), .th(.text("意见")))),
                    .tbody(.forEach(events) { e in
                        .tr(.td(.text(e.when)), .td(.text(e.actor)), .td(.text(e.organization)), .td(.text(e.action)),
                            .td(.text(e.opinion.isEmpty ? "—" : e.opinion)))
                    })
                )))
            )
        )
    }
}
