import Domain
import Fluent
import Vapor

/// 机构管理 (system administrator) and the read-only 机构名录 for the bodies
/// that review applications.
struct OrganizationsController: RouteCollection {
    static let pageSize = 50
    /// Another administrator saved the same name or credit code a moment ago.
    static let raceMessage = "机构名称或统一社会信用代码刚刚已被登记，请核对后重新提交。"

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.admin(.organizations), use: list).requires(.manageOrganizations).cachesPage()
        routes.get(.admin(.newOrganization), use: newForm).requires(.manageOrganizations).cachesPage()
        routes.post(.admin(.organizations), use: create).requires(.manageOrganizations)
        routes.get(.admin(.editOrganization(.pattern)), use: editForm).requires(.manageOrganizations).cachesPage()
        routes.post(.admin(.organization(.pattern)), use: update).requires(.manageOrganizations)
        routes.post(.admin(.deactivateOrganization(.pattern)), use: deactivate).requires(.manageOrganizations)
        routes.post(.admin(.activateOrganization(.pattern)), use: activate).requires(.manageOrganizations)
        routes.get(.organizationDirectory, use: directory).requires(.viewOrganizationDirectory).cachesPage()
    }

    // MARK: - List

    @Sendable func list(req: Request) async throws -> Response {
        try authorize(req, nil)
        // A select's prompt arrives as its label ("全部"): anything not a known choice means "any".
        func choice(_ key: String, _ valid: (String) -> Bool) -> String {
            let raw = req.query[String.self, at: key] ?? ""
            return valid(raw) ? raw : ""
        }
        let f = AdminOrganizationsPage.Filters(
            kind: choice("kind") { OrganizationKind(rawValue: $0) != nil },
            division: choice("division") { Self.division($0) != nil },
            status: choice("status") { ["active", "inactive"].contains($0) },
            q: (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces))
        let page = Pager.requestedPage(req.query[String.self, at: "page"])
        return try await AdminOrganizationsPage.load(req, filters: f, page: page, pageSize: Self.pageSize).render().response()
    }

    // MARK: - Create and edit

    @Sendable func newForm(req: Request) async throws -> Response {
        try authorize(req, nil)
        return try await AdminOrganizationFormPage.load(req, id: nil, values: .init(), errors: FieldErrors()).render().response()
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        let org = try await load(req)
        try authorize(req, org)
        var page = try await AdminOrganizationFormPage.load(req, id: org.id, values: Self.values(of: org), errors: FieldErrors())
        page.isActive = org.isActive
        return page.render().response()
    }

    @Sendable func create(req: Request) async throws -> Response {
        try authorize(req, nil)
        let values = Self.values(from: (try? req.content.decode(OrganizationForm.self)) ?? OrganizationForm())
        var errors = FieldErrors()
        let parsed = try await OrganizationForm.validate(values, existing: nil, on: req.db, errors: &errors)
        guard errors.isEmpty, let parsed else {
            return try await AdminOrganizationFormPage.load(req, id: nil, values: values, errors: errors)
                .render().response(status: .unprocessableEntity)
        }
        let org = Organization(name: parsed.name, kind: parsed.kind, divisionCode: parsed.divisionCode)
        parsed.apply(to: org)
        do {
            try await req.transaction { db in
                try await org.create(on: db)
                try await AuditLog.append(req.auditEntry("org.create", objectType: "organization", objectID: org.id?.uuidString,
                                                         detail: "\(parsed.kind.rawValue) \(parsed.name)"), on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            errors.addGeneral(Self.raceMessage)
            return try await AdminOrganizationFormPage.load(req, id: nil, values: values, errors: errors).render().response(status: .conflict)
        }
        return req.redirect(to: SiteURL.admin(.organizations).path(query: ["notice": "created"]))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let org = try await load(req)
        try authorize(req, org)
        let values = Self.values(from: (try? req.content.decode(OrganizationForm.self)) ?? OrganizationForm())
        var errors = FieldErrors()
        let parsed = try await OrganizationForm.validate(values, existing: org, on: req.db, errors: &errors)
        guard errors.isEmpty, let parsed else {
            var page = try await AdminOrganizationFormPage.load(req, id: org.id, values: values, errors: errors)
            page.isActive = org.isActive
            return page.render().response(status: .unprocessableEntity)
        }
        let before = Self.values(of: org)
        parsed.apply(to: org)
        let changed = Self.changedFields(before, Self.values(of: org))
        do {
            try await req.transaction { db in
                try await org.update(on: db)
                try await AuditLog.append(req.auditEntry("org.update", objectType: "organization", objectID: org.id?.uuidString,
                                                         detail: changed.isEmpty ? "no change" : "changed: " + changed.joined(separator: ", ")),
                                          on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            errors.addGeneral(Self.raceMessage)
            return try await AdminOrganizationFormPage.load(req, id: org.id, values: values, errors: errors).render().response(status: .conflict)
        }
        return req.redirect(to: SiteURL.admin(.organizations).path(query: ["notice": "saved"]))
    }

    // MARK: - Activation

    @Sendable func deactivate(req: Request) async throws -> Response {
        try await setActive(req, false)
    }

    @Sendable func activate(req: Request) async throws -> Response {
        try await setActive(req, true)
    }

    /// Deactivating hides an organization from the pickers (registration,
    /// account forms); its accounts and history stay as they are.
    private func setActive(_ req: Request, _ active: Bool) async throws -> Response {
        let org = try await load(req)
        try authorize(req, org)
        if org.isActive != active {
            try await req.transaction { db in
                org.isActive = active
                try await org.update(on: db)
                try await AuditLog.append(req.auditEntry(active ? "org.activate" : "org.deactivate",
                                                         objectType: "organization", objectID: org.id?.uuidString,
                                                         detail: org.name), on: db)
            }
        }
        return req.redirect(to: SiteURL.admin(.organizations).path(query: ["notice": active ? "org-activated" : "org-deactivated"]))
    }

    // MARK: - Directory

    @Sendable func directory(req: Request) async throws -> Response {
        guard let actor = req.actor else { throw PageError.signInRequired(expired: false) }
        if case .deny(let reason) = AccessPolicy.decide(actor, .viewOrganizationDirectory) {
            throw PageError.forbidden(reason)
        }
        return try await DirectoryOrganizationsPage.load(req).render().response()
    }

    // MARK: - Helpers

    /// The object-level half of the access check (the route-level half ran in middleware).
    private func authorize(_ req: Request, _ org: Organization?) throws {
        let object: AccessObject = org.map { .organization($0.facts) } ?? .system
        if case .deny(let reason) = AccessPolicy.decide(req.actor, .manageOrganizations, object) {
            throw PageError.forbidden(reason)
        }
    }

    private func load(_ req: Request) async throws -> Organization {
        guard let id = req.parameters.get("id", as: UUID.self),
              let org = try await Organization.find(id, on: req.db) else { throw PageError.notFound }
        return org
    }

    static func division(_ id: String) -> AdministrativeDivision? {
        AdministrativeDivision.all.first { $0.id == id }
    }

    static func values(from form: OrganizationForm) -> AdminOrganizationFormPage.Values {
        func text(_ s: String?) -> String { (s ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        // The optional selects' prompts ("无主管部门…") arrive as their labels, so
        // a value that is not a unit kind or an id means "none chosen".
        func id(_ s: String?) -> String { UUID(uuidString: text(s)) == nil ? "" : text(s) }
        return .init(name: text(form.name), kind: text(form.kind), division: text(form.division),
                     unitKind: UnitKind(code: text(form.unitKind)) == nil ? "" : text(form.unitKind),
                     creditCode: text(form.creditCode),
                     cityDirect: form.cityDirect == "1", aboveScale: form.aboveScale == "1",
                     competentDepartmentID: id(form.competentDepartmentID), personnelAgencyID: id(form.personnelAgencyID))
    }

    static func values(of o: Organization) -> AdminOrganizationFormPage.Values {
        .init(name: o.name, kind: o.kindRaw, division: o.divisionCode, unitKind: o.unitKindRaw ?? "",
              creditCode: o.creditCode ?? "", cityDirect: o.isCityDirect, aboveScale: o.isAboveScale,
              competentDepartmentID: o.$competentDepartment.id?.uuidString ?? "",
              personnelAgencyID: o.$personnelAgency.id?.uuidString ?? "")
    }

    /// Field names only: the audit detail says what changed, not the values.
    static func changedFields(_ a: AdminOrganizationFormPage.Values, _ b: AdminOrganizationFormPage.Values) -> [String] {
        var changed: [String] = []
        if a.name != b.name { changed.append("name") }
        if a.kind != b.kind { changed.append("kind") }
        if a.division != b.division { changed.append("division") }
        if a.unitKind != b.unitKind { changed.append("unitKind") }
        if a.creditCode != b.creditCode { changed.append("creditCode") }
        if a.cityDirect != b.cityDirect { changed.append("cityDirect") }
        if a.aboveScale != b.aboveScale { changed.append("aboveScale") }
        if a.competentDepartmentID != b.competentDepartmentID { changed.append("competentDepartment") }
        if a.personnelAgencyID != b.personnelAgencyID { changed.append("personnelAgency") }
        return changed
    }
}
