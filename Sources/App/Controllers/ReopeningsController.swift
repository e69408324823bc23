import Domain
import Fluent
import Vapor

/// 重新开放申报: outside the year's declaration period the committee office can
/// let one named unit's applicants start and submit again, until a day it
/// chooses, with the reason on record (in the table and the audit log). A reopening
/// belongs to the review year in use when it was made; the list picks the year
/// (`YearPicker`), and a reopening is only ever made for the year in use.
struct ReopeningsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.reopenings, use: list).requires(.reopenDeclarations).cachesPage()
        routes.post(.reopenings, use: create).requires(.reopenDeclarations)
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await page(req, values: [:], errors: [:]).render().response()
    }

    private func page(_ req: Request, values: [String: String], errors: [String: String]) async throws -> ReopeningsPage {
        try await ReopeningsPage.load(req, values: values, errors: errors)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let user = req.currentUser!
        let raw = try req.content.decode([String: String].self)
        var values: [String: String] = [:]
        for key in ["unitID", "until", "reason"] { values[key] = (raw[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        var errors: [String: String] = [:]
        var unit: Organization?
        if let id = UUID(uuidString: values["unitID"] ?? ""),
           let found = try await Organization.find(id, on: req.db), found.kind == .unit {
            unit = found
        } else {
            errors["unitID"] = "请选择要重新开放申报的单位"
        }
        let today = req.today
        if let until = LocalDate(iso: values["until"] ?? "") {
            if until < today { errors["until"] = "开放截止日不能早于今天（\(today.chinese)）" }
        } else {
            errors["until"] = "请填写开放截止日（格式：2022-09-05）"
        }
        let reason = values["reason"] ?? ""
        if reason.count < 4 {
            errors["reason"] = "请填写重新开放的原因（不少于4个字）"
        } else if reason.count > 200 {
            errors["reason"] = "原因不能超过200个字"
        }
        guard errors.isEmpty, let unit, let until = values["until"] else {
            return try await page(req, values: values, errors: errors).render().response(status: .unprocessableEntity)
        }
        let row = DeclarationReopening(unitID: try unit.requireID(), year: req.policies.current.applicationDate.year,
                                       until: until, reason: reason, createdBy: try user.requireID())
        try await req.transaction { db in
            try await row.create(on: db)
            try await AuditLog.append(req.auditEntry("declaration.reopen", objectType: "organization",
                                                     objectID: unit.id?.uuidString,
                                                     detail: "until \(until): \(reason)".prefix(200).description), on: db)
        }
        return req.redirect(to: SiteURL.reopenings.path(query: ["done": "1"]))
    }
}
