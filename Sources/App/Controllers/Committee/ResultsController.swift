import DocumentReading
import Domain
import Fluent
import Plot
import SQLKit
import Vapor

/// 结果公示与证书: the passed list publicized for the policy's working days on the
/// official calendar (from no earlier than the vote and today), objections / 复查 / 投诉
/// with their handling, the city HR bureau's 审核确认 of each list, certificates with a
/// number and a random verification code once the publicity is over, confirmed and without
/// open objection, and the public check `/verify/CODE` (已撤销 after 十（二））.
struct ResultsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.committee(.results), use: show).requires(.manageCommittee)
        routes.post(.committee(.resultsPublicity), use: publicize).requires(.manageCommittee)
        routes.post(.committee(.resultsCases), use: recordCase).requires(.manageCommittee)
        routes.post(.committee(.resolveCase(.pattern)), use: resolve).requires(.manageCommittee)
        routes.post(.committee(.issueCertificates), use: issue).requires(.manageCommittee)
        routes.get(.committee(.certificate(.pattern)), use: printOffice).requires(.manageCommittee)
        routes.get(.application(.pattern, .certificate), use: printOwn).requires(.viewApplication)
        routes.get(.application(.pattern, .admission), use: admission).requires(.viewApplication)
        routes.get(.results, use: publicList).isPublic()
        routes.get(.verify, use: verifyForm).isPublic()
        routes.get(.verifyCode(.pattern), use: verify).isPublic()
        routes.get(.resultsConfirmation, use: confirmationList).requires(.confirmResults)
        routes.post(.confirmResults(.pattern), use: confirm).requires(.confirmResults)
    }

    static func committeeName(_ req: Request) -> String { "长治市工程系列中初级职称评审委员会" }

    @Sendable func show(req: Request) async throws -> Response { try await render(req, errors: [], status: .ok) }

    func render(_ req: Request, errors: [String], typed: [String: String] = [:], status: HTTPResponseStatus) async throws -> Response {
        try await ResultsPageBuilder(req: req).page(errors: errors, typed: typed).render().response(status: status)
    }

    /// A refusal: written to the audit log (who tried what, and why not), then the page again
    /// with the message and everything typed.
    func refuse(_ req: Request, _ action: String, _ message: String, typed: [String: String], objectID: String? = nil) async throws -> Response {
        try await req.audit(req.auditEntry(action, objectType: objectID == nil ? nil : "application", objectID: objectID,
                                           outcome: .failure, detail: String(message.prefix(300))))
        return try await render(req, errors: [message], typed: typed, status: .unprocessableEntity)
    }

    /// 公示评审通过名单: from a day no earlier than today on the review's clock and no earlier
    /// than the meeting that decided each listed applicant, in the review year; it lasts the
    /// policy's working days on the official calendar.
    @Sendable func publicize(req: Request) async throws -> Response {
        let typedStart = CommitteeData.field(req, "starts")
        let typed = ["starts": typedStart]
        let start: LocalDate
        switch ResultRules.date(typedStart, label: "公示开始日期", req) {
        case .failure(let r): return try await refuse(req, "result.publicize", r.message, typed: typed)
        case .success(let day): start = day
        }
        guard start >= req.today else {
            return try await refuse(req, "result.publicize", "公示开始日期不得早于今天（\(req.today.chinese)）：公示须自发布之日起计算", typed: typed)
        }
        let year = req.policies.current.applicationDate.year
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
        let days = try CommitteeData.integer(req, "resultPublicityWorkingDays")
        let end: LocalDate
        do { end = try req.workingDays.publicityEnd(start: start, workingDays: days) } catch {
            return try await refuse(req, "result.publicize", "工作日历中没有\(start.year)年的放假安排，无法计算公示期；请先在“工作日历”中录入", typed: typed)
        }
        try await req.transaction { db in
            try await ResultPublicity(year: year, starts: start.iso, ends: end.iso, applicationIDs: passed.map { $0.id! }).create(on: db)
            try await AuditLog.append(req.auditEntry("result.publicize", detail: "\(start.iso)..\(end.iso) \(passed.count)"), on: db)
        }
        return req.redirect(to: SiteURL.committee(.results).path(query: ["notice": "saved"], fragment: "publicity"))
    }

    @Sendable func recordCase(req: Request) async throws -> Response {
        let kind = CommitteeData.field(req, "kind"), content = CommitteeData.field(req, "content")
        let typedApp = CommitteeData.field(req, "applicationID"), typedReceived = CommitteeData.field(req, "received")
        let typed = ["applicationID": typedApp, "kind": kind, "received": typedReceived, "content": content]
        guard let appID = UUID(uuidString: typedApp), try await ApplicationRecord.find(appID, on: req.db) != nil,
              ResultCase.kinds.contains(where: { $0.0 == kind }), !content.isEmpty else {
            return try await refuse(req, "result.case", "请选择申报人、类别，填写收到日期和内容", typed: typed)
        }
        if let tooLong = ResultRules.length(content, max: ResultRules.caseContentMax, label: "内容") {
            return try await refuse(req, "result.case", tooLong.message, typed: typed, objectID: appID.uuidString)
        }
        let received: LocalDate
        switch ResultRules.date(typedReceived, label: "收到日期", req) {
        case .failure(let r): return try await refuse(req, "result.case", r.message, typed: typed, objectID: appID.uuidString)
        case .success(let day): received = day
        }
        guard received <= req.today else {
            return try await refuse(req, "result.case", "收到日期不能晚于今天（\(req.today.chinese)）", typed: typed, objectID: appID.uuidString)
        }
        if kind != "objection" {
            // 复查、投诉 within the policy's period after the publicity ends.
            let days = try CommitteeData.integer(req, "appealDays")
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
        return req.redirect(to: SiteURL.committee(.results).path(query: ["notice": "saved"], fragment: "cases"))
    }

    @Sendable func resolve(req: Request) async throws -> Response {
        guard let id = req.parameters.get("caseID", as: UUID.self), let c = try await ResultCase.find(id, on: req.db) else { throw PageError.notFound }
        let resolution = CommitteeData.field(req, "resolution"), typedDay = CommitteeData.field(req, "resolvedOn")
        let typed = ["resolution-\(id.uuidString)": resolution, "resolvedOn-\(id.uuidString)": typedDay]
        let appID = c.$application.id.uuidString
        guard c.resolution == nil else {
            return try await refuse(req, "result.case.resolve", "该事项已于\(c.resolvedOn ?? "")办结，不能再次办结", typed: [:], objectID: appID)
        }
        guard !resolution.isEmpty else { return try await refuse(req, "result.case.resolve", "请填写处理结果", typed: typed, objectID: appID) }
        if let tooLong = ResultRules.length(resolution, max: ResultRules.resolutionMax, label: "处理结果") {
            return try await refuse(req, "result.case.resolve", tooLong.message, typed: typed, objectID: appID)
        }
        let day: LocalDate
        switch ResultRules.date(typedDay.isEmpty ? req.today.iso : typedDay, label: "办结日期", req) {
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
        return req.redirect(to: SiteURL.committee(.results).path(query: ["notice": "saved"], fragment: "cases"))
    }

    /// 发放证书: for the lists whose publicity's last working day has passed and which the city
    /// HR bureau has confirmed, to everyone still 评审通过 without an open objection. Each
    /// certificate and its 发证 transition commit together.
    @Sendable func issue(req: Request) async throws -> Response {
        let typedDay = CommitteeData.field(req, "issuedOn")
        let typed = ["issuedOn": typedDay]
        let day: LocalDate
        switch ResultRules.date(typedDay.isEmpty ? req.today.iso : typedDay, label: "发证日期", req) {
        case .failure(let r): return try await refuse(req, "result.certify", r.message, typed: typed)
        case .success(let d): day = d
        }
        guard day <= req.today else {
            return try await refuse(req, "result.certify", "发证日期不能晚于今天（\(req.today.chinese)）", typed: typed)
        }
        let year = req.policies.current.applicationDate.year
        let publicities = try await ResultPublicity.query(on: req.db).filter(\.$year == year).sort(\.$starts).all()
        var issued = 0
        var held: [String] = []
        for p in publicities {
            guard let ends = LocalDate(iso: p.ends) else { continue }
            let period = "\(LocalDate(iso: p.starts)?.chinese ?? p.starts)起的公示"
            let waiting = try await ApplicationRecord.query(on: req.db).filter(\.$id ~~ p.applicationIDs)
                .filter(\.$state == ApplicationState.passed.rawValue).with(\.$applicant).with(\.$unit).all()
            guard !waiting.isEmpty else { continue }
            guard day > ends else { held.append("\(period)至\(ends.chinese)结束，公示期满后方可发证"); continue }
            guard let confirmed = p.confirmedOn.flatMap({ LocalDate(iso: $0) }) else {
                held.append("\(period)尚未经市人社局审核确认"); continue
            }
            guard day >= confirmed else { held.append("发证日期不能早于市人社局审核确认日期（\(confirmed.chinese)）"); continue }
            let open = try await ResultRules.openObjections(waiting.map { $0.id! }, on: req.db)
            for a in waiting {
                if open.contains(a.id!) { held.append("\(a.applicant.realName)有未办结的公示异议"); continue }
                switch try await CertificateIssuer.issue(req, application: a, on: day) {
                case .success: issued += 1
                case .failure(let refusal): held.append("\(a.applicant.realName)：\(refusal.message)")
                }
            }
        }
        guard issued > 0 else {
            let reasons = held.isEmpty ? "" : "（" + held.joined(separator: "；") + "）"
            return try await refuse(req, "result.certify", "没有可发证的人员：须公示期满、经市人社局审核确认且公示异议已办结\(reasons)", typed: typed)
        }
        if !held.isEmpty {
            try await req.audit(req.auditEntry("result.certify", outcome: .failure, detail: "held: " + held.joined(separator: "；").prefix(300)))
        }
        return req.redirect(to: SiteURL.committee(.results).path(query: ["notice": "saved"], fragment: "passed"))
    }

    // MARK: 审核确认 (the city HR bureau)

    @Sendable func confirmationList(req: Request) async throws -> Response {
        try await ResultConfirmationPage.load(req, errors: []).render().response()
    }

    /// The city HR bureau confirms one list, once its publicity is over with no objection open.
    /// Recorded on the publicity by a conditional update, so two clicks confirm once.
    @Sendable func confirm(req: Request) async throws -> Response {
        guard let id = req.parameters.get("publicityID", as: UUID.self), let p = try await ResultPublicity.find(id, on: req.db),
              p.year == req.policies.current.applicationDate.year else { throw PageError.notFound }
        func refused(_ message: String) async throws -> Response {
            try await req.audit(req.auditEntry("result.confirm", objectType: "result_publicity", objectID: id.uuidString,
                                               outcome: .failure, detail: message))
            return try await ResultConfirmationPage.load(req, errors: [message]).render().response(status: .unprocessableEntity)
        }
        if let on = p.confirmedOn { return try await refused("该名单已于\(LocalDate(iso: on)?.chinese ?? on)审核确认") }
        guard let ends = LocalDate(iso: p.ends), req.today > ends else {
            return try await refused("公示期至\(LocalDate(iso: p.ends)?.chinese ?? p.ends)结束，公示期满后方可审核确认")
        }
        let open = try await ResultRules.openObjections(p.applicationIDs, on: req.db)
        if !open.isEmpty {
            let names = try await ApplicationRecord.query(on: req.db).filter(\.$id ~~ Array(open)).with(\.$applicant).all()
                .map(\.applicant.realName).sorted().joined(separator: "、")
            return try await refused("\(names)的公示异议尚未办结，办结后方可审核确认")
        }
        guard let user = req.currentUser else { throw PageError.signInRequired(expired: false) }
        let today = req.today.iso, count = p.applicationIDs.count
        let audit = req.auditEntry("result.confirm", objectType: "result_publicity", objectID: id.uuidString, detail: "\(p.starts)..\(p.ends) \(count)")
        let confirmed = try await req.transaction { db -> Bool in
            guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
            let rows = try await sql.update(ResultPublicity.schema).set("confirmed_on", to: today).set("confirmed_by", to: user.id!)
                .set("confirmed_by_name", to: user.realName).where("id", .equal, id).where("confirmed_on", .is, SQLLiteral.null)
                .returning("id").all()
            guard !rows.isEmpty else { return false }
            try await AuditLog.append(audit, on: db)
            return true
        }
        guard confirmed else { return try await refused("该名单已审核确认") }
        return req.redirect(to: SiteURL.resultsConfirmation.path(query: ["notice": "saved"]))
    }

    @Sendable func printOffice(req: Request) async throws -> Response {
        guard let id = req.parameters.get("certID", as: UUID.self), let c = try await CertificateRecord.find(id, on: req.db) else { throw PageError.notFound }
        return try await CertificatePrint.page(req, c)
    }

    @Sendable func printOwn(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        guard let c = try await CertificateRecord.query(on: req.db).filter(\.$application.$id == application.id!).first() else {
            throw PageError.notFound
        }
        return try await CertificatePrint.page(req, c)
    }

    /// 答辩通知书: the applicant's panel, room and time, printable.
    @Sendable func admission(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        guard let slot = try await DefenseSlot.query(on: req.db).filter(\.$application.$id == application.id!).with(\.$panel).first() else {
            return CommitteeUI.page(PageChrome(req: req, title: "答辩安排"), [
                .p(.class("muted"), .text("尚未安排答辩。当前状态：\(application.stateValue.label)。")),
            ]).response()
        }
        let title = "答辩通知书"
        let html = HTML(.attribute(named: "lang", value: "zh-CN"),
            .head(.meta(.charset(.utf8)), .element(named: "title", text: title), .link(.rel(.stylesheet), .href(PrintLayout.stylesheet))),
            .body(.main(.id("admission"),
                .h1(.text(title)),
                .p(.text("\(application.applicant.realName)同志：")),
                .p(.text("您申报的工程师（\(application.specialty)专业）已由评委会办公室受理，请按以下安排参加答辩：")),
                .ul(.li(.text("评审组：\(slot.panel.specialty)评审组")), .li(.text("答辩地点：\(slot.room)")),
                    .li(.text("答辩时间：\(slot.startsAt)"))),
                .p(.text("请携带本通知书和居民身份证按时到场。答辩成绩实行百分制，答辩材料学术水平评价占\(DefenseWeightsText.materials(req))，现场答辩评价占\(DefenseWeightsText.onsite(req))。")),
                .p(.text("\(Self.committeeName(req))办公室")),
                .p(.a(.href(DeclarationURL(id: application.id!).progress), .text("返回办理进度")))
            )))
        return html.response()
    }

    /// 评审结果公示 (public): only a publicity that has started by the review's clock, and
    /// only people still holding their result (never anyone cancelled for false materials).
    @Sendable func publicList(req: Request) async throws -> Response {
        let today = req.today.iso
        let publicities = try await ResultPublicity.query(on: req.db).filter(\.$starts <= today).sort(\.$starts).all()
        var sections: [CommitteeUI.Body] = []
        for p in publicities {
            let withdrawn = try await ResultRules.withdrawn(p.applicationIDs, on: req.db)
            let apps = try await ApplicationRecord.query(on: req.db).filter(\.$id ~~ p.applicationIDs)
                .filter(\.$state ~~ [ApplicationState.passed.rawValue, ApplicationState.certified.rawValue])
                .with(\.$applicant).with(\.$unit).sort(\.$specialty).all().filter { !withdrawn.contains($0.id!) }
            guard !apps.isEmpty else { continue }
            let status = LocalDate(iso: p.ends).map { req.today > $0 } == true ? "已结束" : "公示中"
            sections.append(CommitteeUI.section("公示期：\(LocalDate(iso: p.starts)?.chinese ?? p.starts)至\(LocalDate(iso: p.ends)?.chinese ?? p.ends)（\(status)）", [
                CommitteeUI.table(["姓名", "工作单位", "评审通过资格", "专业"], apps.map { a in
                    [.text(a.applicant.realName), .text(a.unit.name), .text(CommitteeUI.levelLabel(a.targetLevel)), .text(a.specialty)]
                }, id: "publicity-list"),
            ]))
        }
        return CommitteeUI.page(PageChrome(req: req, title: "评审结果公示"), [
            .p(.text("\(req.policies.current.title)评审通过人员名单。公示期内对公示人员有异议的，请向评委会办公室（电话 0355-3036240）实名反映。")),
            .group(sections.isEmpty ? [.p(.class("muted"), .text("暂无公示。"))] : sections),
            .p(.a(.href(SiteURL.verify.path), .text("证书查验"))),
        ]).response()
    }

    @Sendable func verifyForm(req: Request) async throws -> Response {
        if let code = req.query[String.self, at: "code"]?.trimmingCharacters(in: .whitespaces), !code.isEmpty {
            return req.redirect(to: SiteURL.verifyCode(.value(code)).path)
        }
        return CommitteeUI.page(PageChrome(req: req, title: "证书查验"), [
            .form(.method(.get), .action(SiteURL.verify.path), .class("stacked"),
                  .textField("code", label: "验证码（证书上的12位字母数字）", required: true, maxLength: 20),
                  .submitButton("查验")),
        ]).response()
    }

    @Sendable func verify(req: Request) async throws -> Response {
        let code = (req.parameters.get("code") ?? "").uppercased()
        let valid = code.count <= 20 && code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        let cert = valid ? try await CertificateRecord.query(on: req.db).filter(\.$code == code).first() : nil
        guard let cert else {
            return CommitteeUI.page(PageChrome(req: req, title: "证书查验"), [
                .div(.class("error-summary"), .attribute(named: "role", value: "alert"),
                     .p(.text("验证码“\(String(code.prefix(20)))”不存在，请核对证书上的验证码。"))),
                .p(.a(.href(SiteURL.verify.path), .text("重新查验"))),
            ]).response(status: .notFound)
        }
        if try await ResultRules.isRevoked(cert, on: req.db) {
            // 十（二）: 已撤销 in place of the result; the title is never shown as held.
            let day = cert.revokedOn.map { LocalDate(iso: $0)?.chinese ?? $0 }
            return CommitteeUI.page(PageChrome(req: req, title: "证书查验"), [
                .div(.class("error-summary revoked"), .attribute(named: "role", value: "alert"),
                     .p(.text("查验结果：该证书已撤销\(day.map { "（\($0)）" } ?? "")，\(cert.revokedReason ?? "评审资格已取消")，不再有效。"))),
                .dl(.id("certificate"),
                    .dt(.text("姓名")), .dd(.text(cert.holderName)),
                    .dt(.text("身份证号")), .dd(.text(cert.maskedID)),
                    .dt(.text("证书编号")), .dd(.text(cert.number)),
                    .dt(.text("评审结果")), .dd(.strong(.text("已撤销"))),
                    .dt(.text("评审委员会")), .dd(.text(cert.committee))),
            ]).response()
        }
        return CommitteeUI.page(PageChrome(req: req, title: "证书查验"), [
            .p(.class("notice"), .text("查验结果：证书真实有效。")),
            .dl(.id("certificate"),
                .dt(.text("姓名")), .dd(.text(cert.holderName)),
                .dt(.text("身份证号")), .dd(.text(cert.maskedID)),
                .dt(.text("资格名称")), .dd(.text(cert.title)),
                .dt(.text("专业")), .dd(.text(cert.specialty)),
                .dt(.text("取得资格时间")), .dd(.text(LocalDate(iso: cert.issuedOn)?.chinese ?? cert.issuedOn)),
                .dt(.text("证书编号")), .dd(.text(cert.number)),
                .dt(.text("评审委员会")), .dd(.text(cert.committee))),
        ]).response()
    }
}

/// Issues a certificate: number, random code, the holder's details copied, 发证 fired.
enum CertificateIssuer {
    /// 12 characters without look-alikes (no 0/O, 1/I/L).
    static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    static func randomCode() -> String {
        var g = SystemRandomNumberGenerator()
        return String((0..<12).map { _ in alphabet.randomElement(using: &g)! })
    }

    /// 发证 and the certificate in one transaction: a refused transition writes only its
    /// refusal to the audit log, and a certificate never exists without the state.
    static func issue(_ req: Request, application a: ApplicationRecord, on day: LocalDate) async throws -> Result<ApplicationState, TransitionRefusal> {
        var certifying = WorkflowRunner.Extra()
        certifying.committeeActor = true
        let extra = certifying
        let workflow = req.workflow
        let fallback = ResultsController.committeeName(req)
        return try await req.transaction { db in
            let result = try await workflow.fire(.certify, on: a, extra: extra, in: db)
            if case .success = result {
                // The certificate names the committee that decided it (中级评委会 / 初级评委会).
                let committee = try await ResultRules.decidingCommittee(a.id!, on: db) ?? fallback
                try await create(db, application: a, day: day, committee: committee)
            }
            return result
        }
    }

    static func create(_ db: any Database, application a: ApplicationRecord, day: LocalDate, committee: String) async throws {
        let seq = try await CertificateRecord.query(on: db).count() + 1
        let number = "CZGC\(a.year)" + String(format: "%05d", seq)
        let cert = CertificateRecord(applicationID: a.id!, number: number, code: randomCode(), issuedOn: day.iso,
                                     holderName: a.applicant.realName, maskedID: Masking.middle(a.applicant.idNumber ?? "", keepFirst: 3, keepLast: 4),
                                     title: CommitteeUI.levelLabel(a.targetLevel), specialty: a.specialty, committee: committee)
        try await cert.create(on: db)
    }
}

/// The printable certificate with its QR code, drawn by `qrencode` (Debian's libqrencode
/// tool) in a child process with a time limit; no encoder of our own.
enum CertificatePrint {
    static func qrSVG(_ text: String) async -> String? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let out = try? ChildProcess.run("qrencode", ["-t", "SVG", "-m", "1", "-s", "4", "-o", "-", "--", text],
                                                timeout: .seconds(5), maxOutput: 200_000)
                guard let out, out.status == 0, !out.timedOut, !out.truncated else { continuation.resume(returning: nil); return }
                let svg = String(decoding: out.stdout, as: UTF8.self)
                // Only the <svg> element, never the XML prolog.
                continuation.resume(returning: svg.range(of: "<svg").map { String(svg[$0.lowerBound...]) })
            }
        }
    }

    static func page(_ req: Request, _ c: CertificateRecord) async throws -> Response {
        // The configured public address (PUBLIC_BASE_URL), never the request's Host header.
        let link = "\(req.config.publicBaseURL)/verify/\(c.code)"
        if try await ResultRules.isRevoked(c, on: req.db) {
            // 十（二）: a cancelled result is never printed as a valid title.
            let on = c.revokedOn.map { LocalDate(iso: $0)?.chinese ?? $0 }
            let html = HTML(.attribute(named: "lang", value: "zh-CN"),
                .head(.meta(.charset(.utf8)), .element(named: "title", text: "证书已撤销"), .link(.rel(.stylesheet), .href(PrintLayout.stylesheet))),
                .body(.main(.id("certificate"), .class("revoked"),
                    .h1(.text("已撤销")),
                    .p(.text("证书编号\(c.number)（持证人\(c.holderName)）已撤销\(on.map { "（\($0)）" } ?? "")：\(c.revokedReason ?? "评审资格已取消")。该证书不再有效，不得打印使用。")),
                    .p(.text("查验网址：\(link)"))
                )))
            return html.response()
        }
        let svg = await qrSVG(link)
        let html = HTML(.attribute(named: "lang", value: "zh-CN"),
            .head(.meta(.charset(.utf8)), .element(named: "title", text: "专业技术职务任职资格证书"), .link(.rel(.stylesheet), .href(PrintLayout.stylesheet))),
            .body(.main(.id("certificate"),
                .h1(.text("专业技术职务任职资格证书")),
                .p(.text("\(c.holderName)（身份证号 \(c.maskedID)）经\(c.committee)评审通过，具备\(c.title)（\(c.specialty)专业）任职资格。")),
                .p(.text("取得资格时间：\(LocalDate(iso: c.issuedOn)?.chinese ?? c.issuedOn)")),
                .p(.text("证书编号：\(c.number)")), .p(.text("验证码：\(c.code)")),
                .div(.class("qr"), svg.map { Node<HTML.BodyContext>.raw($0) } ?? .p(.text("（二维码生成工具不可用，请凭验证码查验）"))),
                .p(.text("查验网址：\(link)"))
            )))
        return html.response()
    }
}
