import Domain
import Fluent
import Vapor

/// 专家库: the office adds, disables, enables and renews experts (term at most three
/// years, `ExpertTerm`), and records conflicts declared by experts or applicants or
/// pinned by the office (回避). Page: `ExpertPoolPage`.
struct ExpertPoolController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.committee(.home), use: home).requires(.manageCommittee).cachesPage()
        routes.get(.committee(.experts), use: list).requires(.manageCommittee).cachesPage()
        routes.post(.committee(.experts), use: create).requires(.manageCommittee)
        routes.post(.committee(.expert(.pattern, .disable)), use: disable).requires(.manageCommittee)
        routes.post(.committee(.expert(.pattern, .enable)), use: enable).requires(.manageCommittee)
        routes.post(.committee(.expert(.pattern, .renew)), use: renew).requires(.manageCommittee)
        routes.post(.committee(.conflicts), use: recordConflict).requires(.manageCommittee)
    }

    @Sendable func home(req: Request) async throws -> Response {
        req.redirect(to: SiteURL.committee(.panels).path)
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await render(req, errors: [], values: [:], status: .ok)
    }

    func render(_ req: Request, errors: [String], values: [String: String], status: HTTPResponseStatus,
                notice: String? = nil) async throws -> Response {
        try await ExpertPoolPage.load(req, errors: errors, values: values, notice: notice).render().response(status: status)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let f = { (n: String) in CommitteeData.field(req, n) }
        var values: [String: String] = [:]
        for k in ["name", "specialty", "title", "organizationID", "contact", "termStart", "termEnd", "userID"] { values[k] = f(k) }
        var errors: [String] = []
        for (k, label) in [("name", "姓名"), ("specialty", "专业"), ("title", "职称"), ("contact", "联系方式")] where values[k]!.isEmpty {
            errors.append("请填写\(label)")
        }
        let org = try await UUID(uuidString: values["organizationID"]!).asyncFlatMap { try await Organization.find($0, on: req.db) }
        if org == nil { errors.append("请选择工作单位") }
        let start = LocalDate(iso: values["termStart"]!), end = LocalDate(iso: values["termEnd"]!)
        if start == nil || end == nil { errors.append("请填写任期的开始和结束日期（YYYY-MM-DD）") }
        if let start, let end, let problem = ExpertTerm.problem(start: start, end: end) { errors.append(problem) }
        var userID: UUID?
        if !values["userID"]!.isEmpty {
            guard let id = UUID(uuidString: values["userID"]!), let user = try await UserAccount.find(id, on: req.db),
                  user.role == .expert else { throw PageError.badRequest("登录账号须为评审专家角色") }
            if try await CommitteeData.expert(for: id, on: req.db) != nil { errors.append("该账号已关联专家库中的其他专家") }
            userID = id
        }
        guard errors.isEmpty, let org else {
            return try await render(req, errors: errors, values: values, status: .unprocessableEntity)
        }
        let expert = Expert(name: values["name"]!, userID: userID, organizationID: org.id!, specialty: values["specialty"]!,
                            title: values["title"]!, contact: values["contact"]!, termStart: start!.iso, termEnd: end!.iso)
        try await req.transaction { db in
            try await expert.create(on: db)
            try await AuditLog.append(req.auditEntry("expert.create", objectType: "expert", objectID: expert.id?.uuidString,
                                                     detail: "\(expert.name) \(expert.specialty)"), on: db)
        }
        return req.redirect(to: SiteURL.committee(.experts).path(query: ["notice": "created"]))
    }

    private func expert(_ req: Request) async throws -> Expert {
        guard let id = req.parameters.get("expertID", as: UUID.self), let e = try await Expert.find(id, on: req.db) else {
            throw PageError.notFound
        }
        return e
    }

    @Sendable func disable(req: Request) async throws -> Response { try await setActive(req, false) }
    @Sendable func enable(req: Request) async throws -> Response { try await setActive(req, true) }

    private func setActive(_ req: Request, _ active: Bool) async throws -> Response {
        let e = try await expert(req)
        e.isActive = active
        try await req.transaction { db in
            try await e.update(on: db)
            try await AuditLog.append(req.auditEntry(active ? "expert.enable" : "expert.disable", objectType: "expert",
                                                     objectID: e.id?.uuidString), on: db)
        }
        return req.redirect(to: SiteURL.committee(.experts).path(query: ["notice": "saved"]))
    }

    @Sendable func renew(req: Request) async throws -> Response {
        let e = try await expert(req)
        guard let end = LocalDate(iso: CommitteeData.field(req, "termEnd")) else {
            return try await render(req, errors: ["请填写续聘的任期结束日期（YYYY-MM-DD）"], values: [:], status: .unprocessableEntity)
        }
        // A renewal starts a new term the day after the old one ends (or today, if it has lapsed).
        let oldEnd = LocalDate(iso: e.termEnd) ?? req.today
        let start = max(oldEnd.adding(days: 1), req.today)
        if let problem = ExpertTerm.problem(start: start, end: end) {
            return try await render(req, errors: ["续聘：" + problem], values: [:], status: .unprocessableEntity)
        }
        e.termStart = start.iso
        e.termEnd = end.iso
        try await req.transaction { db in
            try await e.update(on: db)
            try await AuditLog.append(req.auditEntry("expert.renew", objectType: "expert", objectID: e.id?.uuidString,
                                                     detail: "\(start.iso)..\(end.iso)"), on: db)
        }
        return req.redirect(to: SiteURL.committee(.experts).path(query: ["notice": "saved"]))
    }

    @Sendable func recordConflict(req: Request) async throws -> Response {
        let reason = CommitteeData.field(req, "reason")
        // What was typed comes back with a refusal.
        var typed: [String: String] = ["conflict.reason": reason]
        for k in ["expertID", "applicationID", "source"] { typed["conflict.\(k)"] = CommitteeData.field(req, k) }
        guard let expertID = UUID(uuidString: CommitteeData.field(req, "expertID")),
              let appID = UUID(uuidString: CommitteeData.field(req, "applicationID")),
              let source = ConflictSource(rawValue: CommitteeData.field(req, "source")), source != .sameEmployer,
              try await Expert.find(expertID, on: req.db) != nil, try await ApplicationRecord.find(appID, on: req.db) != nil else {
            return try await render(req, errors: ["请选择专家、申报人和回避来源"], values: typed, status: .unprocessableEntity)
        }
        guard !reason.isEmpty, reason.count <= ConflictRecorder.reasonMaxLength else {
            return try await render(req, errors: ["请填写回避理由（不超过\(ConflictRecorder.reasonMaxLength)字，现为\(reason.count)字）"],
                                    values: typed, status: .unprocessableEntity)
        }
        try await ConflictRecorder.record(req, expertID: expertID, applicationID: appID, source: source, reason: reason)
        return req.redirect(to: SiteURL.committee(.experts).path(query: ["notice": "saved"], fragment: "conflicts"))
    }
}

