import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
@testable import Domain

/// Shared steps of the workflow tests.
extension WorkflowTestCase {
    func day(_ iso: String) -> Date { LocalDate(iso: iso)!.beijingMorning }

    /// A complete engineer declaration by applicant1 (长治市示例水利勘测设计院, a city-direct
    /// public institution under 市水务局), submitted; returns its id.
    func submitted(_ app: Application) async throws -> UUID {
        var applicant = Browser(app)
        try await applicant.login("applicant1")
        let overview = try await applicant.startDeclaration()
        try await DeclarationFixtures.fillEngineer(&applicant, overview)
        try await DeclarationFixtures.attachFiles(app, overview)
        try await applicant.get("\(overview)/commitment")
        try await applicant.post("\(overview)/commitment", ["agree": "1"])
        // Acknowledges a 暂不符合 self-check, as the submit panel asks (issue 8, item 6).
        let submit = try await applicant.post("\(overview)/submit", ["acknowledgeIneligible": "1"])
        #expect(submit.status == .seeOther)
        return try #require(UUID(uuidString: String(overview.split(separator: "/").last!)))
    }

    /// Test set-up: puts an application at a later step directly (the review flow test
    /// walks every step through the pages).
    func place(_ app: Application, _ id: UUID, at state: ApplicationState, reached: Int) async throws {
        let application = try await record(app, id)
        application.state = state.rawValue
        application.reachedStep = reached
        try await application.update(on: app.db)
    }

    /// 收审受理 as the office does it (十（三）): opens `on` for appointments, `booker` books
    /// a batch naming the application, the office checks it in on the day and accepts it at
    /// the counter with the originals checked and the policy's copies. Moves the test
    /// clock to `on` (a working day inside the intake window). Returns the counter's response.
    @discardableResult
    /// With `returning`, the office returns it at the counter with that reason instead.
    func acceptAtCounter(_ app: Application, _ id: UUID, booker: String, on iso: String = "2022-07-25",
                         returning: String? = nil) async throws -> TestingHTTPResponse {
        app.clock = .fixed(day(iso))
        var office = Browser(app)
        try await office.login("office")
        try await office.get("/intake")
        if try await IntakeDay.query(on: app.db).filter(\.$day == iso).first() == nil {
            #expect(try await office.post("/intake/days", ["day": iso, "capacity": "5"]).status == .seeOther)
        }
        let intakeDay = try #require(try await IntakeDay.query(on: app.db).filter(\.$day == iso).first())
        var body = Browser(app)
        try await body.login(booker)
        try await body.get("/intake/book")
        let booked = try await body.post("/intake/book", ["day": intakeDay.id!.uuidString, "batchSize": "1", "contactName": "送件人",
                                                          "contactPhone": "0355-2020202", "app_\(id.uuidString)": "1"])
        #expect(booked.status == .seeOther, "booking refused: \(booked.text.prefix(300))")
        let item = try #require(try await IntakeBookingItem.query(on: app.db).filter(\.$application.$id == id)
            .filter(\.$openApplicationID == id).first())
        let bookingID = item.$booking.id
        try await office.get("/intake")
        #expect(try await office.post("/intake/bookings/\(bookingID)/check-in").status == .seeOther)
        try await office.get("/intake")
        if let reason = returning {
            return try await office.post("/intake/bookings/\(bookingID)/applications/\(id)/return", ["reason": reason])
        }
        let application = try await record(app, id)
        let year = try ReviewYear(app.policies.current)
        var form = [IntakeOfficePage.originalsField(id): "1"]
        for (kind, count) in IntakeRules.copiesExpected(level: application.level, year: year) { form["copies_\(kind.rawValue)"] = String(count) }
        return try await office.post("/intake/bookings/\(bookingID)/applications/\(id)/accept", form)
    }

    func record(_ app: Application, _ id: UUID) async throws -> ApplicationRecord {
        try #require(try await ApplicationRecord.find(id, on: app.db))
    }

}

/// Test suites of the workflow get the shared steps by conforming.
protocol WorkflowTestCase {}
