import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
import Domain

@Suite struct DemoDataTests {
    @Test func demoCarriesDeclarationsInEveryStateAndLoadsOnce() async throws {
        try await withTestApp(demo: false) { app in
            try await DemoData.load(into: app, quiet: true)
            try await DemoData.load(into: app, quiet: true)
            #expect(try await UserAccount.query(on: app.db).count() == DemoAccounts.usernames.count)
            let records = try await ApplicationRecord.query(on: app.db).with(\.$applicant).all()
            // Every step of every route holds one (issue 9 item 11), beside the drafts and the committee stage.
            let states = Set(records.map(\.stateValue))
            for state in [ApplicationState.draft, .submitted, .unitReview, .agencyReview, .countyHRReview, .countyIndustryReview,
                          .departmentReview, .cityHRFiling, .cityHRReview, .intake, .accepted, .returned] {
                #expect(states.contains(state), "no demo application in \(state)")
            }
            for walk in DemoWorkflow.walks {
                let record = try #require(records.first { $0.applicant.username == walk.username })
                #expect(record.stateValue == walk.target)
                #expect(!(try record.route()).isEmpty)
            }
            let submitted = try #require(records.first { $0.applicant.username == "applicant3" })
            #expect(submitted.stateValue == .submitted)
            let snapshot = try await DeclarationSnapshot.load(submitted, on: app.db, engine: app.policies.engine)
            #expect(snapshot.missing.isEmpty, "\(snapshot.missing)")
            #expect(snapshot.answer.verdict == .eligible, "\(snapshot.answer.failing.map(\.message))")
            // Its files are on disk under generated names, with their hashes.
            // Seven dossier files and a stamped search-result page per paper (三（一）4).
            #expect(snapshot.files.count == 9)
            for file in snapshot.files {
                let path = try #require(FileStore(root: app.config.filesPath, threadPool: app.threadPool)
                    .path(forStorageName: file.storageName))
                #expect(FileManager.default.fileExists(atPath: path))
            }
            // The unit's clerk sees it; the draft of applicant1 stays private.
            var clerk = Browser(app)
            try await clerk.login("unit1")
            let draft = try #require(records.first { $0.applicant.username == "applicant1" })
            #expect(try await clerk.get("/applications/\(draft.id!)").status == .forbidden)
            var office = Browser(app)
            try await office.login("office")
            #expect(try await office.get("/applications/\(submitted.id!)").status == .ok)
            guard case .intact = try await AuditLog.verify(on: app.db) else {
                Issue.record("audit chain broken after loading the demo"); return
            }
        }
    }
}
