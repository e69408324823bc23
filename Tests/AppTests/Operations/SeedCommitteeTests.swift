import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
@testable import Domain

/// `title-review seed` carries the accepted applications through the committee stage for
/// all three levels (issue 16 item 8; cli.md "A seeded year", "The passed list"): the
/// office's platform.json lists certificates of every level, each verifying publicly, a
/// revoked one says 已撤销; each level's states are the ones its path allows; every number
/// recomputes from the stored raw data by the pages' own rules; and the consistency check
/// and the audit chain still pass.
@Suite(.serialized) struct SeedCommitteeTests {
    static let password = "Seed#pass2022"

    func seed(_ app: Application, applications: Int = 300) async throws -> Seeder.Summary {
        let hash = try Bcrypt.hash(Self.password, cost: 4)
        return try await Seeder.run(on: app.db, applications: applications, policy: app.policies.current, calendar: app.workingDays,
                                    passwordHash: hash)
    }

    @Test func aSeededYearListsCertificatesOfEveryLevelEachVerifyingPublicly() async throws {
        try await withTestApp(demo: false) { app in
            let summary = try await seed(app)
            #expect(summary.certificates > 0 && summary.revoked > 0)

            var office = Browser(app)
            try await office.login("seed-office", Self.password)
            let response = try await office.get("/committee/exports/platform.json")
            #expect(response.status == .ok)
            let file = try JSONDecoder().decode(PlatformPassedList.self, from: Data(response.body.readableBytesView))
            #expect(file.count == file.records.count)
            #expect(Set(file.records.map(\.level)) == ["engineer", "assistant_engineer", "technician"])
            // Each record names the committee that passed it (四（三）): the 中级评委会 for engineers,
            // the 初级评委会 for assistant engineers and technicians.
            let named = try await ReviewCommitteeRecord.query(on: app.db).all()
            let intermediate = try #require(named.first { $0.tierValue == .intermediate }).name
            let junior = try #require(named.first { $0.tierValue == .junior }).name
            #expect(intermediate != junior)
            for r in file.records {
                #expect(r.committee == (r.level == "engineer" ? intermediate : junior), "\(r.name) \(r.level): \(r.committee)")
            }
            // Exactly the certificates issued and not revoked.
            let certificates = try await CertificateRecord.query(on: app.db).with(\.$application).all()
            let standing = certificates.filter { $0.revokedOn == nil }
            #expect(file.records.map(\.verificationCode).sorted() == standing.map(\.code).sorted())
            #expect(certificates.count == summary.certificates && certificates.count - standing.count == summary.revoked)

            // Each code opens /verify/CODE signed out, with the holder's name and no 已撤销.
            var visitor = Browser(app)
            for r in file.records {
                let page = try await visitor.get("/verify/\(r.verificationCode)")
                #expect(page.status == .ok)
                #expect(page.body.string.contains(r.name) && !page.body.string.contains("已撤销"))
            }
            // A revoked certificate's code answers 已撤销, and its holder is on no list.
            let revoked = certificates.filter { $0.revokedOn != nil }
            #expect(!revoked.isEmpty)
            for c in revoked {
                let page = try await visitor.get("/verify/\(c.code)")
                #expect(page.status == .ok && page.body.string.contains("已撤销") && page.body.string.contains(c.holderName))
                #expect(!file.records.contains { $0.verificationCode == c.code })
                #expect(c.application.stateValue == .cancelled)
                let record = try #require(try await IntegrityRecord.query(on: app.db).filter(\.$applicationID == c.$application.id).first())
                let years = app.policies.current.parameter("integrityRecordYears")?.value
                #expect(years == .integer(3) && record.years == 3)
                #expect(record.ends == IntegrityRecord.lastDay(from: LocalDate(iso: record.starts)!, years: 3).iso)
            }
            // Certificates name the issuing committee of their level.
            let committees = try await ReviewCommitteeRecord.query(on: app.db).all()
            for c in certificates {
                let tier = CommitteeTier.of(c.application.level)
                #expect(c.committee == committees.first { $0.tierValue == tier }?.name)
            }
        }
    }

