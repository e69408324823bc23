import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
@testable import Domain

/// 收审 by appointment (十（三）) and 评审费 (八), over HTTP as the office, units and
/// reporting bodies would use them.
@Suite(.serialized) struct IntakeFeesTests: WorkflowTestCase {
    @Test func officeOpensDaysBodiesBookAndTheBatchIsCheckedIn() async throws {
        try await withTestApp { app in
            app.clock = .fixed(day("2022-07-20"))
            // A batch names its applications: unit1's engineer waits at intake.
            let id = try await submitted(app)
            try await place(app, id, at: .intake, reached: 3)
            var office = Browser(app)
            try await office.login("office")
            try await office.get("/intake")
            // A Saturday, a day after the window, no capacity: each refused with the reason, typed values kept.
            let saturday = try await office.post("/intake/days", ["day": "2022-07-30", "capacity": "2"])
            #expect(saturday.status == .unprocessableEntity)
            #expect(saturday.text.contains("2022年7月30日不是工作日"))
            #expect(saturday.text.contains("value=\"2022-07-30\""))
            let late = try await office.post("/intake/days", ["day": "2022-08-26", "capacity": "2"])
            #expect(late.text.contains("收审日期须在2022年7月25日至2022年8月25日之间"))
            let none = try await office.post("/intake/days", ["day": "2022-07-26", "capacity": "0"])
            #expect(none.status == .unprocessableEntity)
            #expect(try await office.post("/intake/days", ["day": "2022-07-26", "capacity": "1", "note": "市工信局三楼"]).status == .seeOther)

            // Applicants never book (不受理个人报送).
            var applicant = Browser(app)
            try await applicant.login("applicant1")
            #expect(try await applicant.get("/intake/book").status == .forbidden)

            var unit = Browser(app)
            try await unit.login("unit1")
            let page = try await unit.get("/intake/book")
            #expect(page.text.contains("2022年7月26日（余1批）"))
            let dayID = try #require(try await IntakeDay.query(on: app.db).first()?.id)
            let bad = try await unit.post("/intake/book", ["day": dayID.uuidString, "batchSize": "3", "contactName": "刘芳", "contactPhone": "abc"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("联系电话"))
            // 件数 must equal the applications named.
            let mismatch = try await unit.post("/intake/book", ["day": dayID.uuidString, "batchSize": "3", "contactName": "刘芳",
                                                                "contactPhone": "0355-3036241", "app_\(id.uuidString)": "1"])
            #expect(mismatch.status == .unprocessableEntity)
            #expect(mismatch.text.contains("报送件数（3件）与勾选的申报（1件）不一致"))
            #expect(mismatch.text.contains("value=\"刘芳\""))
            #expect(try await unit.post("/intake/book", ["day": dayID.uuidString, "batchSize": "1", "contactName": "刘芳",
                                                         "contactPhone": "0355-3036241", "app_\(id.uuidString)": "1"]).status == .seeOther)
            #expect(try await IntakeBookingItem.query(on: app.db).count() == 1)
            // The day is full now.
            var dept = Browser(app)
            try await dept.login("dept1")
            try await dept.get("/intake/book")
            let full = try await dept.post("/intake/book", ["day": dayID.uuidString, "batchSize": "2", "contactName": "陈丽华",
                                                            "contactPhone": "13903550004"])
            // The department brings none of it: another body's application is not offered, nor taken.
            #expect(full.status == .unprocessableEntity)
            #expect(!full.text.contains("张伟"))
            let foreign = try await dept.post("/intake/book", ["day": dayID.uuidString, "batchSize": "1", "contactName": "陈丽华",
                                                               "contactPhone": "13903550004", "app_\(id.uuidString)": "1"])
            #expect(foreign.status == .unprocessableEntity)
            #expect(foreign.text.contains("不是待收审的、由本机构报送的申报"))

