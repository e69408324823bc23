import Domain
import Fluent
import Foundation
import Testing
import Vapor
@testable import App

/// The committee office's results and rankings pages, now built by page-model
/// builders (issue 8, item 4): the rows come from the records, the links from
/// `SiteURL`.
@Suite(.serialized) struct CommitteePageModelTests {
    @Test("结果公示与证书 lists the passed applicant with the certificate's number, its link and code (十)")
    func resultsPage() async throws {
        try await withTestApp { app in
            app.clock = .fixed(LocalDate(iso: "2022-08-15")!.beijingMorning)
            let now = app.clock.now()
            try await app.transaction { db in
                try await DemoCommittee.create(on: db, policy: app.policies.current, calendar: app.workingDays, now: now)
            }
            let cert = try #require(try await CertificateRecord.query(on: app.db).first())
            let holder = try #require(try await ApplicationRecord.query(on: app.db).filter(\.$id == cert.$application.id)
                .with(\.$applicant).first())

            let model = try await ResultsPage.load(Request(application: app, on: app.eventLoopGroup.next()))
            let row = try #require(model.passed.first { $0.applicant == holder.applicant.realName })
            #expect(row.certificate?.id == cert.id && row.certificate?.number == cert.number && row.code == cert.code)
            #expect(model.publicityWorkingDays > 0)

            var office = Browser(app)
            try await office.login("office")
            let page = try await office.get("/committee/results")
            #expect(page.status == .ok)
            #expect(page.text.contains(#"href="/committee/certificates/\#(cert.id!.uuidString)""#))
            #expect(page.text.contains(cert.number) && page.text.contains(holder.applicant.realName))
            #expect(try await office.get("/committee/rankings").status == .ok)
        }
    }

    @Test("评审组与答辩安排 counts who defends before each panel from the slots (九)")
    func panelsPage() async throws {
        try await withTestApp { app in
            app.clock = .fixed(LocalDate(iso: "2022-08-15")!.beijingMorning)
            let now = app.clock.now()
            try await app.transaction { db in
                try await DemoCommittee.create(on: db, policy: app.policies.current, calendar: app.workingDays, now: now)
            }
            let panels = try await DefensePanel.query(on: app.db).all()
            #expect(!panels.isEmpty)
            let model = try await PanelsPage.load(Request(application: app, on: app.eventLoopGroup.next()))
            #expect(model.panels.count == panels.count)
            var total = 0
            for panel in panels {
                let slots = try await DefenseSlot.query(on: app.db).filter(\.$panel.$id == panel.id!).count()
                total += slots
                #expect(model.panels.first { $0.id == panel.id }?.defending == slots, "\(panel.specialty)")
            }
            #expect(total > 0)

            var office = Browser(app)
            try await office.login("office")
            let page = try await office.get("/committee/panels")
            #expect(page.status == .ok)
            for panel in panels {
                #expect(page.text.contains(#"href="/committee/panels/\#(panel.id!.uuidString)""#))
            }
        }
    }
}
