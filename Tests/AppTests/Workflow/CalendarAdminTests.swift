import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
@testable import Domain

/// The office adds next year's official schedule without a release (issue 9 item 4).
@Suite struct CalendarAdminTests {
    static let year2027 = #"{"year": 2027, "source": "国务院办公厅关于2027年部分节假日安排的通知（测试）", "holidays": [{"name": "元旦", "from": "2027-01-01", "through": "2027-01-03"}, {"name": "春节", "from": "2027-02-05", "through": "2027-02-11"}], "makeUpWorkdays": ["2027-02-13"]}"#

    @Test func officeAddsAYearAndPublicitiesCountOnIt() async throws {
        try await withTestApp { app in
            #expect(throws: CalendarError.missingYear(2027)) { try app.workingDays.isWorkday(LocalDate(iso: "2027-01-04")!) }
            var office = Browser(app)
            try await office.login("office")
            let page = try await office.get("/calendar")
            #expect(page.status == .ok && page.text.contains("国办发明电〔2021〕11号"))
            let broken = try await office.post("/calendar", ["json": #"{"year": 2027, "source": "x", "holidays": [], "makeUpWorkdays": ["2027-02-15"]}"#])
            #expect(broken.status == .unprocessableEntity)
            #expect(broken.text.contains("无法读取"))
            #expect(broken.text.contains("2027-02-15"))   // what was typed is kept
            #expect(try await office.post("/calendar", ["json": Self.year2027]).status == .seeOther)
            // 2027-01-04 is a Monday after 元旦; 2027-02-13 a Saturday make-up day.
            #expect(try app.workingDays.isWorkday(LocalDate(iso: "2027-01-04")!))
            #expect(try app.workingDays.isWorkday(LocalDate(iso: "2027-02-13")!))
            #expect(try !app.workingDays.isWorkday(LocalDate(iso: "2027-02-08")!))
            #expect(try await HolidayScheduleRecord.query(on: app.db).count() == 1)
            let twice = try await office.post("/calendar", ["json": Self.year2027])
            #expect(twice.text.contains("2027年的安排已添加"))
            // Loaded again at the next start.
            app.workingDays = try WorkingDayCalendar.official()
            try await CalendarAdminController.loadStored(into: app)
            #expect(try app.workingDays.isWorkday(LocalDate(iso: "2027-02-13")!))
            // Others may not touch it.
            var unit = Browser(app)
            try await unit.login("unit1")
            #expect(try await unit.get("/calendar").status == .forbidden)
        }
    }
}
