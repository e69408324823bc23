import Domain
import Fluent
import Vapor

/// 结果公示与证书 (the committee office): the passed list publicized for the policy's
/// working days on the official calendar (from no earlier than the vote and today), and
/// objections / 复查 / 投诉 with their handling. The certificates are `CertificatesController`'s,
/// the city HR bureau's 审核确认 `ResultConfirmationController`'s, the public list and the
/// check `PublicResultsController`'s. Page: `ResultsPage`.
struct ResultsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.committee(.results), use: show).requires(.manageCommittee).cachesPage()
        routes.post(.committee(.resultsPublicity), use: publicize).requires(.manageCommittee)
        routes.post(.committee(.resultsCases), use: recordCase).requires(.manageCommittee)
        routes.post(.committee(.resolveCase(.pattern)), use: resolve).requires(.manageCommittee)
    }

    static func committeeName(_ req: Request) -> String { "长治市工程系列中初级职称评审委员会" }

    @Sendable func show(req: Request) async throws -> Response { try await Self.render(req, errors: [], status: .ok) }

    static func render(_ req: Request, errors: [String], typed: [String: String] = [:], status: HTTPResponseStatus) async throws -> Response {
        try await ResultsPage.load(req, errors: errors, typed: typed).render().response(status: status)
    }

    /// A refusal: written to the audit log (who tried what, and why not), then the page again
    /// with the message and everything typed.
    static func refuse(_ req: Request, _ action: String, _ message: String, typed: [String: String], objectID: String? = nil) async throws -> Response {
        try await req.audit(req.auditEntry(action, objectType: objectID == nil ? nil : "application", objectID: objectID,
                                           outcome: .failure, detail: String(message.prefix(300))))
        return try await render(req, errors: [message], typed: typed, status: .unprocessableEntity)
    }

    private func refuse(_ req: Request, _ action: String, _ message: String, typed: [String: String], objectID: String? = nil) async throws -> Response {
        try await Self.refuse(req, action, message, typed: typed, objectID: objectID)
    }

    /// 公示评审通过名单: from a day no earlier than today on the review's clock and no earlier
    /// than the meeting that decided each listed applicant, in the review year; it lasts the
    /// policy's working days on the official calendar.
    @Sendable func publicize(req: Request) async throws -> Response {
        let typedStart = CommitteeData.field(req, "starts")
        let typed = ["starts": typedStart]
        // The year shown on the page the form was sent from; a year not under review yet is refused.
        let year = YearPicker.make(req, url: .committee(.results)).selected
        if let refusal = try CommitteeYear.creationRefusal(req, year: year, what: "公示评审结果") {
            return try await refuse(req, "result.publicize", refusal, typed: typed)
        }
        let start: LocalDate
        switch ResultRules.date(typedStart, label: "公示开始日期", year: year, req) {
        case .failure(let r): return try await refuse(req, "result.publicize", r.message, typed: typed)
        case .success(let day): start = day
        }
        guard start >= req.today else {
            return try await refuse(req, "result.publicize", "公示开始日期不得早于今天（\(req.today.chinese)）：公示须自发布之日起计算", typed: typed)
        }
        let published = Set(try await ResultPublicity.query(on: req.db).filter(\.$year == year).all().flatMap(\.applicationIDs))
        let passed = try await ApplicationRecord.query(on: req.db).filter(\.$year == year)
            .filter(\.$state == ApplicationState.passed.rawValue).with(\.$applicant).sort(\.$specialty).all()
            .filter { !published.contains($0.id!) }
        guard !passed.isEmpty else { return try await refuse(req, "result.publicize", "没有尚未公示的评审通过人员", typed: typed) }
        let decided = try await ResultRules.decidedOn(passed.map { $0.id! }, on: req.db)
        let undecided = passed.filter { decided[$0.id!] == nil }
        guard undecided.isEmpty else {
            return try await refuse(req, "result.publicize", "找不到以下人员的评委会表决记录，不能公示：" +
                                    undecided.map(\.applicant.realName).joined(separator: "、"), typed: typed)
        }
        let early = passed.filter { decided[$0.id!]! > start }
        guard early.isEmpty else {
            let names = early.map { "\($0.applicant.realName)（\(decided[$0.id!]!.chinese)表决）" }.joined(separator: "、")
            return try await refuse(req, "result.publicize", "公示开始日期不得早于评委会表决日期：\(names)", typed: typed)
        }
        let days = try CommitteeData.integer(req, "resultPublicityWorkingDays", year: year)
        let end: LocalDate
        do { end = try req.workingDays.publicityEnd(start: start, workingDays: days) } catch {
            return try await refuse(req, "result.publicize", "工作日历中没有\(start.year)年的放假安排，无法计算公示期；请先在“工作日历”中录入", typed: typed)
        }
        try await req.transaction { db in
            try await ResultPublicity(year: year, starts: start.iso, ends: end.iso, applicationIDs: passed.map { $0.id! }).create(on: db)
            try await AuditLog.append(req.auditEntry("result.publicize", detail: "\(start.iso)..\(end.iso) \(passed.count)"), on: db)
        }
        return req.redirect(to: CommitteeYear.path(req, .committee(.results), year: year, notice: "saved", fragment: "publicity"))
    }

    @Sendable func recordCase(req: Request) async throws -> Response {
        let kind = CommitteeData.field(req, "kind"), content = CommitteeData.field(req, "content")
        let typedApp = CommitteeData.field(req, "applicationID"), typedReceived = CommitteeData.field(req, "received")
        let typed = ["applicationID": typedApp, "kind": kind, "received": typedReceived, "content": content]
        guard let appID = UUID(uuidString: typedApp), let application = try await ApplicationRecord.find(appID, on: req.db),
              ResultCase.kinds.contains(where: { $0.0 == kind }), !content.isEmpty else {
            return try await refuse(req, "result.case", "请选择申报人、类别，填写收到日期和内容", typed: typed)
        }
        if let tooLong = ResultRules.length(content, max: ResultRules.caseContentMax, label: "内容") {
            return try await refuse(req, "result.case", tooLong.message, typed: typed, objectID: appID.uuidString)
        }
        let received: LocalDate
        // The application's own review year and bundle (issue 19), never the year in use.
        let year = application.year
        switch ResultRules.date(typedReceived, label: "收到日期", year: year, req) {
        case .failure(let r): return try await refuse(req, "result.case", r.message, typed: typed, objectID: appID.uuidString)
        case .success(let day): received = day
        }
        guard received <= req.today else {
            return try await refuse(req, "result.case", "收到日期不能晚于今天（\(req.today.chinese)）", typed: typed, objectID: appID.uuidString)
        }
        if kind != "objection" {
            // 复查、投诉 within the policy's period after the publicity ends.
            let days = try CommitteeData.integer(req, "appealDays", year: year)
            let ends = try await ResultPublicity.query(on: req.db).all().filter { $0.applicationIDs.contains(appID) }
                .compactMap { LocalDate(iso: $0.ends) }.max()
            if let ends, received > ends.adding(days: days) {
                return try await refuse(req, "result.case", "复查、投诉须在公示结束后\(days)日内（\(ends.adding(days: days).chinese)前）提出",
                                        typed: typed, objectID: appID.uuidString)
            }
        }
        try await req.transaction { db in
            try await ResultCase(applicationID: appID, kind: kind, received: received.iso, content: content).create(on: db)
            try await AuditLog.append(req.auditEntry("result.case", objectType: "application", objectID: appID.uuidString, detail: kind), on: db)
        }
        return req.redirect(to: CommitteeYear.path(req, .committee(.results), year: year, notice: "saved", fragment: "cases"))
    }

    @Sendable func resolve(req: Request) async throws -> Response {
        guard let id = req.parameters.get("caseID", as: UUID.self), let c = try await ResultCase.find(id, on: req.db) else { throw PageError.notFound }
        let resolution = CommitteeData.field(req, "resolution"), typedDay = CommitteeData.field(req, "resolvedOn")
        let typed = ["resolution-\(id.uuidString)": resolution, "resolvedOn-\(id.uuidString)": typedDay]
        let appID = c.$application.id.uuidString
        // The case's application's review year (issue 19).
        guard let year = try await ApplicationRecord.find(c.$application.id, on: req.db)?.year else { throw PageError.notFound }
        guard c.resolution == nil else {
            return try await refuse(req, "result.case.resolve", "该事项已于\(c.resolvedOn ?? "")办结，不能再次办结", typed: [:], objectID: appID)
        }
        guard !resolution.isEmpty else { return try await refuse(req, "result.case.resolve", "请填写处理结果", typed: typed, objectID: appID) }
        if let tooLong = ResultRules.length(resolution, max: ResultRules.resolutionMax, label: "处理结果") {
            return try await refuse(req, "result.case.resolve", tooLong.message, typed: typed, objectID: appID)
        }
        let day: LocalDate
        switch ResultRules.date(typedDay.isEmpty ? req.today.iso : typedDay, label: "办结日期", year: year, req) {
        case .failure(let r): return try await refuse(req, "result.case.resolve", r.message, typed: typed, objectID: appID)
        case .success(let d): day = d
        }
        if let received = LocalDate(iso: c.received), day < received {
            return try await refuse(req, "result.case.resolve", "办结日期不能早于收到日期（\(received.chinese)）", typed: typed, objectID: appID)
        }
        guard day <= req.today else {
            return try await refuse(req, "result.case.resolve", "办结日期不能晚于今天（\(req.today.chinese)）", typed: typed, objectID: appID)
        }
        c.resolution = resolution
        c.resolvedOn = day.iso
        try await req.transaction { db in
            try await c.update(on: db)
            try await AuditLog.append(req.auditEntry("result.case.resolve", objectType: "application", objectID: appID), on: db)
        }
        return req.redirect(to: CommitteeYear.path(req, .committee(.results), year: year, notice: "saved", fragment: "cases"))
    }
}
