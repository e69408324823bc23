import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
@testable import Domain

/// Notices that reach every body (issue 17 item 6): an application reaching a
/// body's queue writes an in-app notice for that body's accounts and the outbox
/// rows a gateway drains; a return tells the applicant; nobody else hears.
@Suite(.serialized) struct NotificationOutboxTests: WorkflowTestCase {
    /// Every demo account of a body or a person that could wrongly be told.
    static let everyone = ["applicant1", "applicant2", "unit1", "unit2", "unit3", "dept1", "county1", "countyhr1",
                           "county2", "countyhr2", "agency1", "cityhr", "office"]

    func account(_ app: Application, _ username: String) async throws -> UserAccount {
        try #require(try await UserAccount.query(on: app.db).filter(\.$username == username).first())
    }

    func notices(_ app: Application, _ username: String) async throws -> [UserNotification] {
        let user = try await account(app, username)
        return try await UserNotification.query(on: app.db).filter(\.$user.$id == user.id!).all()
    }

    func outbox(_ app: Application, _ notice: UserNotification) async throws -> [NotificationOutboxItem] {
        try await NotificationOutboxItem.query(on: app.db).filter(\.$notification.$id == notice.id!).sort(\.$channel).all()
    }

    /// How many notices each account holds now.
    func counts(_ app: Application) async throws -> [String: Int] {
        var out: [String: Int] = [:]
        for user in Self.everyone { out[user] = try await notices(app, user).count }
        return out
    }

    /// The rows of one notice: in-app sent on writing, SMS pending for the gateway.
    func expectOutbox(_ app: Application, _ notice: UserNotification) async throws {
        let rows = try await outbox(app, notice)
        #expect(rows.map(\.channel) == [NotificationChannel.inApp.rawValue, NotificationChannel.sms.rawValue])
        let inApp = try #require(rows.first), sms = try #require(rows.last)
        #expect(inApp.status == OutboxStatus.sent.rawValue && inApp.attempts == 1 && inApp.sentAt == notice.createdAt)
        #expect(sms.status == OutboxStatus.pending.rawValue && sms.attempts == 0 && sms.sentAt == nil)
        #expect(rows.allSatisfy { $0.$user.id == notice.$user.id && $0.createdAt == notice.createdAt })
    }

    @Test func reachingABodysQueueNotifiesItsAccountsAndNobodyElse() async throws {
        try await withTestApp { app in
            app.clock = .fixed(day("2022-07-04"))
            let id = try await submitted(app)
            // Submitted: the unit's clerk is told it waits in the unit's queue, with its outbox rows.
            let unitNotices = try await notices(app, "unit1")
            #expect(unitNotices.count == 1)
            let arrived = try #require(unitNotices.first)
            #expect(arrived.message.hasPrefix("待办：张伟的申报（工程师，机械工程）已报送到本机构（用人单位评议推荐）"))
            #expect(arrived.$application.id == id)
            try await expectOutbox(app, arrived)
            // Nobody else: not the applicant who submitted, not a body the application has not reached.
            var before = try await counts(app)
            #expect(before.filter { $0.key != "unit1" }.values.allSatisfy { $0 == 0 }, "\(before)")

            // At the department (set-up), its approval moves it to the city's queue.
            try await place(app, id, at: .departmentReview, reached: 1)
            var dept = Browser(app)
            try await dept.login("dept1")
            try await dept.get(DeclarationURL(id: id).progress)
            #expect(try await dept.post(DeclarationURL(id: id).fire(.approve)).status == .seeOther)
            let city = try await notices(app, "cityhr")
            #expect(city.count == 1)
            let cityNotice = try #require(city.first)
            #expect(cityNotice.message.hasPrefix("待办：张伟的申报（工程师，机械工程）已报送到本机构（市人社局审核），当前状态为“待市人社局审核”"))
            try await expectOutbox(app, cityNotice)
            let mine = try await notices(app, "applicant1")
            #expect(mine.count == 1 && mine.first?.message.hasPrefix("您的申报：长治市水务局审核通过，当前状态为“待市人社局审核”") == true)
            // The notice and its rows are the transition's: written at its moment.
            let event = try #require(try await WorkflowEvent.query(on: app.db).filter(\.$transition == ApplicationTransition.approve.rawValue).first())
            #expect(cityNotice.createdAt == event.occurredAt)
            // The city's page shows it.
            var cityHR = Browser(app)
            try await cityHR.login("cityhr")
            let page = try await cityHR.get("/notifications")
            #expect(page.status == .ok && page.text.contains("待办：张伟的申报"))

            // Nobody else heard: the approving department, the unit, the office, the counties, the agency.
            let after = try await counts(app)
            before["cityhr"] = 1; before["applicant1"] = 1
            #expect(after == before, "\(after)")
            // A refused transition (approved twice) writes no notice.
            #expect(try await dept.post(DeclarationURL(id: id).fire(.approve)).status == .unprocessableEntity)
            #expect(try await counts(app) == after)
        }
    }

    @Test func aReturnTellsTheApplicantAndTheResubmissionReachesTheUnitAgain() async throws {
        try await withTestApp { app in
            app.clock = .fixed(day("2022-07-04"))
            let id = try await submitted(app)
            let url = DeclarationURL(id: id)
            var unit = Browser(app)
            try await unit.login("unit1")
            try await unit.get(url.progress)
            #expect(try await unit.post(url.fire(.unitAccept)).status == .seeOther)
            // Taking it up is no arrival: the unit already had it.
            #expect(try await notices(app, "unit1").count == 1)
            let before = try await counts(app)
            try await unit.get(url.progress)
            #expect(try await unit.post(url.fire(.returnForCorrection), ["reason": "请补充继续教育证书"]).status == .seeOther)
            let mine = try await notices(app, "applicant1").sorted { $0.message < $1.message }
            #expect(mine.count == before["applicant1"]! + 1)
            let returned = try #require(mine.first { $0.message.contains("退回修改") })
            #expect(returned.message.contains("当前状态为“已退回修改”") && returned.message.contains("请补充继续教育证书"))
            try await expectOutbox(app, returned)
            // Nobody else: the clerk who returned it, the bodies above it.
            var expected = before
            expected["applicant1"]! += 1
            #expect(try await counts(app) == expected)

            // Corrected and resubmitted: the unit is told it came back.
            var applicant = Browser(app)
            try await applicant.login("applicant1")
            try await applicant.get(url.commitment)
            try await applicant.post(url.commitment, ["agree": "1"])
            #expect(try await applicant.post(url.submit, ["acknowledgeIneligible": "1"]).status == .seeOther)
            let again = try await notices(app, "unit1")
            #expect(again.count == 2)
            #expect(again.contains { $0.message.hasPrefix("待办：张伟的申报（工程师，机械工程）经退回修改后再次报送到本机构（用人单位评议推荐）") })
            expected["unit1"]! += 1
            #expect(try await counts(app) == expected)
        }
    }
}
