import Domain
import Fluent
import Vapor

/// 年度政策 (issue 19, item 3, first slice): the committee office uploads a new
/// year's policy bundle; it is checked as by `title-review policy check` and, when
/// whole, stored with its audit record in one transaction, then compared with the
/// year in use. Nothing here puts a bundle in use: rehearsal and activation are
/// later steps. A stored bundle is never overwritten and the bundle in use cannot be
/// uploaded over.
struct PoliciesController: RouteCollection {
    /// The largest bundle file taken (the 2022 bundle is about 130 KB).
    static let maximumBytes = 2 * 1024 * 1024

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.policies, use: show).requires(.managePolicies).cachesPage()
        routes.post(.policies, use: upload).requires(.managePolicies).bodyLimit("3mb")
        routes.get(.policyDiff(.pattern), use: diff).requires(.managePolicies).cachesPage()
        routes.get(.policyRehearsal(.pattern), use: rehearsal).requires(.managePolicies).cachesPage()
        routes.post(.policyActivate(.pattern), use: activate).requires(.managePolicies)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await PoliciesPage.load(req).render().response()
    }

    /// The upload: a file field `bundle` (the page's form) or, for scripts, a text field `json`.
    struct UploadForm: Content {
        var bundle: File?
        var json: String?
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let form = try? req.content.decode(UploadForm.self)
        let fileName = form?.bundle?.filename
        var bytes: [UInt8] = []
        if let file = form?.bundle, file.data.readableBytes > 0 { bytes = Array(file.data.readableBytesView) }
        else if let text = form?.json { bytes = Array(text.utf8) }
        func refuse(_ message: String) async throws -> Response {
            try await PoliciesPage.load(req, error: message, refusedFile: fileName).render().response(status: .unprocessableEntity)
        }
        guard !bytes.isEmpty else { return try await refuse("请选择要上传的政策文件（JSON）。") }
        guard bytes.count <= Self.maximumBytes else { return try await refuse("政策文件不能超过2MB。") }

        let report: PolicyCheck.Report
        do { report = try PolicyCheck.check(json: bytes) } catch {
            return try await refuse(Self.message(error))
        }
        let id = report.policy.id
        if let refusal = PolicyActivation.uploadRefusal(report.policy, registry: req.application.policyRegistry) {
            return try await refuse(refusal)
        }
        if try await PolicyBundleRecord.query(on: req.db).filter(\.$bundleID == id).first() != nil {
            return try await refuse("编号为 \(id) 的政策文件已经上传过，不能覆盖；修改后请使用新的编号（id）上传。")
        }
        let record = PolicyBundleRecord(bundleID: id, title: report.policy.title, json: String(decoding: bytes, as: UTF8.self),
                                        summary: report.summary, uploadedBy: req.currentUser?.id)
        let entry = req.auditEntry("policy.upload", objectType: "policy_bundle", objectID: id, detail: report.summary)
        try await req.transaction { db in
            try await record.create(on: db)
            try await AuditLog.append(entry, on: db)
        }
        return req.redirect(to: SiteURL.policyDiff(.value(id)).path(query: ["notice": "saved"]))
    }

    @Sendable func diff(req: Request) async throws -> Response {
        try PolicyDiffPage.load(req, record: try await stored(req)).render().response()
    }

    @Sendable func rehearsal(req: Request) async throws -> Response {
        try await PolicyRehearsalPage.load(req, record: try await stored(req)).render().response()
    }

    struct ActivateForm: Content {
        var confirm: String?
    }

    /// The confirmed step: without the box ticked nothing changes; a year already held
    /// (or earlier than the latest in use) is refused with the reason on the same page.
    @Sendable func activate(req: Request) async throws -> Response {
        let record = try await stored(req)
        let policy = try record.policy()
        func refuse(_ message: String, _ status: HTTPResponseStatus) async throws -> Response {
            try await PolicyRehearsalPage.load(req, record: record, error: message).render().response(status: status)
        }
        guard (try? req.content.decode(ActivateForm.self))?.confirm == "1" else {
            return try await refuse("请先勾选确认：启用后不能修改、不能撤回。未启用。", .unprocessableEntity)
        }
        if let refusal = PolicyActivation.refusal(record, policy, registry: req.application.policyRegistry) {
            return try await refuse(refusal, .conflict)
        }
        if let refusal = try await PolicyActivation.activate(record, policy, req: req) {
            return try await refuse(refusal, .conflict)
        }
        return req.redirect(to: SiteURL.policies.path(query: ["notice": "policy-activated"]))
    }

    private func stored(_ req: Request) async throws -> PolicyBundleRecord {
        let id = req.parameters.get("policyID") ?? ""
        guard let record = try await PolicyBundleRecord.query(on: req.db).filter(\.$bundleID == id).first() else {
            throw Abort(.notFound)
        }
        return record
    }

    /// The check's first problem in Chinese, naming its place in the file
    /// (`parameters.engineerBachelorYears.unit`); the problem itself is the command's words.
    static func message(_ error: PolicyError) -> String {
        let place = JSONInputError(path: error.path, problem: error.problem).pathText
        if error.problem.hasPrefix("invalid JSON") {
            return "政策文件不是有效的JSON，未保存（\(place.isEmpty ? "" : place + "：")\(error.problem)）。"
        }
        if place.isEmpty { return "政策文件未通过检查，未保存：\(error.problem)。" }
        return "政策文件未通过检查，未保存。第一个问题在 \(place)：\(error.problem)。"
    }
}
