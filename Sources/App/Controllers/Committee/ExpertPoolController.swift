import Domain
import Fluent
import Plot
import Vapor

/// 专家库: the office adds, disables, enables and renews experts (term at most three
/// years, `ExpertTerm`), and records conflicts declared by experts or applicants or
/// pinned by the office (回避).
struct ExpertPoolController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.committee(.home), use: home).requires(.manageCommittee)
        routes.get(.committee(.experts), use: list).requires(.manageCommittee)
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
        let csrf = try await req.csrfToken()
        let experts = try await Expert.query(on: req.db).with(\.$organization).with(\.$user).sort(\.$name).all()
        let orgs = try await Organization.query(on: req.db).filter(\.$isActive == true).sort(\.$name).all()
        let expertAccounts = try await UserAccount.query(on: req.db).filter(\.$roleRaw == Role.expert.rawValue)
            .sort(\.$username).all()
        let conflicts = try await ExpertConflict.query(on: req.db).with(\.$expert)
            .with(\.$application) { $0.with(\.$applicant) }.all()
        let applications = try await ApplicationRecord.query(on: req.db)
            .filter(\.$state ~~ ApplicationState.committeeStates.map(\.rawValue)).with(\.$applicant).all()
        let today = req.today
        let rows: [[CommitteeUI.Body]] = experts.map { e in
            let inTerm = LocalDate(iso: e.termStart).flatMap { s in LocalDate(iso: e.termEnd).map { ExpertTerm.isInForce(start: s, end: $0, on: today) } } ?? false
            let status = !e.isActive ? "已停用" : (inTerm ? "在任" : "不在任期内")
            return [.text(e.name), .text(e.specialty), .text(e.title), .text(e.organization.name), .text(e.contact),
                    .text("\(e.termStart) 至 \(e.termEnd)"), .text(e.user.map { "\($0.username)" } ?? "—"), .text(status),
                    .div(
                        e.isActive ? CommitteeUI.button(SiteURL.committee(.expert(.value(e.id!), .disable)).path, csrf: csrf, "停用")
                            : CommitteeUI.button(SiteURL.committee(.expert(.value(e.id!), .enable)).path, csrf: csrf, "启用"),
                        .form(.method(.post), .action(SiteURL.committee(.expert(.value(e.id!), .renew)).path), .class("inline"), .csrfField(csrf),
                              .input(.type(.text), .name("termEnd"), .placeholder("续聘至 YYYY-MM-DD"),
                                     .attribute(named: "aria-label", value: "\(e.name)续聘至")),
                              .button(.type(.submit), .class("button secondary"), .text("续聘")))
                    )]
        }
        let orgChoices = orgs.map { Choice(value: $0.id!.uuidString, label: $0.name) }
        let accountChoices = expertAccounts.map { Choice(value: $0.id!.uuidString, label: "\($0.username)（\($0.realName)）") }
        let sources = ConflictSource.allCases.filter { $0 != .sameEmployer }.map { Choice(value: $0.rawValue, label: $0.label) }
        let page = CommitteeUI.page(PageChrome(req: req, title: "专家库", notice: notice), [
            CommitteeUI.officeMenu(),
            CommitteeUI.errors(errors),
            .p(.text("评审专家每届任期不超过\(ExpertTerm.maximumYears)年（《职称评审管理暂行规定》第十二条）。停用或不在任期内的专家不参加抽取。")),
            CommitteeUI.table(["姓名", "专业", "职称", "工作单位", "联系方式", "任期", "登录账号", "状态", "操作"], rows, id: "experts"),
            CommitteeUI.section("增加专家", id: "add-expert", [CommitteeUI.form(SiteURL.committee(.experts).path, csrf: csrf, [
                .textField("name", label: "姓名", value: values["name"], required: true, maxLength: 40),
                .textField("specialty", label: "专业", value: values["specialty"], required: true, maxLength: 40),
                .textField("title", label: "职称", value: values["title"], required: true, maxLength: 40),
                .selectField("organizationID", label: "工作单位", choices: orgChoices, selected: values["organizationID"], required: true),
                .textField("contact", label: "联系方式", value: values["contact"], required: true, maxLength: 60),
                .textField("termStart", label: "任期开始", value: values["termStart"], type: "date", required: true),
                .textField("termEnd", label: "任期结束", value: values["termEnd"], type: "date", required: true),
                .selectField("userID", label: "登录账号（评审专家角色，可不选）", choices: accountChoices, selected: values["userID"],
                             prompt: "无"),
            ], submit: "增加")]),
            CommitteeUI.section("回避登记", id: "conflicts", [
                .p(.text("与申报人同一工作单位的专家由系统自动回避；此处登记专家本人申请、申报人申请或办公室指定的回避。")),
                CommitteeUI.table(["专家", "申报人", "来源", "理由"], conflicts.map { c in
                    [.text(c.expert.name), .text(c.application.applicant.realName),
                     .text(ConflictSource(rawValue: c.source)?.label ?? c.source), .text(c.reason)]
                }, id: "conflict-list"),
                CommitteeUI.form(SiteURL.committee(.conflicts).path, csrf: csrf, [
                    .selectField("expertID", label: "专家", choices: experts.map { Choice(value: $0.id!.uuidString, label: $0.name) },
                                 selected: values["conflict.expertID"], required: true),
                    .selectField("applicationID", label: "申报人",
                                 choices: applications.map { Choice(value: $0.id!.uuidString, label: "\($0.applicant.realName)（\($0.specialty)）") },
                                 selected: values["conflict.applicationID"], required: true),
                    .selectField("source", label: "来源", choices: sources, selected: values["conflict.source"], required: true),
                    .textField("reason", label: "理由", value: values["conflict.reason"], required: true,
                               maxLength: ConflictRecorder.reasonMaxLength),
                ], submit: "登记回避"),
            ]),
        ])
        return page.response(status: status)
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
