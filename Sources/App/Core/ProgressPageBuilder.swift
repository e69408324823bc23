import Domain
import Fluent
import Vapor

/// Builds the progress page's model: the route with the real organizations'
/// names, the timeline events, and the actions the viewer may take now.
struct ProgressPageBuilder {
    let req: Request
    let application: ApplicationRecord

    /// `typed`: the refused form's action path and the reason typed into it, shown again.
    func page(error: String?, typed: (path: String, reason: String)? = nil) async throws -> ProgressPage {
        let policy = try req.policies(for: application).current
        let url = DeclarationURL(id: application.id!)
        let facts = try application.facts()
        let state = application.stateValue
        let route = facts.route
        var stages: [ProgressPage.Stage] = []
        for (index, step) in route.enumerated() {
            let info = policy.routeStepInfo(step)
            let status: ProgressPage.Stage.Status
            if state.isCommitteeStage || index < application.reachedStep { status = .done }
            else if state.step == step { status = .current }
            else { status = .pending }
            stages.append(.init(step: step.label, party: try await partyName(step), duty: info.duty,
                                clause: info.clause, status: status))
        }
        let events = try await WorkflowEvent.query(on: req.db).filter(\.$application.$id == application.id!)
            .sort(\.$occurredAt, .ascending).all()
            .map { e in
                ProgressPage.Event(when: BeijingTime.text(e.occurredAt), actor: e.actorName, organization: e.organizationName,
                                   action: ApplicationTransition(rawValue: e.transition)?.label ?? e.transition,
                                   opinion: e.opinion)
            }
        var waitingFor: String?
        if let step = state.step { waitingFor = "等待\(try await partyName(step))办理：\(step.label)。" }
        let ruleReading = route.isEmpty ? nil : "报送路线依据本年度评审政策的报送规定，按申报级别与单位情况（市直/县区、有无主管部门、是否人事代理）确定。"
        var actions: [ProgressPage.ActionForm] = []
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

    static func actions(for state: ApplicationState, url: DeclarationURL, policy: Policy) -> [ProgressPage.ActionForm] {
        let returnForm = ProgressPage.ActionForm(path: url.fire(.returnForCorrection), title: "退回修改", style: "secondary",
                                                 reasonLabel: "退回理由（申报人据此修改后重新提交）", reasonRequired: true, confirm: nil)
        let rejectForm = ProgressPage.ActionForm(path: url.fire(.reject), title: "不予通过", style: "danger",
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

    /// The real organization acting at a step, or its kind where none is on record.
    func partyName(_ step: RouteStep) async throws -> String {
        let unit = application.unit
        switch step {
        case .unit:
            return unit.name
        case .personnelAgency:
            if let id = unit.$personnelAgency.id, let org = try await Organization.find(id, on: req.db) { return org.name }
        case .competentDepartment:
            if let id = unit.$competentDepartment.id, let org = try await Organization.find(id, on: req.db) { return org.name }
        case .countyHR, .countyIndustryBureau:
            let kind: OrganizationKind = step == .countyHR ? .countyHR : .countyBureau
            if let county = application.routeCounty,
               let org = try await Organization.query(on: req.db).filter(\.$kindRaw == kind.rawValue)
                .filter(\.$divisionCode == county).filter(\.$isActive == true).first() { return org.name }
        case .cityHRFiling, .cityHRReview:
            if let org = try await Organization.query(on: req.db).filter(\.$kindRaw == OrganizationKind.cityHR.rawValue).first() { return org.name }
        case .committeeOffice:
            if let org = try await Organization.query(on: req.db).filter(\.$kindRaw == OrganizationKind.committeeOffice.rawValue).first() { return org.name }
        }
        return try req.policies(for: application).current.routeStepInfo(step).party
    }
}
