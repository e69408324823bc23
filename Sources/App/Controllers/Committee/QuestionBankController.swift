import Domain
import Fluent
import Vapor

/// 答辩题库 (九): the office keeps common (公共) and individual (个性) questions per
/// specialty; a panel member, after reading an applicant's chosen material, assigns
/// questions to that applicant and opens the material's files. Every expert path
/// passes the panel seat's recusal check first: a conflicted expert never sees any of it.
/// Page: `QuestionBankPage`.
struct QuestionBankController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.committee(.questions), use: list).requires(.manageCommittee).cachesPage()
        routes.post(.committee(.questions), use: add).requires(.manageCommittee)
        routes.post(.committee(.disableQuestion(.pattern)), use: disable).requires(.manageCommittee)
        routes.post(.expert(.questions(panel: .pattern, application: .pattern)), use: assign).requires(.scoreDefense)
        routes.get(.expert(.materialFile(panel: .pattern, application: .pattern, file: .pattern)), use: file)
            .requires(.scoreDefense)
    }

    @Sendable func list(req: Request) async throws -> Response { try await render(req, errors: [], status: .ok) }

    func render(_ req: Request, errors: [String], status: HTTPResponseStatus) async throws -> Response {
        try await QuestionBankPage.load(req, errors: errors).render().response(status: status)
    }

    @Sendable func add(req: Request) async throws -> Response {
        let specialty = CommitteeData.field(req, "specialty"), kind = CommitteeData.field(req, "kind")
        let text = CommitteeData.field(req, "text")
        // The year shown on the page the form was sent from; a year not under review yet is refused.
        let year = YearPicker.make(req, url: .committee(.questions)).selected
        if let refusal = try CommitteeYear.creationRefusal(req, year: year, what: "添加答辩问题") {
            return try await render(req, errors: [refusal], status: .unprocessableEntity)
        }
        guard !specialty.isEmpty, DefenseQuestion.kinds.contains(where: { $0.0 == kind }), !text.isEmpty else {
            return try await render(req, errors: ["请填写专业组、选择类别并填写问题"], status: .unprocessableEntity)
        }
        let q = DefenseQuestion(year: year, specialty: String(specialty.prefix(40)),
                                kind: kind, text: String(text.prefix(300)))
        try await req.transaction { db in
            try await q.create(on: db)
            try await AuditLog.append(req.auditEntry("question.add", objectType: "question", objectID: q.id!.uuidString, detail: kind), on: db)
        }
        return req.redirect(to: CommitteeYear.path(req, .committee(.questions), year: year, notice: "saved"))
    }

    @Sendable func disable(req: Request) async throws -> Response {
        guard let id = req.parameters.get("questionID", as: UUID.self), let q = try await DefenseQuestion.find(id, on: req.db) else {
            throw PageError.notFound
        }
        q.isActive = false
        try await req.transaction { db in
            try await q.update(on: db)
            try await AuditLog.append(req.auditEntry("question.disable", objectType: "question", objectID: id.uuidString), on: db)
        }
        return req.redirect(to: CommitteeYear.path(req, .committee(.questions), year: q.year, notice: "saved"))
    }

    /// The panel, the signed-in member's expert record, and the applicant's slot on it,
    /// after the recusal check (`AccessPolicy` with the seat's facts).
    static func seatedApplicant(_ req: Request) async throws -> (DefensePanel, Expert, DefenseSlot) {
        guard let panelID = req.parameters.get("panelID", as: UUID.self), let panel = try await DefensePanel.find(panelID, on: req.db),
              let appID = req.parameters.get("appID", as: UUID.self) else { throw PageError.notFound }
        guard let user = req.currentUser, let expert = try await CommitteeData.expert(for: user.id!, on: req.db) else {
            throw PageError.forbidden("您的账号尚未关联专家库，请联系评委会办公室")
        }
        guard let slot = try await DefenseSlot.query(on: req.db).filter(\.$panel.$id == panelID).filter(\.$application.$id == appID)
            .with(\.$application, { $0.with(\.$applicant).with(\.$unit) }).first() else { throw PageError.notFound }
        let facts = try await CommitteeData.panelSeat(application: slot.application, panelID: panelID, on: req.db)
        if case .deny(let reason) = AccessPolicy.decide(req.actor, .scoreDefense, .committeeSeat(facts)) { throw PageError.forbidden(reason) }
        return (panel, expert, slot)
    }

    @Sendable func assign(req: Request) async throws -> Response {
        let (panel, expert, slot) = try await Self.seatedApplicant(req)
        let appID = slot.$application.id
        guard !panel.isClosed else { throw PageError.forbidden("评审组已结束评分，不能再选定问题") }
        let bank = try await QuestionBank.questions(year: panel.year, specialty: panel.specialty, on: req.db)
        // Several boxes send the name repeatedly; one box sends a single value.
        var texts = (try? req.content.get([String].self, at: "questionIDs")) ?? []
        if texts.isEmpty { texts = [CommitteeData.field(req, "questionIDs")] }
        let chosen = texts.compactMap { UUID(uuidString: $0.trimmingCharacters(in: .whitespaces)) }
        let valid = chosen.filter { id in bank.contains { $0.id == id } }
        guard !valid.isEmpty, valid.count == chosen.count else {
            return req.redirect(to: SiteURL.expert(.panel(.value(panel.id!))).path(query: ["notice": "question-missing"], fragment: "a-\(appID.uuidString)"))
        }
        let already = Set(try await QuestionBank.assigned(applicationID: appID, on: req.db).map { $0.$question.id })
        try await req.transaction { db in
            for id in valid where !already.contains(id) {
                try await QuestionAssignment(panelID: panel.id!, applicationID: appID, questionID: id, expertID: expert.id!).create(on: db)
            }
            try await AuditLog.append(req.auditEntry("question.assign", objectType: "application", objectID: appID.uuidString,
                                                     detail: "\(valid.count)"), on: db)
        }
        return req.redirect(to: SiteURL.expert(.panel(.value(panel.id!))).path(query: ["notice": "saved"], fragment: "a-\(appID.uuidString)"))
    }

    /// A file of the chosen defense material, for the seated, unconflicted panel member only.
    @Sendable func file(req: Request) async throws -> Response {
        let (_, _, slot) = try await Self.seatedApplicant(req)
        guard let material = try await DefenseMaterial.load(for: slot.application, on: req.db),
              let fileID = req.parameters.get("fileID", as: UUID.self),
              let file = material.files.first(where: { $0.id == fileID }) else { throw PageError.notFound }
        let store = FileStore(req)
        guard let path = store.path(forStorageName: file.storageName), await store.exists(storageName: file.storageName) else {
            throw PageError.notFound
        }
        try await req.audit(req.auditEntry("defense.material.view", objectType: "application",
                                                 objectID: slot.$application.id.uuidString, detail: fileID.uuidString))
        let response = try await req.fileio.asyncStreamFile(at: path, mediaType: FileKind(rawValue: file.fileType).map(FilesController.mediaType))
        response.headers.replaceOrAdd(name: .contentDisposition, value: FilesController.attachment(file.originalName))
        return response
    }
}
