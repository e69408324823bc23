import Domain
import Fluent
import Vapor

/// 工作日历: the years the working-day calendar holds, with their State Council
/// notices, and the form where the committee office adds next year's schedule when
/// it is published — no release needed. The calendar never guesses a year it lacks.
struct CalendarAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.calendar, use: show).requires(.manageCalendar).cachesPage()
        routes.post(.calendar, use: add).requires(.manageCalendar)
    }

    /// Adds the schedules the office stored to the bundled calendar (at start).
    static func loadStored(into app: Application) async throws {
        var calendar = app.workingDays
        for record in try await HolidayScheduleRecord.query(on: app.db).sort(\.$year).all() {
            for schedule in try WorkingDayCalendar.decode(json: Array(record.json.utf8)) {
                calendar = calendar.adding(schedule)
            }
        }
        app.workingDays = calendar
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await page(req, error: nil, typed: "", status: .ok)
    }

    private func page(_ req: Request, error: String?, typed: String, status: HTTPResponseStatus) async throws -> Response {
        try await CalendarAdminPage.load(req, error: error, typed: typed).render().response(status: status)
    }

    @Sendable func add(req: Request) async throws -> Response {
        let text = ((try? req.content.get(String.self, at: "json")) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.utf8.count <= 64 * 1024 else {
            return try await page(req, error: "请粘贴节假日安排（JSON，不超过64KB）", typed: text, status: .unprocessableEntity)
        }
        let schedules: [HolidaySchedule]
        do { schedules = try WorkingDayCalendar.decode(json: Array(text.utf8)) } catch {
            return try await page(req, error: "无法读取：\(error)", typed: text, status: .unprocessableEntity)
        }
        guard schedules.count == 1, let schedule = schedules.first else {
            return try await page(req, error: "每次添加一年的安排", typed: text, status: .unprocessableEntity)
        }
        if try await HolidayScheduleRecord.query(on: req.db).filter(\.$year == schedule.year).first() != nil {
            return try await page(req, error: "\(schedule.year)年的安排已添加", typed: text, status: .unprocessableEntity)
        }
        let json = String(decoding: WorkingDayCalendar.encode([schedule]), as: UTF8.self)
        let record = HolidayScheduleRecord(year: schedule.year, source: schedule.source, json: json, createdBy: req.currentUser?.id)
        let entry = req.auditEntry("calendar.add", detail: "\(schedule.year) \(schedule.source)")
        try await req.transaction { db in
            try await record.create(on: db)
            try await AuditLog.append(entry, on: db)
        }
        req.application.workingDays = req.workingDays.adding(schedule)
        req.application.pageCache?.rulesChanged() // pages counted on the old calendar go
        return req.redirect(to: SiteURL.calendar.path(query: ["notice": "saved"]))
    }
}
