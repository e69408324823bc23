import Domain
import Fluent
import Plot
import Vapor

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

extension ProgressPage {
    /// `typed`: the refused form's action path and the reason typed into it, shown again.
    static func load(_ req: Request, _ application: ApplicationRecord, error: String? = nil,
                     typed: (path: String, reason: String)? = nil) async throws -> ProgressPage {
        let policy = try req.policies(for: application).current
        // The real organization acting at a step, or its kind where none is on record.
        func partyName(_ step: RouteStep) async throws -> String {
            try await application.actingOrganizationName(at: step, on: req.db) ?? policy.routeStepInfo(step).party
        }
        let url = DeclarationURL(id: application.id!)
        let facts = try application.facts()
        let state = application.stateValue
        let route = facts.route
        var stages: [Stage] = []
        for (index, step) in route.enumerated() {
            let info = policy.routeStepInfo(step)
            let status: Stage.Status
            if state.isCommitteeStage || index < application.reachedStep { status = .done }
            else if state.step == step { status = .current }
            else { status = .pending }
            stages.append(.init(step: step.label, party: try await partyName(step), duty: info.duty,
                                clause: info.clause, status: status))
        }
        let events = try await WorkflowEvent.query(on: req.db).filter(\.$application.$id == application.id!)
            .sort(\.$occurredAt, .ascending).all()
            .map { e in
                Event(when: BeijingTime.text(e.occurredAt), actor: e.actorName, organization: e.organizationName,
                      action: ApplicationTransition(rawValue: e.transition)?.label ?? e.transition,
                      opinion: e.opinion)
            }
        var waitingFor: String?
        if let step = state.step { waitingFor = "等待\(try await partyName(step))办理：\(step.label)。" }
        let ruleReading = route.isEmpty ? nil : "报送路线依据本年度评审政策的报送规定，按申报级别与单位情况（市直/县区、有无主管部门、是否人事代理）确定。"
        var actions: [ActionForm] = []
        var links: [(String, String)] = [("申报概览与材料", url.overview)]
        // 十（二）: any reviewer who may open it may report suspected false materials.
        if let actor = req.actor, AccessPolicy.roles(for: .flagIntegrity).contains(actor.role), actor.role != .applicant {
            links.append(("举报疑似虚假材料（十（二））", url.integrityFlag))
        }
        // Each submission's version (a return and a resubmission keep both).
        for version in try await DeclarationVersion.query(on: req.db).filter(\.$application.$id == application.id!)
            .sort(\.$number).all() {
            links.append(("第\(version.number)次提交的申报（\(BeijingTime.text(version.submittedAt))）", url.version(version.number)))
        }
        // 第一类: the unit's reports, once its opinion is on record.
        if try await UnitEvaluationStore.record(application.id!, on: req.db)?.opinion != nil {
            links += [("推荐报告（打印）", url.recommendation),
                      ("公示情况一览表（打印）", url.publicitySummary)]
        }
        if let actor = req.actor, AccessPolicy.decide(actor, .reviewApplication, .application(facts)).isAllowed {
            actions = Self.actions(for: state, url: url, policy: policy)
            if state == .unitReview || state == .submitted { links.insert(("单位评议推荐（评议组、三公示、鉴定意见）", url.unit), at: 0) }
            // 十（三）: accepted only at a booked, checked-in intake day, application by application.
            if state == .intake { links.insert(("收审受理：在收审安排页按预约签到后逐件办理", SiteURL.intake(.office).path), at: 0) }
        }
        return ProgressPage(
            chrome: PageChrome(req: req, title: "办理进度"), csrf: try await req.csrfToken(),
            applicant: application.applicant.realName,
            level: BasicsForm.levels.first { $0.code == application.targetLevel }?.label ?? application.targetLevel,
            specialty: application.specialty, unit: application.unit.name, state: state.label,
            routeReading: ruleReading, stages: stages, events: events, waitingFor: waitingFor,
            actions: actions, links: links, error: error, typed: typed)
    }

    static func actions(for state: ApplicationState, url: DeclarationURL, policy: Policy) -> [ActionForm] {
        let returnForm = ActionForm(path: url.fire(.returnForCorrection), title: "退回修改", style: "secondary",
                                    reasonLabel: "退回理由（申报人据此修改后重新提交）", reasonRequired: true, confirm: nil)
        let rejectForm = ActionForm(path: url.fire(.reject), title: "不予通过", style: "danger",
                                    reasonLabel: "不予通过的理由", reasonRequired: true,
                                    confirm: "我确认不予通过（本年度评审终止，不可撤销）")
        switch state {
        case .submitted:
            return [.init(path: url.fire(.unitAccept), title: "受理并开始单位评议", style: "primary",
                          reasonLabel: nil, reasonRequired: false, confirm: nil)]
        case .unitReview:
            return [.init(path: url.fire(.recommend), title: "推荐上报", style: "primary",
                          reasonLabel: "推荐意见（可选）", reasonRequired: false, confirm: nil), returnForm, rejectForm]
        case .intake:
            // 收审受理 happens at the booking's counter (收审安排), not here.
            return [returnForm]
        case let s where ApplicationState.levelReviewStates.contains(s):
            let title = s == .cityHRFiling ? "备案" : "审核通过"
            return [.init(path: url.fire(.approve), title: title, style: "primary",
                          reasonLabel: "审核意见（可选）", reasonRequired: false, confirm: nil), returnForm, rejectForm]
        default:
            return []
        }
    }
}
