import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// 收审安排 (the committee office): the days opened, their bookings with the
/// applications each brings, check-in, and at the counter each application's
/// originals, copies and acceptance or return; after the review, originals handed back.
struct IntakeOfficePage {
    struct Copy {
        var field: String
        var label: String
        var count: Int
    }

    struct Item {
        var id: UUID
        var applicationID: UUID
        var applicant: String
        var unit: String
        var level: String
        var state: String
        var progress: String
        var expected: [Copy]
        /// What the counter recorded (accepted with the copies, or returned with the reason).
        var outcome: String?
        /// Checked in today and not yet taken: the counter's forms are shown.
        var atCounter: Bool
        var originalsReturned: String?
        var canRecordReturn: Bool
    }

    struct Booking {
        var id: UUID
        var organization: String
        var batchSize: Int
        var contact: String
        var checkedIn: String?
        var items: [Item]
    }

    struct Day {
        var date: String
        var capacity: Int
        var note: String
        var bookings: [Booking]
    }

    var chrome: PageChrome
    var csrf: String
    var window: String
    var copies: String
    var juniorNote: String?
    var today: String
    var days: [Day]
    var error: String?
    var typed: [String: String]
    /// The application whose form was refused: its fields show what was typed.
    var typedFor: UUID?

    func render() -> HTML {
        Layout.page(
            chrome,
            .h1(.text("收审安排")),
            .p(.class("hint"), .text("材料收审时间为\(window)；各单位电话预约、专人统一报送，不受理个人报送；报送时核验原件，评审通过后退回（十（三））。每件申报的纸质材料：\(copies)（五）" + (juniorNote.map { "；\($0)" } ?? "") + "。")),
            .p(.a(.href(SiteURL.fees(.list).path), .text("评审费收取情况")), .text(" · "), .a(.href(SiteURL.reviews.path), .text("待收审的申报"))),
            .unwrap(error) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
            .section(
                .class("panel"), .id("open-day"),
                .h2(.text("开放收审日")),
                .form(
                    .method(.post), .action(SiteURL.intake(.days).path), .csrfField(csrf),
                    .textField("day", label: "收审日期", value: typedFor == nil ? typed["day"] ?? "" : "", type: "date", required: true,
                               hint: "须在\(window)之间，且为工作日"),
                    .textField("capacity", label: "可预约批次", value: typedFor == nil ? typed["capacity"] ?? "" : "", type: "number", required: true),
                    .textField("note", label: "备注（地点等）", value: typedFor == nil ? typed["note"] ?? "" : "", maxLength: 100),
                    .submitButton("开放")
                )
            ),
            .section(
                .class("panel"), .id("days"),
                .h2(.text("收审日与预约")),
                .if(days.isEmpty, .p(.class("muted"), .text("尚未开放收审日。"))),
                .forEach(days) { day in
                    .div(
                        .class("intake-day"),
                        .h3(.text("\(day.date)（已预约\(day.bookings.count)/\(day.capacity)批）")),
                        .if(!day.note.isEmpty, .p(.class("muted"), .text(day.note))),
                        .forEach(day.bookings) { booking($0) }
                    )
                }
            )
        )
    }

    private func booking(_ b: Booking) -> Node<HTML.BodyContext> {
        .div(
            .class("intake-booking"), .id("booking-\(b.id.uuidString.lowercased())"),
            .h4(.text("\(b.organization)：\(b.batchSize)件，送件人\(b.contact)")),
            .unwrap(b.checkedIn, { .p(.text("已签到 \($0)")) }, else: .form(
                .method(.post), .action(SiteURL.intake(.checkIn(.value(b.id))).path), .csrfField(csrf),
                .button(.type(.submit), .class("button secondary"), .text("签到（\(b.organization)）"))
            )),
            .div(.class("table-wrap"), .table(
                .class("data"),
                .caption(.text("\(b.organization)报送的申报")),
                .thead(.tr(.th(.text("申报人")), .th(.text("单位")), .th(.text("申报级别")), .th(.text("状态")), .th(.text("收审")))),
                .tbody(.forEach(b.items) { item in
                    .tr(.td(.a(.href(item.progress), .text(item.applicant))), .td(.text(item.unit)), .td(.text(item.level)),
                        .td(.text(item.state)), .td(counter(b, item)))
                })
            ))
        )
    }

    /// The counter's forms for one application; every field id carries the application's id.
    /// The 原件已核验 box of one application at the counter.
    static func originalsField(_ applicationID: UUID) -> String { "originals_" + applicationID.uuidString.lowercased() }

