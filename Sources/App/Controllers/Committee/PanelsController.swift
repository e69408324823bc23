import Domain
import Fluent
import Vapor

/// 评审组与答辩安排: per specialty group the office draws a panel at random from the
/// pool with recusal (`PanelDraw`, the seed recorded), swaps a member with a reason,
/// schedules the accepted engineers (room, time), and may reopen a closed panel with
/// a recorded reason. Junior levels have no defense (九). Pages: `PanelsPage`, `PanelPage`, `DefenseAdmissionPage`.
struct PanelsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.committee(.panels), use: list).requires(.manageCommittee).cachesPage()
        routes.post(.committee(.panels), use: draw).requires(.manageCommittee)
        routes.get(.committee(.panel(.pattern, nil)), use: show).requires(.manageCommittee).cachesPage()
        routes.post(.committee(.panel(.pattern, .swap)), use: swap).requires(.manageCommittee)
        routes.post(.committee(.panel(.pattern, .schedule)), use: schedule).requires(.manageCommittee)
        routes.post(.committee(.panel(.pattern, .reopen)), use: reopen).requires(.manageCommittee)
        routes.get(.application(.pattern, .admission), use: admission).requires(.viewApplication).cachesPage()
    }

    /// 答辩通知书: the applicant's panel, room and time, printable.
    @Sendable func admission(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        return try await DefenseAdmissionPage.load(req, application).render().response()
    }

    static let engineer = TargetLevel.engineer.jsonName

    /// Engineers accepted at intake and not yet on a panel, by specialty. With `copyRule`
    /// only those the copy-ratio rule admits to the defense (七.1: a recorded ratio at or
    /// below the limit, or the office's recorded override): the ones waiting for a panel.
    /// Without it every accepted engineer, admitted or not yet: the draw and a swap keep
    /// away from all of them, since any of them may still be scheduled (回避).
    static func waiting(_ db: any Database, year: Int, copyRule: CopyRatioRule? = nil) async throws -> [ApplicationRecord] {
        let all = try await ApplicationRecord.query(on: db).filter(\.$state == ApplicationState.accepted.rawValue)
            .filter(\.$targetLevel == engineer).filter(\.$year == year).with(\.$applicant).with(\.$unit)
            .sort(\.$specialty).all()
        guard let copyRule else { return all }
        let admitted = try await SimilarityRecords.admitted(all.compactMap(\.id), rule: copyRule, on: db)
        return all.filter { admitted.contains($0.id!) }
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await renderList(req, errors: [], status: .ok)
    }

    func renderList(_ req: Request, errors: [String], status: HTTPResponseStatus) async throws -> Response {
        try await PanelsPage.load(req, errors: errors).render().response(status: status)
    }

    @Sendable func draw(req: Request) async throws -> Response {
        let specialty = CommitteeData.field(req, "specialty"), room = CommitteeData.field(req, "room")
        let seedText = CommitteeData.field(req, "seed")
        guard !specialty.isEmpty, !room.isEmpty else { return try await renderList(req, errors: ["请选择专业组并填写答辩地点"], status: .unprocessableEntity) }
        var seed = UInt64.random(in: 1...UInt64(Int64.max))
        if !seedText.isEmpty {
            guard let s = UInt64(seedText) else { return try await renderList(req, errors: ["随机种子须为非负整数"], status: .unprocessableEntity) }
            seed = s
        }
        // The year shown on the list the form was sent from; a year not under review yet is refused.
        let year = YearPicker.make(req, url: .committee(.panels)).selected
        if let refusal = try CommitteeYear.creationRefusal(req, year: year, what: "抽取评审组") {
            return try await renderList(req, errors: [refusal], status: .unprocessableEntity)
        }
        // In a gated write transaction (its inner transaction joins it): on SQLite writes queue.
        let drawSeed = seed
        let result = try await req.transaction { db in
            try await PanelFactory.draw(req, specialty: specialty, room: room, seed: drawSeed, year: year, on: db)
        }
        switch result {
        case .failure(let f): return try await renderList(req, errors: [f.message], status: .unprocessableEntity)
        case .success(let panel): return req.redirect(to: SiteURL.committee(.panel(.value(panel.id!), nil)).path(query: ["notice": "created"]))
        }
    }

    private func panel(_ req: Request) async throws -> DefensePanel {
        guard let id = req.parameters.get("panelID", as: UUID.self), let p = try await DefensePanel.find(id, on: req.db) else {
            throw PageError.notFound
        }
        return p
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await renderPanel(req, try await panel(req), errors: [], status: .ok)
    }

    /// The limit of the swap's reason, the same in the form and on the server.
    static let reasonMaxLength = 200

    func renderPanel(_ req: Request, _ panel: DefensePanel, errors: [String], status: HTTPResponseStatus,
                     typedStartsAt: String? = nil) async throws -> Response {
        try await PanelPage.load(req, panel, errors: errors, typedStartsAt: typedStartsAt).render().response(status: status)
    }

    @Sendable func swap(req: Request) async throws -> Response {
        let panel = try await panel(req)
        let reason = CommitteeData.field(req, "reason")
        guard !panel.isClosed else { return try await renderPanel(req, panel, errors: ["评审组已结束评分，不能替换成员"], status: .unprocessableEntity) }
        guard !reason.isEmpty else { return try await renderPanel(req, panel, errors: ["请填写替换理由"], status: .unprocessableEntity) }
        guard reason.count <= Self.reasonMaxLength else {
            return try await renderPanel(req, panel, errors: ["替换理由不超过\(Self.reasonMaxLength)字（现为\(reason.count)字）"],
                                         status: .unprocessableEntity)
        }
        guard let memberID = UUID(uuidString: CommitteeData.field(req, "memberID")),
              let member = try await DefensePanelMember.query(on: req.db).filter(\.$id == memberID).filter(\.$panel.$id == panel.id!)
                .filter(\.$active == true).with(\.$expert).first() else { throw PageError.notFound }
        let snap = try await PanelSnapshot.load(panel, on: req.db)
        let pool = try await CommitteeData.activePool(on: req.db, today: req.today).filter { $0.specialty == panel.specialty }
        // 回避 against everyone the newcomer may judge: the applicants on the panel and every
        // accepted engineer of the specialty who may still be scheduled before it.
        let later = try await Self.waiting(req.db, year: panel.year).filter { $0.specialty == panel.specialty }
        let scheduled = Set(snap.slots.map { $0.$application.id })
        let applicants = snap.slots.map { GroupApplicant(applicationID: $0.$application.id, name: $0.application.applicant.realName,
                                                          employerID: $0.application.$unit.id) }
            + later.filter { !scheduled.contains($0.id!) }.map {
                GroupApplicant(applicationID: $0.id!, name: $0.applicant.realName, employerID: $0.$unit.id)
            }
        let declared = try await CommitteeData.declared(for: applicants.map(\.applicationID), on: req.db)
        guard let next = PanelDraw.replacement(pool: pool.map(PanelFactory.candidate), applicants: applicants, declared: declared,
                                               excluding: Set(snap.members.map { $0.$expert.id }), seed: UInt64(panel.seed) ?? 0) else {
            return try await renderPanel(req, panel, errors: ["专家库中已没有可替换的无回避专家"], status: .unprocessableEntity)
        }
        try await req.transaction { db in
            member.active = false
            member.removedReason = reason
            let wasLead = member.isLead
            member.isLead = false
            try await member.update(on: db)
            try await DefensePanelMember(panelID: panel.id!, expertID: next.id, position: (snap.members.map(\.position).max() ?? 0) + 1,
                                  isLead: wasLead).create(on: db)
            try await CommitteeData.note(req, subject: panel.id!, kind: "swap", text: "替换\(member.expert.name)为\(next.name)：\(reason)", on: db)
            try await AuditLog.append(req.auditEntry("panel.swap", objectType: "panel", objectID: panel.id!.uuidString,
                                                     detail: "\(member.$expert.id) -> \(next.id)"), on: db)
        }
        return req.redirect(to: SiteURL.committee(.panel(.value(panel.id!), nil)).path(query: ["notice": "saved"]))
    }

    @Sendable func schedule(req: Request) async throws -> Response {
        let panel = try await panel(req)
        let typed = CommitteeData.field(req, "startsAt")
        guard !panel.isClosed else { return try await renderPanel(req, panel, errors: ["评审组已结束评分"], status: .unprocessableEntity) }
        let startsAt: String
        switch DefenseTime.parse(typed, reviewYear: panel.year) {
        case .success(let t): startsAt = t.text
        case .failure(let e): return try await renderPanel(req, panel, errors: [e.message], status: .unprocessableEntity, typedStartsAt: typed)
        }
        guard let appID = UUID(uuidString: CommitteeData.field(req, "applicationID")),
              let application = try await ApplicationRecord.query(on: req.db).filter(\.$id == appID).with(\.$applicant).with(\.$unit).first(),
              application.specialty == panel.specialty, application.targetLevel == Self.engineer, application.year == panel.year else {
            return try await renderPanel(req, panel, errors: ["请选择本专业组已受理的工程师申报"], status: .unprocessableEntity, typedStartsAt: typed)
        }
        let result = try await PanelFactory.schedule(req, application: application, panel: panel, startsAt: startsAt)
        if case .failure(let refusal) = result {
            return try await renderPanel(req, panel, errors: [refusal.message], status: .unprocessableEntity, typedStartsAt: typed)
        }
        return req.redirect(to: SiteURL.committee(.panel(.value(panel.id!), nil)).path(query: ["notice": "saved"]))
    }

    @Sendable func reopen(req: Request) async throws -> Response {
        let panel = try await panel(req)
        let reason = CommitteeData.field(req, "reason")
        guard panel.isClosed else { return try await renderPanel(req, panel, errors: ["评审组尚未结束评分"], status: .unprocessableEntity) }
        guard !reason.isEmpty else { return try await renderPanel(req, panel, errors: ["重新开启须填写理由"], status: .unprocessableEntity) }
        let snap = try await PanelSnapshot.load(panel, on: req.db)
        // After the vote nothing changes silently: once any applicant of the panel has moved
        // past the defense (voted, referred, cancelled), its scores and grades are fixed; a
        // re-defense goes through a recorded 复查 decision and a new panel.
        let moved = snap.slots.filter { ![.defended, .eliminated, .scheduled].contains($0.application.stateValue) }
        guard moved.isEmpty else {
            let names = moved.map { "\($0.application.applicant.realName)（\($0.application.stateValue.label)）" }.joined(separator: "、")
            try await req.audit(req.auditEntry("panel.reopen", objectType: "panel", objectID: panel.id!.uuidString, outcome: .denied,
                                               detail: "moved past the defense: \(moved.count)"))
            return try await renderPanel(req, panel, errors: ["评审组中已有申报人进入表决或之后的环节：\(names)。评分和等次不能再改；如需重新答辩，请在复查、投诉处理决定中选择“重新答辩”，另行安排答辩组"],
                                         status: .unprocessableEntity)
        }
        for slot in snap.slots where [.defended, .eliminated].contains(slot.application.stateValue) {
            var extra = WorkflowRunner.Extra()
            extra.reason = reason
            extra.committeeActor = true
            if case .failure(let refusal) = try await req.workflow.fire(.reopenDefense, on: slot.application, extra: extra) {
                return try await renderPanel(req, panel, errors: ["\(slot.application.applicant.realName)：\(refusal.message)"], status: .unprocessableEntity)
            }
        }
        try await req.transaction { db in
            panel.state = "open"
            panel.closedAt = nil
            try await panel.update(on: db)
            try await CommitteeData.note(req, subject: panel.id!, kind: "reopen", text: "重新开启评审组：\(reason)", on: db)
            try await AuditLog.append(req.auditEntry("panel.reopen", objectType: "panel", objectID: panel.id!.uuidString, detail: reason), on: db)
        }
        return req.redirect(to: SiteURL.committee(.panel(.value(panel.id!), nil)).path(query: ["notice": "saved"]))
    }
}

