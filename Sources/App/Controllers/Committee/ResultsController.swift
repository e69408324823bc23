import DocumentReading
import Domain
import Fluent
import Plot
import Vapor

/// 结果公示与证书: the passed list publicized for the policy's working days on the
/// official calendar, objections / 复查 / 投诉 with their handling, certificates with
/// a number and a random verification code, and the public check `/verify/CODE`.
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
    }

    static func committeeName(_ req: Request) -> String { "长治市工程系列中初级职称评审委员会" }

    @Sendable func show(req: Request) async throws -> Response { try await render(req, errors: [], status: .ok) }

    func render(_ req: Request, errors: [String], status: HTTPResponseStatus) async throws -> Response {
        try await ResultsPageBuilder(req: req).page(errors: errors).render().response(status: status)
    }

    @Sendable func publicize(req: Request) async throws -> Response {
        guard let start = LocalDate(iso: CommitteeData.field(req, "starts")) else {
            return try await render(req, errors: ["请填写公示开始日期"], status: .unprocessableEntity)
        }
        let year = req.policies.current.applicationDate.year
        let published = Set(try await ResultPublicity.query(on: req.db).filter(\.$year == year).all().flatMap(\.applicationIDs))
        let passed = try await ApplicationRecord.query(on: req.db).filter(\.$year == year)
            .filter(\.$state == ApplicationState.passed.rawValue).all().filter { !published.contains($0.id!) }
        guard !passed.isEmpty else { return try await render(req, errors: ["没有尚未公示的评审通过人员"], status: .unprocessableEntity) }
        let end = try req.workingDays.publicityEnd(start: start, workingDays: try CommitteeData.integer(req, "resultPublicityWorkingDays"))
        try await req.transaction { db in
            try await ResultPublicity(year: year, starts: start.iso, ends: end.iso, applicationIDs: passed.map { $0.id! }).create(on: db)
            try await AuditLog.append(req.auditEntry("result.publicize", detail: "\(start.iso)..\(end.iso) \(passed.count)"), on: db)
        }
        return req.redirect(to: SiteURL.committee(.results).path(query: ["notice": "saved"], fragment: "publicity"))
    }

    @Sendable func recordCase(req: Request) async throws -> Response {
        let kind = CommitteeData.field(req, "kind"), content = CommitteeData.field(req, "content")
        guard let appID = UUID(uuidString: CommitteeData.field(req, "applicationID")), try await ApplicationRecord.find(appID, on: req.db) != nil,
              ResultCase.kinds.contains(where: { $0.0 == kind }), let received = LocalDate(iso: CommitteeData.field(req, "received")),
              !content.isEmpty else {
            return try await render(req, errors: ["请选择申报人、类别，填写收到日期和内容"], status: .unprocessableEntity)
        }
        if kind != "objection" {
            // 复查、投诉 within the policy's period after the publicity ends.
            let days = try CommitteeData.integer(req, "appealDays")
            let ends = try await ResultPublicity.query(on: req.db).all().filter { $0.applicationIDs.contains(appID) }
                .compactMap { LocalDate(iso: $0.ends) }.max()
            if let ends, received > ends.adding(days: days) {
                return try await render(req, errors: ["复查、投诉须在公示结束后\(days)日内（\(ends.adding(days: days).chinese)前）提出"], status: .unprocessableEntity)
            }
        }
        try await req.transaction { db in
            try await ResultCase(applicationID: appID, kind: kind, received: received.iso, content: String(content.prefix(500))).create(on: db)
            try await AuditLog.append(req.auditEntry("result.case", objectType: "application", objectID: appID.uuidString, detail: kind), on: db)
        }
        return req.redirect(to: SiteURL.committee(.results).path(query: ["notice": "saved"], fragment: "cases"))
    }

    @Sendable func resolve(req: Request) async throws -> Response {
        guard let id = req.parameters.get("caseID", as: UUID.self), let c = try await ResultCase.find(id, on: req.db) else { throw PageError.notFound }
        let resolution = CommitteeData.field(req, "resolution")
        guard !resolution.isEmpty else { return try await render(req, errors: ["请填写处理结果"], status: .unprocessableEntity) }
        c.resolution = String(resolution.prefix(500))
        c.resolvedOn = req.today.iso
        try await req.transaction { db in
            try await c.update(on: db)
            try await AuditLog.append(req.auditEntry("result.case.resolve", objectType: "application", objectID: c.$application.id.uuidString), on: db)
        }
        return req.redirect(to: SiteURL.committee(.results).path(query: ["notice": "saved"], fragment: "cases"))
    }

    @Sendable func issue(req: Request) async throws -> Response {
        let year = req.policies.current.applicationDate.year
        let publicities = try await ResultPublicity.query(on: req.db).filter(\.$year == year).all()
        let open = Set(try await ResultCase.query(on: req.db).filter(\.$resolution == nil).all().map { $0.$application.id })
        var issued = 0
        var held: [String] = []
        for p in publicities {
            guard let ends = LocalDate(iso: p.ends), req.today > ends else { continue }
            for id in p.applicationIDs {
                guard let a = try await ApplicationRecord.query(on: req.db).filter(\.$id == id).with(\.$applicant).with(\.$unit).first(),
                      a.stateValue == .passed else { continue }
                if open.contains(id) { held.append("\(a.applicant.realName)有未办结的异议"); continue }
                if case .success = try await CertificateIssuer.issue(req, application: a, on: req.today) { issued += 1 }
            }
        }
        guard issued > 0 else {
            return try await render(req, errors: ["没有可发证的人员：须公示期满（公示结束的次日起）且异议已办结。" + held.joined(separator: "；")],
                                    status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.committee(.results).path(query: ["notice": "saved"], fragment: "passed"))
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

    @Sendable func publicList(req: Request) async throws -> Response {
        let publicities = try await ResultPublicity.query(on: req.db).sort(\.$starts).all()
        var sections: [CommitteeUI.Body] = []
        for p in publicities {
            let apps = try await ApplicationRecord.query(on: req.db).filter(\.$id ~~ p.applicationIDs).with(\.$applicant).with(\.$unit).all()
            let status: String
            if let s = LocalDate(iso: p.starts), req.today < s { status = "尚未开始" }
            else if let e = LocalDate(iso: p.ends), req.today > e { status = "已结束" } else { status = "公示中" }
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
        let revoked = cert.revokedOn
        return CommitteeUI.page(PageChrome(req: req, title: "证书查验"), [
            revoked.map { day in
                .div(.class("error-summary revoked"), .attribute(named: "role", value: "alert"),
                     .p(.text("查验结果：该证书已撤销（\(LocalDate(iso: day)?.chinese ?? day)，\(cert.revokedReason ?? "评审资格已取消")），不再有效。")))
            } ?? .p(.class("notice"), .text("查验结果：证书真实有效。")),
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

    static func issue(_ req: Request, application a: ApplicationRecord, on day: LocalDate) async throws -> Result<ApplicationState, TransitionRefusal> {
        var extra = WorkflowRunner.Extra()
        extra.committeeActor = true
        let result = try await req.workflow.fire(.certify, on: a, extra: extra)
        guard case .success = result else { return result }
        try await create(req.db, application: a, day: day, committee: ResultsController.committeeName(req))
        return result
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
