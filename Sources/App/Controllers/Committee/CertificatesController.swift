import DocumentReading
import Domain
import Fluent
import Vapor

/// 证书: issued to the passed once their list's publicity is over, confirmed by the city HR
/// bureau and without open objection, with a number and a random verification code; the
/// printable certificate for the office and for the holder (`CertificatePrintPage`).
/// A refusal comes back on the results page (`ResultsController.refuse`).
struct CertificatesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(.committee(.issueCertificates), use: issue).requires(.manageCommittee)
        routes.get(.committee(.certificate(.pattern)), use: printOffice).requires(.manageCommittee)
        routes.get(.application(.pattern, .certificate), use: printOwn).requires(.viewApplication)
    }

    private func refuse(_ req: Request, _ action: String, _ message: String, typed: [String: String]) async throws -> Response {
        try await ResultsController.refuse(req, action, message, typed: typed)
    }

    /// 发放证书: for the lists whose publicity's last working day has passed and which the city
    /// HR bureau has confirmed, to everyone still 评审通过 without an open objection. Each
    /// certificate and its 发证 transition commit together.
    @Sendable func issue(req: Request) async throws -> Response {
        let typedDay = CommitteeData.field(req, "issuedOn")
        let typed = ["issuedOn": typedDay]
        // The year shown on the page the form was sent from: its lists, in its calendar.
        let year = YearPicker.make(req, url: .committee(.results)).selected
        let day: LocalDate
        switch ResultRules.date(typedDay.isEmpty ? req.today.iso : typedDay, label: "发证日期", year: year, req) {
        case .failure(let r): return try await refuse(req, "result.certify", r.message, typed: typed)
        case .success(let d): day = d
        }
        guard day <= req.today else {
            return try await refuse(req, "result.certify", "发证日期不能晚于今天（\(req.today.chinese)）", typed: typed)
        }
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
        return req.redirect(to: CommitteeYear.path(req, .committee(.results), year: year, notice: "saved", fragment: "passed"))
    }

    @Sendable func printOffice(req: Request) async throws -> Response {
        guard let id = req.parameters.get("certID", as: UUID.self), let c = try await CertificateRecord.find(id, on: req.db) else { throw PageError.notFound }
        return try await CertificatePrintPage.load(req, c).render().response()
    }

    @Sendable func printOwn(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        guard let c = try await CertificateRecord.query(on: req.db).filter(\.$application.$id == application.id!).first() else {
            throw PageError.notFound
        }
        return try await CertificatePrintPage.load(req, c).render().response()
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

/// The certificate's QR code, drawn by `qrencode` (Debian's libqrencode tool) in a child
/// process with a time limit; no encoder of our own.
enum CertificateQRCode {
    static func svg(_ text: String) async -> String? {
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
}