/// Drawing and scheduling, shared by the office's pages and the demo data.
enum PanelFactory {
    static func candidate(_ e: Expert) -> ExpertCandidate {
        ExpertCandidate(id: e.id!, name: e.name, employerID: e.$organization.id, specialty: e.specialty)
    }

    /// Draws a panel for the group's waiting engineers and stores it with its seed and exclusions.
    static func draw(_ req: Request?, specialty: String, room: String, seed: UInt64, year: Int, today: LocalDate? = nil,
                     size: Int? = nil, on db: any Database) async throws -> Result<DefensePanel, PanelDraw.Failure> {
        let day = today ?? req!.today
        let n = try size ?? CommitteeData.integer(req!, "defensePanelSize", year: year)
        let group = try await PanelsController.waiting(db, year: year).filter { $0.specialty == specialty }
        let pool = try await CommitteeData.activePool(on: db, today: day).filter { $0.specialty == specialty }
        let applicants = group.map { GroupApplicant(applicationID: $0.id!, name: $0.applicant.realName, employerID: $0.$unit.id) }
        let declared = try await CommitteeData.declared(for: applicants.map(\.applicationID), on: db)
        switch PanelDraw.draw(pool: pool.map(candidate), applicants: applicants, declared: declared, size: n, seed: seed) {
        case .failure(let f): return .failure(f)
        case .success(let drawn):
            let excluded = drawn.excluded.map { "\($0.expert.name)：\($0.reason)" }.joined(separator: "；")
            let panel = DefensePanel(year: year, specialty: specialty, seed: seed, excluded: excluded, room: room)
            try await db.transaction { db in
                try await panel.create(on: db)
                for (i, m) in drawn.members.enumerated() {
                    try await DefensePanelMember(panelID: panel.id!, expertID: m.id, position: i + 1, isLead: i == 0).create(on: db)
                }
                let entry = req?.auditEntry("panel.draw", objectType: "panel", objectID: panel.id!.uuidString,
                                            detail: "\(specialty) seed \(seed) size \(n) excluded \(drawn.excluded.count)")
                    ?? AuditEntry(actorID: nil, actorName: "system", role: nil, action: "panel.draw", ip: nil, detail: "demo \(specialty)")
                try await AuditLog.append(entry, on: db)
            }
            return .success(panel)
        }
    }