/// Writes a conflict once (a repeat of the same source is kept as the first), with its audit
/// record. A conflict recorded after the expert has scored the applicant takes that score
/// out of every derived number (`PanelSnapshot`); the panel's record says so, and for a
/// panel already closed that its grades now need a 复查.
enum ConflictRecorder {
    /// The limit of a conflict's reason, the same in the forms and on the server.
    static let reasonMaxLength = 200

    static func record(_ req: Request, expertID: UUID, applicationID: UUID, source: ConflictSource, reason: String) async throws {
        try await req.transaction { db in
            let exists = try await ExpertConflict.query(on: db).filter(\.$expert.$id == expertID)
                .filter(\.$application.$id == applicationID).filter(\.$source == source.rawValue).first() != nil
            guard !exists else { return }
            try await ExpertConflict(expertID: expertID, applicationID: applicationID, source: source.rawValue, reason: reason)
                .create(on: db)
            try await AuditLog.append(req.auditEntry("conflict.record", objectType: "application", objectID: applicationID.uuidString,
                                                     detail: "expert \(expertID.uuidString) \(source.rawValue)"), on: db)
            let scored = try await DefenseScoreRecord.query(on: db).filter(\.$expert.$id == expertID)
                .filter(\.$application.$id == applicationID).with(\.$panel).with(\.$expert).all()
            for score in scored {
                let panel = score.panel
                let text = "回避登记（\(source.label)）：\(score.expert.name)对该组一位申报人的评分已保存但不再计入答辩成绩"
                    + (panel.isClosed ? "；本组已结束评分，答辩成绩和等次须经复查重新确定" : "")
                try await CommitteeData.note(req, subject: panel.id!, kind: "recusal", text: text, on: db)
            }
        }
    }
}
