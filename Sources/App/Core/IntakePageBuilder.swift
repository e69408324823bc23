import Domain
import Fluent
import Vapor

/// The queries behind the intake pages (收审安排 for the office, 预约收审 for the
/// bodies that bring materials): days, bookings, the applications each names and
/// the counter's record of them.
struct IntakePageBuilder {
    let req: Request

    private func days() async throws -> [IntakeDay] {
        try await IntakeDay.query(on: req.db).with(\.$bookings) { $0.with(\.$organization) }.sort(\.$day).all()
    }

    private func window() -> String {
        let intake = req.policies.current.intake
        return "\(intake.lowerBound.chinese)至\(intake.upperBound.chinese)"
    }

    private func levelLabel(_ code: String) -> String {
        BasicsForm.levels.first { $0.code == code }?.label ?? code
    }

    /// The items of these bookings with their applications, applicants and units.
    private func items(of bookings: [UUID]) async throws -> [UUID: [IntakeBookingItem]] {
        guard !bookings.isEmpty else { return [:] }
        let items = try await IntakeBookingItem.query(on: req.db).filter(\.$booking.$id ~~ bookings)
            .with(\.$application) { $0.with(\.$applicant).with(\.$unit) }.all()
        return Dictionary(grouping: items, by: { $0.$booking.id })
    }

    /// Applications waiting at intake that `actor` brings (`IntakeRules.delivers`): its
    /// unit's own, or those whose last step before the office is its own.
    func deliverable(_ actor: AccessActor) async throws -> [ApplicationRecord] {
        var query = ApplicationRecord.query(on: req.db).filter(\.$state == ApplicationState.intake.rawValue)
            .with(\.$applicant).with(\.$unit).sort(\.$submittedAt)
        switch actor.role {
        case .unitClerk: query = query.filter(\.$unit.$id == actor.organizationID)
        case .countyHR, .countyBureau: query = query.filter(\.$routeCounty == (actor.organizationDivision ?? "-"))
        default: break
        }
        return try await query.all().filter { app in
            guard let facts = try? app.facts() else { return false }
            return IntakeRules.delivers(actor, facts)
        }
    }

    func office(error: String?, typed: [String: String], typedFor: UUID?) async throws -> IntakeOfficePage {
        let today = req.today
        let year = req.policies.year
        let all = try await days()
        let itemsByBooking = try await items(of: all.flatMap { $0.bookings.compactMap(\.id) })
        let rows = all.map { day in
            let onTheDay = day.day == today.iso
            return IntakeOfficePage.Day(
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
            chrome: PageChrome(req: req, title: "收审安排"), csrf: try await req.csrfToken(), window: window(),
            copies: IntakeRules.copiesExpected(level: .engineer, year: year).map { "\($0.0.label)\($0.1)份" }.joined(separator: "、"),
            juniorNote: IntakeRules.copiesExpected(level: .technician, year: year).contains { $0.0 == .submittedPaper }
                ? nil : "助理工程师、技术员不参加答辩，不报送送审论文",
            today: today.iso, days: rows, error: error, typed: typed, typedFor: typedFor)
    }

    private func outcomeText(_ item: IntakeBookingItem) -> String? {
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

    func booking(error: String?, typed: [String: String]) async throws -> IntakeBookingPage {
        guard let actor = req.actor else { throw PageError.signInRequired(expired: false) }
        let org = actor.organizationID
        let today = req.today
        let all = try await days()
        let open = all.filter { (LocalDate(iso: $0.day) ?? today) >= today && $0.bookings.count < $0.capacity }
        let mine = all.flatMap { day in day.bookings.filter { $0.$organization.id == org }.map { (day, $0) } }
        let itemsByBooking = try await items(of: mine.compactMap { $0.1.id })
        let candidates = try await deliverable(actor)
        // Which of them an open booking already holds (and which day), so they are not offered twice.
        let held = candidates.isEmpty ? [] : try await IntakeBookingItem.query(on: req.db)
            .filter(\.$openApplicationID ~~ candidates.compactMap(\.id)).with(\.$booking) { $0.with(\.$intakeDay) }.all()
        var heldOn: [UUID: String] = [:]
        for item in held where (LocalDate(iso: item.booking.intakeDay.day) ?? today) >= today {
            heldOn[item.$application.id] = LocalDate(iso: item.booking.intakeDay.day)?.chinese ?? item.booking.intakeDay.day
        }
        return IntakeBookingPage(
            chrome: PageChrome(req: req, title: "预约收审"), csrf: try await req.csrfToken(), window: window(),
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
                .init(id: app.id!, applicant: app.applicant.realName, unit: app.unit.name, level: levelLabel(app.targetLevel),
                      heldOn: heldOn[app.id!])
            },
            error: error, typed: typed)
    }
}
