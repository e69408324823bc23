import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// 预约收审 (units and reporting bodies): open days with places left, the
/// applications waiting at intake that this body brings, and its bookings.
struct IntakeBookingPage {
    struct OpenDay {
        var id: String
        var date: String
        var remaining: Int
        var note: String
    }

    struct Mine {
        var id: UUID
        var date: String
        var batchSize: Int
        var contact: String
        var checkedIn: Bool
        var cancellable: Bool
        var applications: [String]
    }

    /// An application this body may bring; `heldOn` names the day of the open booking holding it.
    struct Candidate {
        var id: UUID
        var applicant: String
        var unit: String
        var level: String
        var heldOn: String?
    }

    var chrome: PageChrome
    var csrf: String
    var window: String
    var openDays: [OpenDay]
    var mine: [Mine]
    var candidates: [Candidate]
    var error: String?
    var typed: [String: String]

    private func candidate(_ c: Candidate) -> Node<HTML.FormContext> {
        let name = "app_" + c.id.uuidString
        let label = c.applicant + "（" + c.unit + "，" + c.level + "）"
        return .checkboxField(name, label: label, checked: typed[name] == "1", id: "app-" + c.id.uuidString.lowercased())
    }

    private func mineLine(_ m: Mine) -> Node<HTML.ListContext> {
        let text = m.date + "：" + String(m.batchSize) + "件（" + m.applications.joined(separator: "、") + "），送件人" + m.contact
            + (m.checkedIn ? "（已签到）" : "")
        let cancel: Node<HTML.BodyContext> = .form(
            .method(.post), .action(SiteURL.intake(.cancel(.value(m.id))).path), .class("inline-form"), .csrfField(csrf),
            .button(.type(.submit), .class("button secondary"), .text("取消" + m.date + "的预约")))
        return .li(.text(text), .if(m.cancellable, cancel))
    }

    private func bookingForm(_ free: [Candidate]) -> Node<HTML.BodyContext> {
        let days = openDays.map { d in
            Choice(value: d.id, label: d.date + "（余" + String(d.remaining) + "批）" + (d.note.isEmpty ? "" : " " + d.note))
        }
        let boxes: [Node<HTML.FormContext>] = free.map(candidate)
        return .form(
            .method(.post), .action(SiteURL.intake(.book).path), .csrfField(csrf),
            .selectField("day", label: "收审日期", choices: days, selected: typed["day"], required: true),
            .fieldset(.id("applications"), .element(named: "legend", text: "本批报送的申报"), .group(boxes)),
            .textField("batchSize", label: "报送件数", value: typed["batchSize"] ?? "", type: "number", required: true,
                       hint: "与上面勾选的申报件数一致"),
            .textField("contactName", label: "送件专人", value: typed["contactName"] ?? "", required: true, maxLength: 30),
            .textField("contactPhone", label: "联系电话", value: typed["contactPhone"] ?? "", type: "tel", required: true, maxLength: 20),
            .submitButton("预约")
        )
    }

    private func heldList() -> Node<HTML.BodyContext> {
        let held = candidates.filter { $0.heldOn != nil }
        let lines: [Node<HTML.ListContext>] = held.map { c in
            .li(.text(c.applicant + "（" + c.unit + "，" + c.level + "）：" + (c.heldOn ?? "")))
        }
        return .if(!held.isEmpty, .group(.h3(.text("已在预约中的申报")), .ul(.group(lines))))
    }

    func render() -> HTML {
        let free = candidates.filter { $0.heldOn == nil }
        let hint = "材料收审时间为" + window + "。由单位或报送部门预约，安排专人统一报送，不受理个人报送；报送时须核验原件（十（三））。预约时勾选本批报送的申报，报送件数须与勾选的件数一致。"
        let mineLines: [Node<HTML.ListContext>] = mine.map(mineLine)
        return Layout.page(
            chrome,
            .h1(.text("预约收审")),
            .p(.class("hint"), .text(hint)),
            .unwrap(error) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
            .section(
                .class("panel"), .id("mine"),
                .h2(.text("本机构的预约")),
                .if(mine.isEmpty, .p(.class("muted"), .text("暂无预约。"))),
                .ul(.group(mineLines))
            ),
            .section(
                .class("panel"), .id("book"),
                .h2(.text("预约收审日")),
                .if(openDays.isEmpty, .p(.class("muted"), .text("暂无可预约的收审日，请等待评委会办公室开放或电话联系。"))),
                .if(free.isEmpty, .p(.class("muted"), .text("本机构暂无待收审、尚未预约的申报。"))),
                .if(!openDays.isEmpty && !free.isEmpty, bookingForm(free)),
                heldList()
            )
        )
    }
}

extension IntakeBookingPage {
    /// Four queries: the days with their bookings, this body's bookings' items, the
    /// applications it may bring, and which of them an open booking already holds.
    static func load(_ req: Request, error: String? = nil, typed: [String: String] = [:]) async throws -> IntakeBookingPage {
        guard let actor = req.actor else { throw PageError.signInRequired(expired: false) }
        let org = actor.organizationID
        let today = req.today
        let all = try await IntakeDay.allWithBookings(on: req.db)
        let open = all.filter { (LocalDate(iso: $0.day) ?? today) >= today && $0.bookings.count < $0.capacity }
        let mine = all.flatMap { day in day.bookings.filter { $0.$organization.id == org }.map { (day, $0) } }
        let itemsByBooking = try await IntakeBookingItem.byBooking(mine.compactMap { $0.1.id }, on: req.db)
        let candidates = try await ApplicationRecord.deliverable(by: actor, on: req.db)
        // Which of them an open booking already holds (and which day), so they are not offered twice.
        let held = candidates.isEmpty ? [] : try await IntakeBookingItem.query(on: req.db)
            .filter(\.$openApplicationID ~~ candidates.compactMap(\.id)).with(\.$booking) { $0.with(\.$intakeDay) }.all()
        var heldOn: [UUID: String] = [:]
        for item in held where (LocalDate(iso: item.booking.intakeDay.day) ?? today) >= today {
            heldOn[item.$application.id] = LocalDate(iso: item.booking.intakeDay.day)?.chinese ?? item.booking.intakeDay.day
        }
        return IntakeBookingPage(
            chrome: PageChrome(req: req, title: "预约收审"), csrf: try await req.csrfToken(), window: IntakeOfficePage.window(req),
            openDays: open.map { .init(id: $0.id!.uuidString, date: LocalDate(iso: $0.day)?.chinese ?? $0.day,
                                       remaining: $0.capacity - $0.bookings.count, note: $0.note) },
            mine: mine.map { day, b in
                .init(id: b.id!, date: LocalDate(iso: day.day)?.chinese ?? day.day, batchSize: b.batchSize,
                      contact: "\(b.contactName) \(b.contactPhone)", checkedIn: b.checkedInAt != nil,
                      cancellable: b.checkedInAt == nil && (LocalDate(iso: day.day) ?? today) >= today,
                      applications: (itemsByBooking[b.id!] ?? []).map { item in
                          let name = item.application.applicant.realName
                          switch item.outcomeValue {
                          case .accepted?: return name + "（已受理）"
                          case .returned?: return name + "（已退回）"
                          case nil: return name
                          }
                      }.sorted())
            },
            candidates: candidates.map { app in
                .init(id: app.id!, applicant: app.applicant.realName, unit: app.unit.name,
                      level: IntakeOfficePage.levelLabel(app.targetLevel), heldOn: heldOn[app.id!])
            },
            error: error, typed: typed)
    }
}