            // Check-in only on the day.
            let booking = try #require(try await IntakeBooking.query(on: app.db).first())
            try await office.get("/intake")
            let early = try await office.post("/intake/bookings/\(booking.id!)/check-in")
            #expect(early.status == .unprocessableEntity)
            #expect(early.text.contains("只能在预约当天签到"))
            app.clock = .fixed(day("2022-07-26"))
            #expect(try await office.post("/intake/bookings/\(booking.id!)/check-in").status == .seeOther)
            let list = try await office.get("/intake")
            #expect(list.text.contains("已签到") && list.text.contains("长治市示例水利勘测设计院"))
        }
    }

    /// 退回 at the counter (十（三）): a reason is required and nothing changes without it; with
    /// it the application goes back, the booking's item is closed as returned, and the one
    /// audit record commits with them.
    @Test func aReturnAtTheCounterNeedsAReasonAndClosesTheItem() async throws {
        try await withTestApp { app in
            app.clock = .fixed(day("2022-07-20"))
            let id = try await submitted(app)
            try await place(app, id, at: .intake, reached: 3)
            let empty = try await acceptAtCounter(app, id, booker: "cityhr", returning: "")
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.text.contains("收审安排"))
            #expect(try await record(app, id).stateValue == .intake)
            let item = try #require(try await IntakeBookingItem.query(on: app.db).filter(\.$application.$id == id).first())
            #expect(item.outcome == nil && item.openApplicationID == id)
            var office = Browser(app)
            try await office.login("office")
            try await office.get("/intake")
            let back = try await office.post("/intake/bookings/\(item.$booking.id)/applications/\(id)/return",
                                             ["reason": "缺少学历证书原件"])
            #expect(back.status == .seeOther)
            #expect(try await record(app, id).stateValue == .returned)
            let closed = try #require(try await IntakeBookingItem.find(item.id, on: app.db))
            #expect(closed.outcome == IntakeBookingItem.Outcome.returned.rawValue && closed.openApplicationID == nil)
            #expect(closed.remark == "缺少学历证书原件" && closed.receivedAt != nil)
            #expect(try await AuditRecord.query(on: app.db).filter(\.$action == "intake.give-back").count() == 1)
        }
    }

    @Test func feesFollowThePolicyAndArePaidOnce() async throws {
        try await withTestApp { app in
            app.clock = .fixed(day("2022-07-20"))
            let id = try await submitted(app)
            // Set up: the route walked up to intake (the review flow test walks it in full).
            try await place(app, id, at: .intake, reached: 3)

            var office = Browser(app)
            try await office.login("office")
            let empty = try await office.get("/fees/export?format=csv")
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.text.contains("尚无收审受理的申报"))
            #expect(try await acceptAtCounter(app, id, booker: "cityhr").status == .seeOther)
            #expect(try await record(app, id).stateValue == .accepted)
            app.clock = .fixed(day("2022-07-25"))

            let fees = try await office.get("/fees")
            #expect(fees.text.contains("中级每人300元"))
            #expect(fees.text.contains("长治市人力资源和社会保障局"))   // the reporting body: the step before intake
            let noReceipt = try await office.post("/fees/\(id)/pay", ["receipt": "", "paidOn": "2022-07-20", "amount": "300"])
            #expect(noReceipt.status == .unprocessableEntity)
            #expect(noReceipt.text.contains("请填写收据号"))
            #expect(try await office.post("/fees/\(id)/pay", ["receipt": "CZ2022-0001", "paidOn": "2022-07-20", "amount": "300"]).status == .seeOther)
            let twice = try await office.post("/fees/\(id)/pay", ["receipt": "CZ2022-0002", "paidOn": "2022-07-20", "amount": "300"])
            #expect(twice.status == .unprocessableEntity)
            #expect(twice.text.contains("已登记"))
            let csv = try await office.get("/fees/export?format=csv")
            let lines = csv.text.components(separatedBy: "\r\n")
            #expect(lines.count >= 2)
            #expect(lines[1] == "1,张伟,工程师,长治市人力资源和社会保障局,300,300,CZ2022-0001,2022-07-20")
            #expect(try await FeePayment.query(on: app.db).count() == 1)

            // Nobody but the office sees the fees.
            var cityHR = Browser(app)
            try await cityHR.login("cityhr")
            #expect(try await cityHR.get("/fees").status == .forbidden)
        }
    }
}
