import Domain
import Fluent
import Vapor

/// 单位评议推荐: the employer's clerk records the evaluation panel, its check and
/// ratings, the three publicities and their objections, the appraisal opinion and
/// the unit's commitment. Each save and its audit record commit together; the
/// order rules are `UnitEvaluation`'s. Recommending is a transition, fired from
/// the progress page.
struct UnitEvaluationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        func unit(_ page: SiteURL.UnitPage) -> SiteURL { .application(.pattern, .unit(page)) }
        routes.get(unit(.overview), use: show).requires(.evaluateApplication).cachesPage()
        routes.post(unit(.panel), use: savePanel).requires(.evaluateApplication)
        routes.post(unit(.ratings), use: saveRatings).requires(.evaluateApplication)
        routes.post(unit(.publicity(.pattern)), use: startPublicity).requires(.evaluateApplication)
        routes.post(unit(.objection(.pattern)), use: addObjection).requires(.evaluateApplication)
        routes.post(unit(.resolveObjection(.pattern, .pattern)), use: resolveObjection).requires(.evaluateApplication)
        routes.post(unit(.opinion), use: saveOpinion).requires(.evaluateApplication)
        routes.post(unit(.commitment), use: signCommitment).requires(.evaluateApplication)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let application = try await req.application(for: .evaluateApplication)
        return try await render(req, application, error: nil, typed: [:])
    }

    private func render(_ req: Request, _ application: ApplicationRecord, error: (String, String)?,
                        typed: [String: String]) async throws -> Response {
        try await UnitEvaluationPage.load(req, application, error: error.map { (part: $0.0, message: $0.1) }, typed: typed)
            .render().response(status: error == nil ? .ok : .unprocessableEntity)
    }

    /// The application, which must be in the unit's evaluation (taken up, not yet recommended).
    private func editable(_ req: Request) async throws -> ApplicationRecord {
        let application = try await req.applicationToAct(.evaluateApplication)
        switch application.stateValue {
        case .unitReview: return application
        case .submitted: throw PageError.forbidden("请先在办理进度页受理该申报，再进行单位评议")
        // Recommended, returned or rejected meanwhile (a second tab, the Back button).
        case let state: throw PageError.alreadyHandled(TransitionRefusal.wrongState(state).message)
        }
    }

    private func form(_ req: Request) throws -> [String: String] {
        (try? req.content.decode([String: String].self)) ?? [:]
    }

    private func saved(_ req: Request, _ application: ApplicationRecord, _ anchor: String) -> Response {
        req.redirect(to: SiteURL.application(.value(application.id!), .unit(.overview))
            .path(query: ["notice": "saved"], fragment: anchor))
    }

    private func commit(_ req: Request, _ application: ApplicationRecord, _ action: String, detail: String = "",
                        _ change: @escaping @Sendable (any Database) async throws -> Void) async throws {
        let id = application.id!
        let entry = req.auditEntry("unit.\(action)", objectType: "application", objectID: id.uuidString, detail: detail)
        try await req.transaction { db in
            try await change(db)
            try await AuditLog.append(entry, on: db)
        }
    }

    @Sendable func savePanel(req: Request) async throws -> Response {
        let application = try await editable(req)
        let values = try form(req)
        var members: [PanelMember] = []
        for i in 0..<20 {
            let name = (values["name_\(i)"] ?? "").trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            guard name.count <= 30, let role = values["role_\(i)"].flatMap(PanelMemberRole.init(rawValue:)) else {
                return try await render(req, application, error: ("panel", "第\(i + 1)行：请填写不超过30字的姓名并选择身份"), typed: values)
            }
            members.append(PanelMember(name: name, role: role, post: String((values["post_\(i)"] ?? "").prefix(40))))
        }
        let id = application.id!
        let saved = members
        try await commit(req, application, "panel", detail: "\(members.count) members") { db in
            let record = try await UnitEvaluationStore.recordForUpdate(id, on: db)
            try record.store(panel: saved)
            try await record.save(on: db)
        }
        return self.saved(req, application, "panel")
    }

    @Sendable func saveRatings(req: Request) async throws -> Response {
        let application = try await editable(req)
        let values = try form(req)
        var ratings: [EvaluationCriterion: EvaluationRating] = [:]
        for c in EvaluationCriterion.allCases {
            guard let raw = values["rating_\(c.rawValue)"], !raw.isEmpty else { continue }
            guard let rating = EvaluationRating(rawValue: raw) else {
                return try await render(req, application, error: ("ratings", "\(c.label)的评议结果无效"), typed: values)
            }
            ratings[c] = rating
        }
        let checked = values["authenticity"] == "1"
        let id = application.id!
        let saved = ratings
        try await commit(req, application, "ratings", detail: "authenticity=\(checked)") { db in
            let record = try await UnitEvaluationStore.recordForUpdate(id, on: db)
            try record.store(ratings: saved)
            record.authenticityChecked = checked
            try await record.save(on: db)
        }
        return self.saved(req, application, "ratings")
    }

    /// Starts a publicity, moves one not yet begun to another day, or cancels it
    /// (`cancel=1`); each with its audit record naming the dates before and after.
    @Sendable func startPublicity(req: Request) async throws -> Response {
        let application = try await editable(req)
        guard let kind = req.parameters.get("kind").flatMap(PublicityKind.init(rawValue:)) else { throw PageError.notFound }
        let values = try form(req)
        let id = application.id!
        let evaluation = try await UnitEvaluationStore.load(id, on: req.db)
        let stored = try await PublicityRecord.query(on: req.db).filter(\.$application.$id == id)
            .filter(\.$kind == kind.rawValue).first()
        let before = try stored.map { try $0.publicity() }.map { "\($0.starts.iso)..\($0.ends.iso)" } ?? "none"
        if values["cancel"] == "1" {
            do { try evaluation.cancellingPublicity(kind, today: req.today) } catch {
                return try await render(req, application, error: ("publicity", "\(kind.label)：\(error.message)"), typed: [:])
            }
            guard let stored else { throw PageError.notFound }
            try await commit(req, application, "publicity.cancel", detail: "\(kind.rawValue) \(before)") { db in
                try await stored.delete(on: db)
            }
            return saved(req, application, "publicity-\(kind.rawValue)")
        }
        let typed = ["starts_\(kind.rawValue)": values["starts"] ?? ""]
        guard let start = values["starts"].flatMap({ LocalDate(iso: $0) }) else {
            return try await render(req, application, error: ("publicity", "\(kind.label)：请填写有效的开始日期"), typed: typed)
        }
        guard let takenUp = try await UnitEvaluationStore.takenUpOn(id, on: req.db) else {
            return try await render(req, application, error: ("publicity", "\(kind.label)：未找到单位受理该申报的记录，请刷新页面"), typed: typed)
        }
        let closes = req.policies.current.declaration.closes
        let reopened = try await req.declarationReopenedUntil(unitID: application.$unit.id)
        let window = UnitEvaluation.Window(takenUpOn: takenUp, lastDay: max(closes, reopened ?? closes))
        let publicity: Publicity
        let rules = try req.publicityRules()
        do {
            publicity = try evaluation.startingPublicity(kind, on: start, today: req.today, window: window, rules: rules)
        } catch {
            return try await render(req, application, error: ("publicity", "\(kind.label)：\(error.message)"), typed: typed)
        }
        let submission = try await UnitEvaluationStore.currentSubmission(id, on: req.db)
        let after = "\(publicity.starts.iso)..\(publicity.ends.iso)"
        // A record already there was not yet begun, or covered an earlier submission: replaced.
        let action = stored == nil ? "publicity.start" : "publicity.move"
        try await commit(req, application, action,
                         detail: "\(kind.rawValue) \(stored == nil ? "" : before + " -> ")\(after) submission \(submission)") { db in
            if let stored {
                try stored.update(from: publicity)
                stored.coversSubmission = submission
                try await stored.save(on: db)
            } else {
                try await PublicityRecord(applicationID: id, publicity: publicity, coversSubmission: submission).create(on: db)
            }
        }
        return saved(req, application, "publicity-\(kind.rawValue)")
    }

    private func publicityRecord(_ req: Request, _ application: ApplicationRecord) async throws -> (PublicityRecord, Publicity) {
        guard let kind = req.parameters.get("kind").flatMap(PublicityKind.init(rawValue:)),
              let record = try await PublicityRecord.query(on: req.db).filter(\.$application.$id == application.id!)
                .filter(\.$kind == kind.rawValue).first() else { throw PageError.notFound }
        // A publicity of an earlier submission whose content changed takes no more objections.
        guard try await UnitEvaluationStore.load(application.id!, on: req.db).publicities[kind] != nil else {
            throw PageError.notFound
        }
        return (record, try record.publicity())
    }

    @Sendable func addObjection(req: Request) async throws -> Response {
        let application = try await editable(req)
        let (record, publicity) = try await publicityRecord(req, application)
        let values = try form(req)
        let content = (values["content"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let received = values["received"].flatMap({ LocalDate(iso: $0) }), received <= req.today,
              received >= publicity.starts, !content.isEmpty, content.count <= 500 else {
            return try await render(req, application, error: ("publicity",
                "\(publicity.kind.label)：请填写异议内容（不超过500字）和收到日期（公示开始后、不晚于今天）"), typed: [:])
        }
        var updated = publicity
        updated.objections.append(Objection(receivedOn: received, content: content))
        let value = updated
        try await commit(req, application, "objection.add", detail: publicity.kind.rawValue) { db in
            try record.update(from: value)
            try await record.save(on: db)
        }
        return saved(req, application, "publicity-\(publicity.kind.rawValue)")
    }

    @Sendable func resolveObjection(req: Request) async throws -> Response {
        let application = try await editable(req)
        let (record, publicity) = try await publicityRecord(req, application)
        guard let index = req.parameters.get("index", as: Int.self), publicity.objections.indices.contains(index) else {
            throw PageError.notFound
        }
        let values = try form(req)
        let resolution = (values["resolution"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let objection = publicity.objections[index]
        guard let resolved = values["resolved"].flatMap({ LocalDate(iso: $0) }), resolved <= req.today,
              let received = LocalDate(iso: objection.receivedOn), resolved >= received,
              !resolution.isEmpty, resolution.count <= 500 else {
            return try await render(req, application, error: ("publicity",
                "\(publicity.kind.label)：请填写处理结果（不超过500字）和处理日期（收到异议后、不晚于今天）"), typed: [:])
        }
        guard objection.isOpen else {
            return try await render(req, application, error: ("publicity", "该异议已处理"), typed: [:])
        }
        var updated = publicity
        updated.objections[index].resolvedOn = resolved.iso
        updated.objections[index].resolution = resolution
        let value = updated
        try await commit(req, application, "objection.resolve", detail: "\(publicity.kind.rawValue) #\(index)") { db in
            try record.update(from: value)
            try await record.save(on: db)
        }
        return saved(req, application, "publicity-\(publicity.kind.rawValue)")
    }

    @Sendable func saveOpinion(req: Request) async throws -> Response {
        let application = try await editable(req)
        let values = try form(req)
        var meets: [OpinionItem: Bool] = [:]
        for item in OpinionItem.allCases {
            switch values["meets_\(item.rawValue)"] {
            case "yes": meets[item] = true
            case "no": meets[item] = false
            default: break
            }
        }
        let text = (values["text"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let head = (values["head"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text.count <= 2000 else {
            return try await render(req, application, error: ("opinion", "请填写鉴定意见（不超过2000字）"), typed: values)
        }
        guard let decided = values["decided"].flatMap({ LocalDate(iso: $0) }) else {
            return try await render(req, application, error: ("opinion", "请填写有效的集体研究日期"), typed: values)
        }
        guard let recommend = values["recommend"].flatMap({ $0 == "yes" ? true : ($0 == "no" ? false : nil) }) else {
            return try await render(req, application, error: ("opinion", "请选择集体研究结论"), typed: values)
        }
        let opinion = AppraisalOpinion(meets: meets, text: text, decidedOn: decided, recommend: recommend, headName: String(head.prefix(30)))
        let evaluation = try await UnitEvaluationStore.load(application.id!, on: req.db)
        let rules = try req.publicityRules()
        do {
            try evaluation.checkOpinion(opinion, today: req.today, rules: rules)
        } catch {
            return try await render(req, application, error: ("opinion", error.message), typed: values)
        }
        if let started = evaluation.publicities[.opinion], started.starts <= req.today {
            return try await render(req, application, error: ("opinion", "鉴定意见已于\(started.starts.chinese)开始公示，不能再修改"), typed: values)
        }
        let id = application.id!
        let submission = try await UnitEvaluationStore.currentSubmission(id, on: req.db)
        try await commit(req, application, "opinion", detail: (recommend ? "recommend" : "not recommended") + " submission \(submission)") { db in
            let record = try await UnitEvaluationStore.recordForUpdate(id, on: db)
            try record.store(opinion: opinion)
            record.opinionCoversSubmission = submission
            try await record.save(on: db)
        }
        return saved(req, application, "opinion")
    }

    @Sendable func signCommitment(req: Request) async throws -> Response {
        let application = try await editable(req)
        guard (try form(req))["agree"] == "1" else {
            return try await render(req, application, error: ("commitment", "请勾选“我代表本单位作出以上承诺”后再签署"), typed: [:])
        }
        let id = application.id!
        let signer = req.currentUser!.realName
        let now = req.clock.now()
        try await commit(req, application, "commitment") { db in
            let record = try await UnitEvaluationStore.recordForUpdate(id, on: db)
            record.unitCommitmentBy = signer
            record.unitCommitmentAt = now
            try await record.save(on: db)
        }
        return saved(req, application, "commitment")
    }
}