    @Test func eachLevelEndsInTheStatesItsPathAllowsByThePagesRules() async throws {
        try await withTestApp(demo: false) { app in
            let summary = try await seed(app)
            let policy = app.policies.current
            let apps = try await ApplicationRecord.query(on: app.db).all()
            var counts: [TargetLevel: [ApplicationState: Int]] = [:]
            for a in apps { counts[a.level, default: [:]][a.stateValue, default: 0] += 1 }
            let certificates = try await CertificateRecord.query(on: app.db).with(\.$application).all()
            for level in [TargetLevel.engineer, .assistantEngineer, .technician] {
                let c = counts[level] ?? [:]
                let issued = certificates.filter { $0.application.level == level }
                // Every level reaches certificates; juniors never defend, engineers never go by referral.
                #expect((c[.certified] ?? 0) > 0, "\(level)")
                #expect(issued.filter { $0.revokedOn == nil }.count == c[.certified] ?? 0)
                #expect(c[.passed] == nil && c[.defended] == nil && c[.scheduled] == nil && c[.awaitingVote] == nil)
                // Engineers may be eliminated (差) — the grading below checks each one; small
                // panels give no 差 by the quota's rounding, so none need be.
                if level != .engineer {
                    #expect(c[.eliminated] == nil)
                    let events = try await WorkflowEvent.query(on: app.db).filter(\.$transition == ApplicationTransition.scheduleDefense.rawValue).all()
                    let juniors = Set(apps.filter { $0.level == level }.map(\.id!))
                    #expect(!events.contains { juniors.contains($0.$application.id) })
                }
            }
            #expect(summary.byState.values.allSatisfy { $0 >= 0 })
            #expect(Dictionary(grouping: apps, by: \.state).mapValues(\.count) == summary.byState.filter { $0.value > 0 })

            // Panels: closed, 5 members, and the recorded outcomes are DefenseGrading's from the raw scores.
            let rules = try DefenseRules(policy: policy)
            let panels = try await DefensePanel.query(on: app.db).all()
            #expect(!panels.isEmpty && panels.allSatisfy(\.isClosed))
            for p in panels {
                let snap = try await PanelSnapshot.load(p, on: app.db)
                #expect(snap.activeMembers.count == 5)
                let graded = snap.graded(rules: rules)
                for slot in snap.slots {
                    let r = try #require(graded.applicant(slot.$application.id.uuidString))
                    let state = slot.application.stateValue
                    #expect(r.eliminated == (state == .eliminated), "\(p.specialty) \(slot.startsAt)")
                }
            }
            // Quantitative points within the year's table.
            let table = try QuantitativeTable(policy: policy)
            for p in try await QuantitativePoints.query(on: app.db).all() {
                #expect(table.problem(QuantitativeKind(rawValue: p.kind)!, points: Tenths(p.points)) == nil)
            }
            // Committees valid; every vote decided by CommitteeVote from its tally; publicities on the calendar.
            let committeeRules = try CommitteeRules(policy: policy)
            for c in try await ReviewCommitteeRecord.query(on: app.db).all() {
                let roles = try await ReviewCommitteeMember.query(on: app.db).filter(\.$committee.$id == c.id!).all().map(\.roleValue)
                #expect(committeeRules.problems(roles: roles).isEmpty)
            }
            let byID = Dictionary(apps.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
            let votes = try await WorkflowEvent.query(on: app.db).filter(\.$transition == ApplicationTransition.recordVote.rawValue).all()
            let meetings = try await CommitteeMeeting.query(on: app.db).all()
            #expect(!meetings.isEmpty && meetings.allSatisfy { $0.isClosed && $0.votingStarted && $0.heldOn.hasPrefix("\(policy.applicationDate.year)-") })
            for m in meetings {
                let snap = try await MeetingSnapshot.load(m, on: app.db, rules: committeeRules)
                let levels = snap.levels
                for a in snap.applicants {
                    #expect(levels.contains(a.level))
                    let decision = snap.decision(a.id!)
                    let vote = try #require(votes.first { $0.$application.id == a.id! })
                    #expect(vote.toState == (decision.outcome == .passed ? "passed" : "failed") && vote.opinion == decision.explanation)
                    #expect(snap.voted(a.id!) == snap.count(a.id!).voters)
                }
            }
            let days = 5
            #expect(policy.parameter("resultPublicityWorkingDays")?.value == .integer(days))
            for p in try await ResultPublicity.query(on: app.db).all() {
                let start = try #require(LocalDate(iso: p.starts))
                #expect(p.ends == (try app.workingDays.publicityEnd(start: start, workingDays: days)).iso)
                let confirmed = try #require(p.confirmedOn.flatMap { LocalDate(iso: $0) })
                #expect(confirmed > LocalDate(iso: p.ends)!)
                for id in p.applicationIDs {
                    let cert = try #require(try await CertificateRecord.query(on: app.db).filter(\.$application.$id == id).first())
                    #expect(cert.issuedOn >= confirmed.iso)
                    #expect([.certified, .cancelled].contains(byID[id]!.stateValue))
                }
            }

            // The consistency check finds every state with its event and audit record
            // (seeded file records have no file: that is the only kind it reports), and the chain holds.
            let report = try await ConsistencyCheck.run(on: app.db, filesPath: app.config.filesPath, filesAtRest: true)
            #expect(report.problems.filter { $0.kind != .fileMissing }.map(\.text) == [])
            guard case .intact = try await AuditLog.verify(on: app.db) else {
                Issue.record("audit chain broken")
                return
            }
        }
    }
}
