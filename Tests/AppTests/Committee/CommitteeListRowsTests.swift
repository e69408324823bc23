import Domain
import Fluent
import Foundation
import Testing
import Vapor
@testable import App

/// The committee lists read lean rows with written-out SQL (issue 18, item 1). On a seeded
/// year each list must show exactly the people, names, units, totals and certificates that
/// the application records give by the pages' own rules, on SQLite and PostgreSQL alike.
@Suite(.serialized) struct CommitteeListRowsTests {
    static let password = "Rows#pass2022"

    /// An accepted engineer given a check result and perhaps the office's review, for the
    /// copy-ratio rule (七.1) the waiting list applies.
    struct Waiting {
        var ratios: [Double]
        var error: String? = nil
        var override = false
        var admitted: Bool
    }

    @Test("量化赋分, 结果公示与证书, 评审结果公示 and 评审组与答辩安排 list what the application records give")
    func leanListsMatchTheRecords() async throws {
        try await withTestApp(demo: false) { app in
            _ = try await Seeder.run(on: app.db, applications: 300, policy: app.policies.current, calendar: app.workingDays,
                                     passwordHash: try Bcrypt.hash(Self.password, cost: 4))
            let year = app.policies.year.year
            let last = try #require(try await ResultPublicity.query(on: app.db).all().map(\.ends).max())
            app.clock = .fixed(LocalDate(iso: last)!.beijingMorning)

            // Engineers waiting for a panel, one for each way the copy-ratio rule decides.
            let cases = [Waiting(ratios: [0.05], admitted: true), Waiting(ratios: [0.9], admitted: false),
                         Waiting(ratios: [0.9], override: true, admitted: true), Waiting(ratios: [0], error: "论文无法读取", admitted: false),
                         Waiting(ratios: [], admitted: false), Waiting(ratios: [0.9, 0.05], admitted: true),
                         Waiting(ratios: [0.05, 0.9], admitted: false)]
            let engineers = try await ApplicationRecord.query(on: app.db).filter(\.$year == year)
                .filter(\.$targetLevel == TargetLevel.engineer.jsonName).filter(\.$state == ApplicationState.intake.rawValue)
                .with(\.$applicant).range(0..<cases.count).all()
            try #require(engineers.count == cases.count)
            let job = SimilarityJob(year: year, requestedAt: app.clock.now(), requestedBy: nil)
            try await job.create(on: app.db)
            for (app_, c) in zip(engineers, cases) {
                app_.state = ApplicationState.accepted.rawValue
                try await app_.save(on: app.db)
                for (i, ratio) in c.ratios.enumerated() {
                    // Each check of the same application belongs to its own job.
                    let own = i == 0 ? job : SimilarityJob(year: year, requestedAt: app.clock.now(), requestedBy: nil)
                    if i > 0 { try await own.create(on: app.db) }
                    try await SimilarityResult(jobID: own.id!, applicationID: app_.id!, paperTextID: nil, characters: 1000,
                                               covered: Int(ratio * 1000), ratio: ratio, sources: [], error: c.error,
                                               checkedAt: app.clock.now().addingTimeInterval(Double(i) * 60)).create(on: app.db)
                }
                if c.override {
                    let review = SimilarityReview(applicationID: app_.id!)
                    review.decision = DefenseAdmission.Decision.override.rawValue
                    review.reason = "外部检测报告复核未超限"
                    try await review.create(on: app.db)
                }
            }
            let req = Request(application: app, on: app.eventLoopGroup.next())

            // 评审组与答辩安排: exactly the engineers the record-based rule admits.
            let panels = try await PanelsPage.load(req)
            let admitted = try await PanelsController.waiting(app.db, year: year, copyRule: CopyRatioRule(app.policies.year))
            let shownWaiting: [String] = panels.waiting.map(\.applicant).sorted()
            let recordWaiting: [String] = admitted.map(\.applicant.realName).sorted()
            #expect(shownWaiting == recordWaiting)
            for (e, c) in zip(engineers, cases) {
                #expect(panels.waiting.contains { $0.applicant == e.applicant.realName } == c.admitted, "\(c)")
            }
            let waitingSpecialties: [String] = panels.waiting.map(\.specialty)
            #expect(waitingSpecialties == waitingSpecialties.sorted())
            let slots = try await DefenseSlot.query(on: app.db).all()
            #expect(panels.panels.map(\.defending).reduce(0, +) == slots.count && !slots.isEmpty)

            // 量化赋分: everyone at the committee stage with the sum of their points.
            let quantitative = try await QuantitativeListPage.load(req, pageSize: 100_000)
            let stage = try await ApplicationRecord.atCommitteeStage(year: year, on: app.db)
            let totals = try await CommitteeData.quantitative(for: stage.map { $0.id! }, on: app.db)
            #expect(!totals.isEmpty && totals.count < stage.count)
            struct QRow: Equatable { var id: UUID; var name, level, specialty: String; var total: Tenths? }
            let shownRows: [QRow] = quantitative.rows.map { QRow(id: $0.id, name: $0.name, level: $0.level, specialty: $0.specialty, total: $0.total) }
            let recordRows: [QRow] = stage.map { QRow(id: $0.id!, name: $0.applicant.realName, level: CommitteeUI.levelLabel($0.targetLevel),
                                                     specialty: $0.specialty, total: totals[$0.id!]) }
            #expect(shownRows.sorted { $0.id.uuidString < $1.id.uuidString } == recordRows.sorted { $0.id.uuidString < $1.id.uuidString })
            let order = stage.map { ($0.id!, "\($0.targetLevel)|\($0.specialty)") }
            let key = Dictionary(uniqueKeysWithValues: order)
            let shownOrder: [String] = quantitative.rows.map { key[$0.id]! }
            #expect(shownOrder == shownOrder.sorted())

            // 结果公示与证书: the passed and certified with their certificates, and the year's cases.
            let results = try await ResultsPage.load(req, pageSize: 100_000)
            let passed = try await ApplicationRecord.query(on: app.db).filter(\.$year == year)
                .filter(\.$state ~~ [ApplicationState.passed.rawValue, ApplicationState.certified.rawValue])
                .with(\.$applicant).with(\.$unit).all()
            let certificates = try await CertificateRecord.query(on: app.db).all()
            struct PRow: Equatable { var name, unit, specialty, state: String; var number, code: String? }
            func sorted(_ rows: [PRow]) -> [PRow] { rows.sorted { ($0.name, $0.unit, $0.number ?? "") < ($1.name, $1.unit, $1.number ?? "") } }
            let shownPassed: [PRow] = results.passed.map { PRow(name: $0.applicant, unit: $0.unit, specialty: $0.specialty, state: $0.state,
                                                                number: $0.certificate?.number, code: $0.code) }
            let recordPassed: [PRow] = passed.map { a in
                let c = certificates.first { $0.$application.id == a.id }
                return PRow(name: a.applicant.realName, unit: a.unit.name, specialty: a.specialty, state: a.stateValue.label,
                            number: c?.number, code: c?.code)
            }
            #expect(sorted(shownPassed) == sorted(recordPassed))
            let passedSpecialties: [String] = results.passed.map(\.specialty)
            #expect(results.passed.contains { $0.certificate != nil })
            #expect(passedSpecialties == passedSpecialties.sorted())
            let cases_ = try await ResultCase.query(on: app.db).with(\.$application) { $0.with(\.$applicant) }.all()
                .filter { $0.application.year == year }
            #expect(!cases_.isEmpty)
            let shownCases: [String] = results.cases.map(\.id.uuidString).sorted()
            let recordCases: [String] = cases_.map { $0.id!.uuidString }.sorted()
            #expect(shownCases == recordCases)
            for c in cases_ {
                let row = try #require(results.cases.first { $0.id == c.id })
                #expect(row.applicant == c.application.applicant.realName && row.kind == c.kindLabel)
                #expect(row.content == c.content && row.resolution == c.resolution && row.resolvedOn == c.resolvedOn)
            }

            // 评审结果公示: per publicity, everyone listed who still holds the result, never the withdrawn:
            // also a certificate revoked without its application being cancelled (a record written any
            // other way, `ResultRules.isRevoked`).
            let standing = try #require(try await CertificateRecord.query(on: app.db).filter(\.$revokedOn == nil).with(\.$application).all()
                .first { $0.application.stateValue == .certified })
            standing.revokedOn = last
            standing.revokedReason = "测试：仅撤销证书"
            try await standing.save(on: app.db)
            let publicPage = try await PublicResultsPage.load(req, pageSize: 100_000)
            let publicities = try await ResultPublicity.query(on: app.db).filter(\.$year == year).sort(\.$starts).all()
            let listed = Array(Set(publicities.flatMap(\.applicationIDs)))
            let withdrawn = try await ResultRules.withdrawn(listed, on: app.db)
            #expect(!withdrawn.isEmpty)
            let holding = try await ApplicationRecord.query(on: app.db).filter(\.$id ~~ listed)
                .filter(\.$state ~~ [ApplicationState.passed.rawValue, ApplicationState.certified.rawValue])
                .with(\.$applicant).with(\.$unit).all().filter { !withdrawn.contains($0.id!) }
            let expected: [[String]] = publicities.map { p in
                holding.filter { p.applicationIDs.contains($0.id!) }
                    .map { "\($0.applicant.realName)|\($0.unit.name)|\(CommitteeUI.levelLabel($0.targetLevel))|\($0.specialty)" }.sorted()
            }.filter { !$0.isEmpty }
            let shownPublic: [[String]] = publicPage.publicities.map { $0.people.map { "\($0.name)|\($0.unit)|\($0.level)|\($0.specialty)" }.sorted() }
            #expect(shownPublic == expected)
            let holder = try await standing.application.$applicant.get(on: app.db).realName
            let unit = try await standing.application.$unit.get(on: app.db).name
            #expect(withdrawn.contains(standing.$application.id) && listed.contains(standing.$application.id))
            #expect(!publicPage.publicities.contains { $0.people.contains { $0.name == holder && $0.unit == unit } })
            #expect(!expected.isEmpty)
        }
    }
}
