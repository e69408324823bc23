import Domain
import Fluent
import Vapor

/// Builds the results page's model (`ResultsPage`): the queries and the rows, so
/// `ResultsController` only decides what happens and which status answers.
struct ResultsPageBuilder {
    let req: Request

    /// `typed`: what the user typed into the form that was refused, to show it again.
    func page(errors: [String], typed: [String: String] = [:]) async throws -> ResultsPage {
        let year = req.policies.current.applicationDate.year
        let passed = try await ApplicationRecord.query(on: req.db).filter(\.$year == year)
            .filter(\.$state ~~ [ApplicationState.passed.rawValue, ApplicationState.certified.rawValue])
            .with(\.$applicant).with(\.$unit).sort(\.$specialty).all()
        let publicities = try await ResultPublicity.query(on: req.db).filter(\.$year == year).sort(\.$starts).all()
        let cases = try await ResultCase.query(on: req.db).with(\.$application) { $0.with(\.$applicant) }.all()
        let certificates = try await CertificateRecord.query(on: req.db).all()
        let atCommittee = try await ApplicationRecord.query(on: req.db).filter(\.$year == year)
            .filter(\.$state ~~ ApplicationState.committeeStates.map(\.rawValue)).with(\.$applicant).all()
        return ResultsPage(
            chrome: PageChrome(req: req, title: "结果公示与证书"), csrf: try await req.csrfToken(), errors: errors,
            passed: passed.map { a in
                let certificate = certificates.first { $0.$application.id == a.id! }
                return ResultsPage.Passed(
                    applicant: a.applicant.realName, unit: a.unit.name, specialty: a.specialty, state: a.stateValue.label,
                    certificate: certificate.map { (id: $0.id!, number: $0.number) }, code: certificate?.code)
            },
            publicities: publicities.map { p in
                .init(starts: p.starts, ends: p.ends, count: p.applicationIDs.count,
                      confirmation: p.confirmedOn.map { "已于\($0)审核确认（\(p.confirmedByName ?? "")）" } ?? "待市人社局审核确认")
            },
            publicityWorkingDays: try CommitteeData.integer(req, "resultPublicityWorkingDays"),
            cases: cases.map { c in
                ResultsPage.Case(id: c.id!, applicant: c.application.applicant.realName, kind: c.kindLabel,
                                 received: c.received, content: c.content, resolution: c.resolution,
                                 resolvedOn: c.resolvedOn)
            },
            applicants: atCommittee.map { Choice(value: $0.id!.uuidString, label: $0.applicant.realName) },
            today: req.today.iso, typed: typed)
    }
}
