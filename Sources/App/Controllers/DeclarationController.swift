import Domain
import Fluent
import Vapor

/// The parts of a declaration the applicant fills: basic information, the
/// repeated sections, and the work report. Each save validates against the
/// section's specs, keeps what was typed on error, and writes its audit
/// record in the same transaction. A change after signing clears the
/// commitment, which applies to what is submitted. Pages: `BasicsPage`, `SectionPage`,
/// `WorkReportPage`, `DefenseItemPage`.
struct DeclarationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        func page(_ page: SiteURL.ApplicationPage) -> SiteURL { .application(.pattern, page) }
        routes.get(page(.basics), use: basicsPage).requires(.viewApplication).cachesPage()
        routes.post(page(.basics), use: saveBasics).requires(.editApplication)
        routes.get(page(.report), use: reportPage).requires(.viewApplication).cachesPage()
        // Far above what 20000 characters need, so an over-long text comes back with
        // the message and what was typed, not a bare 413 (issue 8, item 10).
        routes.post(page(.report), use: saveReport).requires(.editApplication).bodyLimit("2mb")
        routes.get(page(.section(.pattern)), use: sectionPage).requires(.viewApplication).cachesPage()
        routes.post(page(.section(.pattern)), use: addItem).requires(.editApplication)
        routes.get(page(.item(.pattern, .pattern)), use: editItemPage).requires(.viewApplication).cachesPage()
        routes.post(page(.item(.pattern, .pattern)), use: updateItem).requires(.editApplication)
        routes.post(page(.deleteItem(.pattern, .pattern)), use: deleteItem).requires(.editApplication)
        routes.get(page(.defense), use: defensePage).requires(.viewApplication).cachesPage()
        routes.post(page(.defense), use: saveDefense).requires(.editApplication)
    }

    // MARK: defense item (九)

    @Sendable func defensePage(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        return try await defense(req, application, error: nil).render().response()
    }

    private func defense(_ req: Request, _ application: ApplicationRecord, error: String?) async throws -> DefenseItemPage {
        try await DefenseItemPage.load(req, application, error: error)
    }

    @Sendable func saveDefense(req: Request) async throws -> Response {
        let application = try await req.application(for: .editApplication)
        let raw = (try? req.content.get(String.self, at: "itemID")) ?? ""
        let sections = Checklist.defenseSections.map(\.rawValue)
        guard let id = UUID(uuidString: raw),
              let item = try await ApplicationItem.find(id, of: application.requireID(), on: req.db),
              sections.contains(item.section) else {
            return try await defense(req, application, error: "请从本人填写的论文、论著或实用技术材料中选定一项作为答辩内容")
                .render().response(status: .unprocessableEntity)
        }
        application.defenseItemID = id
        let notice = try await save(req, application, action: "application.defense.choose", detail: item.section)
        return req.redirect(to: DeclarationURL(id: application.id!).defense + notice)
    }

    // MARK: basics

    @Sendable func basicsPage(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        var values = application.basicValues
        values["targetLevel"] = application.targetLevel
        values["track"] = application.track
        values["specialty"] = application.specialty
        return try await basics(req, application, values: values, errors: [:]).render().response()
    }

    private func basics(_ req: Request, _ application: ApplicationRecord, values: FieldValues,
                        errors: [String: String]) async throws -> BasicsPage {
        try await BasicsPage.load(req, application, values: values, errors: errors)
    }

    @Sendable func saveBasics(req: Request) async throws -> Response {
        let application = try await req.application(for: .editApplication)
        let specs = BasicsForm.application + BasicsForm.fields
        let values = FieldValidation.normalized(try req.content.decode([String: String].self), specs: specs)
        let errors = BasicsForm.validate(values, today: req.today, reviewEnd: try req.policies(for: application).current.referenceDate)
        guard errors.isEmpty else {
            return try await basics(req, application, values: values, errors: errors).render().response(status: .unprocessableEntity)
        }
        application.targetLevel = values["targetLevel"]!
        application.track = values["track"]!
        application.specialty = values["specialty"]!
        application.basicValues = values.filter { name, _ in BasicsForm.fields.contains { $0.name == name } }
        let notice = try await save(req, application, action: "application.basics.save", detail: "level \(application.targetLevel)")
        return req.redirect(to: DeclarationURL(id: application.id!).basics + notice)
    }

    // MARK: report

    @Sendable func reportPage(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        return try await report(req, application, text: application.workReport, error: nil).render().response()
    }

    private func report(_ req: Request, _ application: ApplicationRecord, text: String, error: String?) async throws -> WorkReportPage {
        try await WorkReportPage.load(req, application, text: text, error: error)
    }

    @Sendable func saveReport(req: Request) async throws -> Response {
        let application = try await req.application(for: .editApplication)
        let text = ((try? req.content.get(String.self, at: "workReport")) ?? "")
            .replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= 20_000 else {
            return try await report(req, application, text: text, error: "报告不能超过20000字（当前\(text.count)字）")
                .render().response(status: .unprocessableEntity)
        }
        application.workReport = text
        let notice = try await save(req, application, action: "application.report.save", detail: "\(text.count) characters")
        return req.redirect(to: DeclarationURL(id: application.id!).report + notice)
    }

    // MARK: sections

    private func section(_ req: Request) throws -> DeclarationSection {
        guard let raw = req.parameters.get("section"), let section = DeclarationSection(rawValue: raw) else {
            throw PageError.notFound
        }
        return section
    }

    private func item(_ req: Request, in application: ApplicationRecord, _ section: DeclarationSection) async throws -> ApplicationItem {
        guard let id = req.parameters.get("itemID", as: UUID.self),
              let item = try await ApplicationItem.find(id, of: application.requireID(), section: section, on: req.db) else {
            throw PageError.notFound
        }
        return item
    }

    @Sendable func sectionPage(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        return try await sectionView(req, application, try section(req), editing: nil, values: [:], errors: [:]).render().response()
    }

    @Sendable func editItemPage(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        let section = try section(req)
        let item = try await item(req, in: application, section)
        return try await sectionView(req, application, section, editing: item.id, values: item.values, errors: [:]).render().response()
    }

    private func sectionView(_ req: Request, _ application: ApplicationRecord, _ section: DeclarationSection,
                             editing: UUID?, values: FieldValues, errors: [String: String]) async throws -> SectionPage {
        try await SectionPage.load(req, application, section, editing: editing, values: values, errors: errors)
    }

    /// The posted values of an item, normalized, with their problems checked
    /// against the section's other items.
    private func posted(_ req: Request, _ application: ApplicationRecord, _ section: DeclarationSection,
                        excluding: UUID?) async throws -> (values: FieldValues, errors: [String: String], siblings: [ApplicationItem]) {
        var query = ApplicationItem.query(on: req.db).filter(\.$application.$id == application.id!)
            .filter(\.$section == section.rawValue)
        if let excluding { query = query.filter(\.$id != excluding) }
        let siblings = try await query.all()
        let values = FieldValidation.normalized(try req.content.decode([String: String].self), specs: section.fields)
        // Dates against the one clock and the review's own end (I1), never the machine's today.
        let errors = SectionRules.validate(section, values, siblings: siblings.map(\.values), today: req.today,
                                           reviewEnd: try req.policies(for: application).current.referenceDate)
        return (values, errors, siblings)
    }

    @Sendable func addItem(req: Request) async throws -> Response {
        let application = try await req.application(for: .editApplication)
        let section = try section(req)
        let (values, errors, siblings) = try await posted(req, application, section, excluding: nil)
        guard errors.isEmpty else {
            return try await sectionView(req, application, section, editing: nil, values: values, errors: errors)
                .render().response(status: .unprocessableEntity)
        }
        let item = ApplicationItem(applicationID: application.id!, section: section,
                                   position: (siblings.map(\.position).max() ?? 0) + 1, values: values)
        let notice = try await save(req, application, action: "application.item.add", detail: section.rawValue) { db in
            try await item.create(on: db)
        }
        return req.redirect(to: DeclarationURL(id: application.id!).section(section) + notice)
    }

    @Sendable func updateItem(req: Request) async throws -> Response {
        let application = try await req.application(for: .editApplication)
        let section = try section(req)
        let item = try await item(req, in: application, section)
        let (values, errors, _) = try await posted(req, application, section, excluding: item.id)
        guard errors.isEmpty else {
            return try await sectionView(req, application, section, editing: item.id, values: values, errors: errors)
                .render().response(status: .unprocessableEntity)
        }
        item.values = values
        let notice = try await save(req, application, action: "application.item.update", detail: section.rawValue) { db in
            try await item.update(on: db)
        }
        return req.redirect(to: DeclarationURL(id: application.id!).section(section) + notice)
    }

    @Sendable func deleteItem(req: Request) async throws -> Response {
        let application = try await req.application(for: .editApplication)
        let section = try section(req)
        let item = try await item(req, in: application, section)
        // The defense cannot be about an entry that is gone.
        if application.defenseItemID == item.id { application.defenseItemID = nil }
        let notice = try await save(req, application, action: "application.item.delete", detail: section.rawValue, deleted: true) { db in
            try await item.delete(on: db)
        }
        return req.redirect(to: DeclarationURL(id: application.id!).section(section) + notice)
    }

    /// Saves a change to the declaration with its audit record, atomically;
    /// the commitment signed before the change no longer covers it.
    /// Returns the notice key for the redirect: a change after signing says plainly
    /// that the commitment was voided and must be signed again (issue 8, item 6).
    @discardableResult
    private func save(_ req: Request, _ application: ApplicationRecord, action: String, detail: String, deleted: Bool = false,
                      change: @escaping @Sendable (any Database) async throws -> Void = { _ in }) async throws -> String {
        let voided = application.commitmentSignedAt != nil
        try await req.transaction { db in
            try await change(db)
            application.commitmentSignedAt = nil
            application.updatedAt = req.clock.now()
            try await application.update(on: db)
            try await AuditLog.append(req.auditEntry(action, objectType: "application", objectID: application.id?.uuidString,
                                                     detail: voided ? detail + "; commitment voided" : detail), on: db)
        }
        return "?notice=" + (deleted ? "deleted" : "saved") + (voided ? "-voided" : "")
    }
}
