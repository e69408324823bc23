import Domain
import Fluent
import Vapor

/// The panel expert's pages: their panels, the applicants they may see (recusal through
/// `AccessPolicy`), their own scores only until the lead closes the panel, then the
/// grades with the rule that made each; declaring a conflict; the secret ballot.
/// Pages: `ExpertPanelsPage`, `ExpertPanelPage` (the ballot: `MeetingBallots`).
struct ExpertPanelController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.expert(.panels), use: list).requires(.scoreDefense).cachesPage()
        routes.get(.expert(.panel(.pattern)), use: show).requires(.scoreDefense).cachesPage()
        routes.post(.expert(.score(panel: .pattern, application: .pattern)), use: score).requires(.scoreDefense)
        routes.post(.expert(.closePanel(.pattern)), use: close).requires(.scoreDefense)
        routes.post(.expert(.conflicts), use: declare).requires(.scoreDefense)
        routes.get(.expert(.meeting(.pattern)), use: meeting).requires(.castBallot).cachesPage()
        routes.post(.expert(.ballot(meeting: .pattern, application: .pattern)), use: ballot).requires(.castBallot)
    }

    private func me(_ req: Request) async throws -> Expert {
        guard let user = req.currentUser, let e = try await CommitteeData.expert(for: user.id!, on: req.db) else {
            throw PageError.forbidden("您的账号尚未关联专家库，请联系评委会办公室")
        }
        return e
    }

    @Sendable func list(req: Request) async throws -> Response {
        // An account not linked to the pool still gets the page, which says so.
        try await ExpertPanelsPage.load(req, expert: try? await me(req)).render().response()
    }

    /// The panel and the expert's seat on it (refused when not seated).
    private func seat(_ req: Request) async throws -> (DefensePanel, DefensePanelMember, Expert) {
        guard let id = req.parameters.get("panelID", as: UUID.self), let panel = try await DefensePanel.find(id, on: req.db) else {
            throw PageError.notFound
        }
        let expert = try await me(req)
        guard let member = try await DefensePanelMember.query(on: req.db).filter(\.$panel.$id == id).filter(\.$expert.$id == expert.id!)
            .filter(\.$active == true).first() else { throw PageError.forbidden("您不是该评审组的成员") }
        return (panel, member, expert)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (panel, member, expert) = try await seat(req)
        return try await render(req, panel, member, expert, errors: [:], typed: [:], status: .ok)
    }

    func render(_ req: Request, _ panel: DefensePanel, _ member: DefensePanelMember, _ expert: Expert, errors: [String: String],
                typed: [String: String], status: HTTPResponseStatus) async throws -> Response {
        try await ExpertPanelPage.load(req, panel: panel, member: member, expert: expert, errors: errors, typed: typed)
            .render().response(status: status)
    }

    @Sendable func score(req: Request) async throws -> Response {
        let (panel, member, expert) = try await seat(req)
        guard let appID = req.parameters.get("appID", as: UUID.self),
              let slot = try await DefenseSlot.query(on: req.db).filter(\.$panel.$id == panel.id!).filter(\.$application.$id == appID)
                .with(\.$application) { $0.with(\.$applicant).with(\.$unit) }.first() else { throw PageError.notFound }
        let facts = try await CommitteeData.panelSeat(application: slot.application, panelID: panel.id!, on: req.db)
        if case .deny(let reason) = AccessPolicy.decide(req.actor, .scoreDefense, .committeeSeat(facts)) { throw PageError.forbidden(reason) }
        let key = appID.uuidString
        let typed = ["\(key).materials": CommitteeData.field(req, "materials"), "\(key).onsite": CommitteeData.field(req, "onsite")]
        guard !panel.isClosed else {
            return try await render(req, panel, member, expert, errors: ["\(key).materials": "评审组已结束评分，评分不能再修改；如需更正请联系评委会办公室重新开启"],
                                    typed: typed, status: .unprocessableEntity)
        }
        var errors: [String: String] = [:]
        var values: [Tenths] = []
        for (field, label) in [("materials", "答辩材料学术水平评价"), ("onsite", "现场答辩评价")] {
            switch ScoreInput.parse(typed["\(key).\(field)"]!, field: label) {
            case .success(let t): values.append(t)
            case .failure(let e): errors["\(key).\(field)"] = e.message
            }
        }
        guard errors.isEmpty else { return try await render(req, panel, member, expert, errors: errors, typed: typed, status: .unprocessableEntity) }
        let scored = values
        try await req.transaction { db in
            if let existing = try await DefenseScoreRecord.query(on: db).filter(\.$application.$id == appID)
                .filter(\.$expert.$id == expert.id!).first() {
                existing.materials = scored[0].rawValue
                existing.onsite = scored[1].rawValue
                try await existing.update(on: db)
            } else {
                try await DefenseScoreRecord(panelID: panel.id!, applicationID: appID, expertID: expert.id!,
                                             materials: scored[0].rawValue, onsite: scored[1].rawValue).create(on: db)
            }
            try await AuditLog.append(req.auditEntry("defense.score", objectType: "application", objectID: key,
                                                     detail: "panel \(panel.id!.uuidString)"), on: db)
        }
        return req.redirect(to: SiteURL.expert(.panel(.value(panel.id!))).path(query: ["notice": "saved"], fragment: "a-\(key)"))
    }

    @Sendable func close(req: Request) async throws -> Response {
        let (panel, member, expert) = try await seat(req)
        guard member.isLead else { throw PageError.forbidden("只有组长可以结束评分") }
        guard !panel.isClosed else { return req.redirect(to: SiteURL.expert(.panel(.value(panel.id!))).path) }
        // The panel's own year's bundle (issue 19): a 2022 panel closes by the 2022 rules after 2023 has opened.
        let minimumScorers = try CommitteeData.integer(req, "defenseMinimumScorers", year: panel.year)
        let rules = try CommitteeData.rules(req, year: panel.year)
        let snap = try await PanelSnapshot.load(panel, on: req.db)
        var problems = snap.closeProblems(minimumScorers: minimumScorers, viewer: expert)
        if snap.slots.isEmpty { problems.append("本组尚未安排答辩人") }
        if CommitteeData.field(req, "confirm") != "1" { problems.append("请勾选确认本组评分已全部完成") }
        guard problems.isEmpty else {
            return try await render(req, panel, member, expert, errors: ["close": problems.joined(separator: "；")], typed: [:],
                                    status: .unprocessableEntity)
        }
        if let refused = try await Self.closeTogether(req, panel, slots: snap.slots, graded: snap.graded(rules: rules)) {
            for slot in snap.slots {
                if let fresh = try await ApplicationRecord.find(slot.$application.id, on: req.db) { slot.application.state = fresh.state }
            }
            panel.state = "open"
            return try await render(req, panel, member, expert, errors: ["close": "结束评分未完成，未作任何更改：" + refused], typed: [:],
                                    status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.expert(.panel(.value(panel.id!))).path(query: ["notice": "saved"]))
    }

    private struct CloseRefused: Error { let message: String }

    /// One transaction across the panel and all its applicants: the panel closed (a conditional
    /// update: a second click finds it closed), each applicant's defense concluded; if any
    /// applicant cannot move, nothing is recorded, the panel stays open and the reason comes back.
    /// (A function of its own, shorter than `close`: see CommitteeData.rules(_:year:) for the
    /// release-build compiler crash this helped to find.)
    private static func closeTogether(_ req: Request, _ panel: DefensePanel, slots: [DefenseSlot],
                                      graded: PanelResult) async throws -> String? {
        let workflow = req.workflow, now = req.clock.now(), panelID = try panel.requireID(), specialty = panel.specialty
        let audit = req.auditEntry("panel.close", objectType: "panel", objectID: panelID.uuidString, detail: graded.counts.description)
        do {
            try await req.transaction { db in
                _ = try await DefensePanel.query(on: db).filter(\.$id == panelID).filter(\.$state == "open")
                    .set(\.$state, to: "closed").set(\.$closedAt, to: now).update()
                guard try await DefensePanel.query(on: db).filter(\.$id == panelID).filter(\.$state == "closed").count() == 1 else {
                    throw CloseRefused(message: "评审组状态已变化，请刷新后重试")
                }
                for slot in slots {
                    guard let r = graded.applicant(slot.$application.id.uuidString) else { continue }
                    var extra = WorkflowRunner.Extra()
                    extra.committeeActor = true
                    extra.defenseEliminated = r.eliminated
                    extra.reason = "答辩成绩\(r.defenseScore)，\(r.grade.label)"
                    // The applicant's timeline and notice name the panel, never its lead (回避:
                    // applicants do not learn who sat on or led their panel).
                    extra.shownActor = WorkflowRunner.ShownActor(name: "答辩评审组", organization: "\(specialty)评审组")
                    if case .failure(let refusal) = try await workflow.fire(.concludeDefense, on: slot.application, extra: extra, in: db) {
                        throw CloseRefused(message: "\(slot.application.applicant.realName)：\(refusal.message)")
                    }
                }
                try await AuditLog.append(audit, on: db)
            }
        } catch let refused as CloseRefused {
            return refused.message
        }
        return nil
    }

    /// The limit of a declared conflict's reason, the same in the form and on the server.
    static let conflictReasonMaxLength = 200

    @Sendable func declare(req: Request) async throws -> Response {
        let reason = CommitteeData.field(req, "reason")
        guard let appID = UUID(uuidString: CommitteeData.field(req, "applicationID")),
              try await ApplicationRecord.find(appID, on: req.db) != nil else { throw PageError.notFound }
        // Always the signed-in expert's own conflict: an `expertID` in the form is never read.
        let expert = try await me(req)
        // Only about an applicant of one of the expert's panels.
        let panels = try await DefensePanelMember.query(on: req.db).filter(\.$expert.$id == expert.id!).all().map { $0.$panel.id }
        guard let slot = try await DefenseSlot.query(on: req.db).filter(\.$application.$id == appID).filter(\.$panel.$id ~~ panels).first() else {
            throw PageError.forbidden("只能对本人所在评审组的申报人申请回避")
        }
        guard reason.count <= Self.conflictReasonMaxLength else {
            guard let panel = try await DefensePanel.find(slot.$panel.id, on: req.db),
                  let member = try await DefensePanelMember.query(on: req.db).filter(\.$panel.$id == panel.id!)
                    .filter(\.$expert.$id == expert.id!).filter(\.$active == true).first() else {
                throw PageError.badRequest("回避理由不超过\(Self.conflictReasonMaxLength)字")
            }
            let key = appID.uuidString
            return try await render(req, panel, member, expert,
                                    errors: ["\(key).conflict": "回避理由不超过\(Self.conflictReasonMaxLength)字（现为\(reason.count)字）"],
                                    typed: ["\(key).conflict": reason], status: .unprocessableEntity)
        }
        try await ConflictRecorder.record(req, expertID: expert.id!, applicationID: appID, source: .declaredByExpert,
                                          reason: reason.isEmpty ? "本人申请回避" : reason)
        return req.redirect(to: SiteURL.expert(.panels).path(query: ["notice": "saved"]))
    }

    @Sendable func meeting(req: Request) async throws -> Response {
        guard let id = req.parameters.get("meetingID", as: UUID.self), try await CommitteeMeeting.find(id, on: req.db) != nil else {
            throw PageError.notFound
        }
        return try await MeetingBallots.expertPage(req, expert: try await me(req), errors: [], status: .ok)
    }

    @Sendable func ballot(req: Request) async throws -> Response {
        guard let meetingID = req.parameters.get("meetingID", as: UUID.self), let appID = req.parameters.get("appID", as: UUID.self),
              try await CommitteeMeeting.find(meetingID, on: req.db) != nil else {
            throw PageError.notFound
        }
        let expert = try await me(req)
        let choice = CommitteeData.field(req, "choice")
        if let problem = try await MeetingBallots.cast(req, meetingID: meetingID, applicationID: appID, expert: expert,
                                                       choice: choice, checkAccess: true) {
            return try await MeetingBallots.expertPage(req, expert: expert, errors: [problem], status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.expert(.meeting(.value(meetingID))).path(query: ["notice": "saved"]))
    }
}

/// The weights as the pages say them (`DefenseWeights.percent`), of the review year the
/// panel or application belongs to.
enum DefenseWeightsText {
    static func materials(_ req: Request, year: Int) -> String {
        (try? CommitteeData.rules(req, year: year)).map { $0.weights.percent($0.weights.materials) } ?? "—"
    }
    static func onsite(_ req: Request, year: Int) -> String {
        (try? CommitteeData.rules(req, year: year)).map { $0.weights.percent($0.weights.onsite) } ?? "—"
    }
}