    private func counter(_ b: Booking, _ item: Item) -> Node<HTML.BodyContext> {
        let key = item.applicationID.uuidString.lowercased()
        let mine = typedFor == item.applicationID
        func typedValue(_ name: String) -> String { mine ? typed[name] ?? "" : "" }
        return .group(
            .unwrap(item.outcome) { .p(.text($0)) },
            .unwrap(item.originalsReturned) { .p(.text("原件已于\($0)退回")) },
            .if(item.atCounter, .group(
                .form(
                    .method(.post), .action(SiteURL.intake(.accept(.value(b.id), .value(item.applicationID))).path),
                    .class("intake-accept"), .csrfField(csrf),
                    .checkboxField(Self.originalsField(item.applicationID), label: "\(item.applicant)：原件已核验",
                                   checked: mine && typed[Self.originalsField(item.applicationID)] == "1",
                                   id: "originals-\(key)"),
                    .forEach(item.expected) { copy in
                        .textField(copy.field, label: "收到\(copy.label)（份，应为\(copy.count)份）", value: typedValue(copy.field),
                                   type: "number", required: true, id: "\(copy.field)-\(key)")
                    },
                    .textField("remark", label: "收审意见（可选）", value: typedValue("remark"), maxLength: 200, id: "remark-\(key)"),
                    .button(.type(.submit), .class("button primary"), .text("收审受理（\(item.applicant)）"))
                ),
                .form(
                    .method(.post), .action(SiteURL.intake(.giveBack(.value(b.id), .value(item.applicationID))).path),
                    .class("intake-return"), .csrfField(csrf),
                    .textField("reason", label: "退回理由（\(item.applicant)）", value: typedValue("reason"), required: true,
                               maxLength: 1000, id: "reason-\(key)"),
                    .button(.type(.submit), .class("button secondary"), .text("退回修改（\(item.applicant)）"))
                )
            )),
            .if(!item.atCounter && item.outcome == nil, .p(.class("muted"), .text("待签到后逐件收审（仅限预约当天）"))),
            .if(item.canRecordReturn, .form(
                .method(.post), .action(SiteURL.intake(.originalsReturned(.value(item.id))).path), .csrfField(csrf),
                .textField("returnedOn", label: "原件退回日期（\(item.applicant)）", value: mine ? typed["returnedOn"] ?? today : today,
                           type: "date", required: true, id: "returned-\(key)"),
                .button(.type(.submit), .class("button secondary"), .text("登记原件退回（\(item.applicant)）"))
            ))
        )
    }
}

extension IntakeOfficePage {
    /// The intake window as the page states it, from the year's policy.
    static func window(_ req: Request) -> String {
        let intake = req.policies.current.intake
        return "\(intake.lowerBound.chinese)至\(intake.upperBound.chinese)"
    }

    static func levelLabel(_ code: String) -> String {
        BasicsForm.levels.first { $0.code == code }?.label ?? code
    }

    /// Two queries: the days with their bookings, then the bookings' items with their
    /// applications. `typed`/`typedFor`: the refused form's values and its application.
    static func load(_ req: Request, error: String? = nil, typed: [String: String] = [:],
                     typedFor: UUID? = nil) async throws -> IntakeOfficePage {
        let today = req.today
        let year = req.policies.year
        let all = try await IntakeDay.allWithBookings(on: req.db)
        let itemsByBooking = try await IntakeBookingItem.byBooking(all.flatMap { $0.bookings.compactMap(\.id) }, on: req.db)
        let rows = all.map { day in
            let onTheDay = day.day == today.iso
            return Day(
                date: LocalDate(iso: day.day)?.chinese ?? day.day, capacity: day.capacity, note: day.note,
                bookings: day.bookings.sorted { $0.createdAt ?? .distantPast < $1.createdAt ?? .distantPast }.map { b in
                    let atCounter = b.checkedInAt != nil && onTheDay
                    let items = (itemsByBooking[b.id!] ?? []).sorted { $0.application.applicant.realName < $1.application.applicant.realName }
                    return .init(
                        id: b.id!, organization: b.organization.name, batchSize: b.batchSize,
                        contact: "\(b.contactName) \(b.contactPhone)",
                        checkedIn: b.checkedInAt.map { BeijingTime.text($0) },
                        items: items.map { item in
                            let app = item.application
                            let returnable = item.outcomeValue.map {
                                IntakeRules.originalsReturnable(app.stateValue, returnedAtIntake: $0 == .returned)
                            } ?? false
                            return .init(
                                id: item.id!, applicationID: app.id!, applicant: app.applicant.realName, unit: app.unit.name,
                                level: levelLabel(app.targetLevel), state: app.stateValue.label,
                                progress: DeclarationURL(id: app.id!).progress,
                                expected: IntakeRules.copiesExpected(level: app.level, year: year)
                                    .map { .init(field: "copies_\($0.0.rawValue)", label: $0.0.label, count: $0.1) },
                                outcome: outcomeText(item),
                                atCounter: atCounter && item.outcome == nil && item.openApplicationID != nil,
                                originalsReturned: item.originalsReturnedOn.map { LocalDate(iso: $0)?.chinese ?? $0 },
                                canRecordReturn: returnable && item.originalsReturnedOn == nil)
                        })
                })
        }
        return IntakeOfficePage(
            chrome: PageChrome(req: req, title: "收审安排"), csrf: try await req.csrfToken(), window: window(req),
            copies: IntakeRules.copiesExpected(level: .engineer, year: year).map { "\($0.0.label)\($0.1)份" }.joined(separator: "、"),
            juniorNote: IntakeRules.copiesExpected(level: .technician, year: year).contains { $0.0 == .submittedPaper }
                ? nil : "助理工程师、技术员不参加答辩，不报送送审论文",
            today: today.iso, days: rows, error: error, typed: typed, typedFor: typedFor)
    }

    /// What the counter recorded for an item, in words.
    static func outcomeText(_ item: IntakeBookingItem) -> String? {
        guard let outcome = item.outcomeValue else { return nil }
        let when = item.receivedAt.map { BeijingTime.text($0) } ?? ""
        switch outcome {
        case .accepted:
            let copies = [(IntakeRules.CopyKind.evaluationForm, item.evaluationFormCopies), (.reviewForm, item.reviewFormCopies),
                          (.submittedPaper, item.submittedPaperCopies)]
                .compactMap { kind, n in n.map { "\(kind.label)\($0)份" } }.joined(separator: "、")
            return "已受理（\(when)）：原件已核验；收到\(copies)"
        case .returned:
            return "已退回（\(when)）：\(item.remark ?? "")"
        }
    }
}
