import Plot
import Vapor

/// 工作日历: held years with their notices; the form for next year's schedule.
struct CalendarAdminPage {
    struct Row {
        var year: Int
        var source: String
        var addedHere: Bool
        var holidays: String
        var makeUp: String
    }

    var chrome: PageChrome
    var csrf: String
    var rows: [Row]
    var error: String?
    var typed: String

    func render() -> HTML {
        Layout.page(
            chrome,
            .h1(.text("工作日历")),
            .p(.class("hint"), .text("公示期按国务院办公厅公布的节假日安排计算工作日（含调休上班日）。尚未公布安排的年份不计算、不推测；国务院公布下一年安排后，在此添加。")),
            .unwrap(error) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
            .section(
                .class("panel"), .id("years"),
                .h2(.text("已有的年份")),
                .div(.class("table-wrap"), .table(
                    .class("data"),
                    .thead(.tr(.th(.text("年份")), .th(.text("依据")), .th(.text("放假")), .th(.text("调休上班")))),
                    .tbody(.forEach(rows) { r in
                        .tr(.td(.text("\(r.year)" + (r.addedHere ? "（办公室添加）" : ""))), .td(.text(r.source)),
                            .td(.text(r.holidays)), .td(.text(r.makeUp.isEmpty ? "无" : r.makeUp)))
                    })
                ))
            ),
            .section(
                .class("panel"), .id("add"),
                .h2(.text("添加一年的安排")),
                .form(
                    .method(.post), .action(SiteURL.calendar.path), .csrfField(csrf),
                    .textAreaField("json", label: "节假日安排（JSON）", value: typed, required: true,
                                   hint: #"格式：{"year": 2027, "source": "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕…号）", "holidays": [{"name": "元旦", "from": "2027-01-01", "through": "2027-01-03"}], "makeUpWorkdays": ["2027-01-04"]}"#,
                                   rows: 10),
                    .submitButton("添加")
                )
            )
        )
    }
}

extension CalendarAdminPage {
    /// The years the calendar holds, newest first, marking those the office added here.
    /// `error`/`typed`: a refused schedule comes back with the message and what was pasted.
    static func load(_ req: Request, error: String? = nil, typed: String = "") async throws -> CalendarAdminPage {
        let calendar = req.workingDays
        let stored = try await HolidayScheduleRecord.storedYears(on: req.db)
        let rows = calendar.schedules.sorted { $0.year > $1.year }.map { s in
            Row(year: s.year, source: s.source, addedHere: stored.contains(s.year),
                holidays: s.holidays.map { "\($0.name) \($0.days.lowerBound.chinese)—\($0.days.upperBound.chinese)" }
                    .joined(separator: "；"),
                makeUp: s.makeUpWorkdays.map(\.chinese).joined(separator: "、"))
        }
        return CalendarAdminPage(chrome: PageChrome(req: req, title: "工作日历"), csrf: try await req.csrfToken(),
                                 rows: rows, error: error, typed: typed)
    }
}