    /// Why an application may not be scheduled on a panel, in Chinese (office pages).
    struct ScheduleRefusal: Error, Sendable {
        let message: String
    }

    /// Assigns an accepted engineer to a panel and fires 安排答辩. Every path that schedules
    /// comes through here, and the checks are made in the same transaction as the slot:
    /// the copy-ratio rule admits the paper (七.1), and no member of the panel has a
    /// conflict with the applicant (回避: same employer, declared or pinned).
    static func schedule(_ req: Request, application: ApplicationRecord, panel: DefensePanel,
                         startsAt: String) async throws -> Result<ApplicationState, ScheduleRefusal> {
        var extra = WorkflowRunner.Extra()
        extra.committeeActor = true
        extra.reason = "\(panel.specialty)评审组，\(panel.room)，\(startsAt)"
        // The state, its event and audit record, and the slot commit together: never a
        // scheduled applicant without a defense slot.
        let fixed = extra
        // The copy-ratio rule of the panel's own year (issue 19), not the year in use.
        let rule = CopyRatioRule(try req.policies(year: panel.year).year)
        let name = application.$applicant.value?.realName ?? "该申报人"
        return try await req.transaction { db -> Result<ApplicationState, ScheduleRefusal> in
            let id = try application.requireID()
            let admission = try await SimilarityRecords.admissions([id], rule: rule, on: db)[id] ?? .pending("")
            if let why = admission.refusal {
                try await AuditLog.append(req.auditEntry(ApplicationTransition.scheduleDefense.auditAction, objectType: "application",
                                                         objectID: id.uuidString, outcome: .denied, detail: "七.1：\(why)"), on: db)
                return .failure(ScheduleRefusal(message: "\(name)尚未取得答辩资格，不能安排答辩（七.1 送审论文抄袭率）：\(why)"))
            }
            let members = try await DefensePanelMember.query(on: db).filter(\.$panel.$id == panel.id!).filter(\.$active == true)
                .with(\.$expert).all()
            let declared = try await CommitteeData.declared(for: [id], on: db)
            let conflicts = PanelScorers.conflicts(members: members.map { candidate($0.expert) },
                                                   applicant: GroupApplicant(applicationID: id, name: name, employerID: application.$unit.id),
                                                   declared: declared)
            if !conflicts.isEmpty {
                let names = Dictionary(members.map { ($0.$expert.id, $0.expert.name) }, uniquingKeysWith: { a, _ in a })
                let why = conflicts.map { "\(names[$0.expertID] ?? "")：\($0.source.label)" }.joined(separator: "；")
                try await AuditLog.append(req.auditEntry(ApplicationTransition.scheduleDefense.auditAction, objectType: "application",
                                                         objectID: id.uuidString, outcome: .denied,
                                                         detail: "recusal on panel \(panel.id!.uuidString): \(conflicts.count)"), on: db)
                return .failure(ScheduleRefusal(message: "本评审组有成员须回避\(name)（\(why)），不能安排在本组答辩；请先替换该成员或安排到其他评审组"))
            }
            let result = try await req.workflow.fire(.scheduleDefense, on: application, extra: fixed, in: db)
            switch result {
            case .success(let state):
                try await DefenseSlot(panelID: panel.id!, applicationID: id, room: panel.room, startsAt: startsAt).create(on: db)
                return .success(state)
            case .failure(let refusal):
                return .failure(ScheduleRefusal(message: refusal.message))
            }
        }
    }
}
