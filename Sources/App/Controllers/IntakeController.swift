import Domain
import Fluent
import Vapor

/// 收审 (十（三）): the committee office opens appointment days inside the policy's
/// window; units and reporting bodies book a day for a batch that names the
/// applications it brings (never an applicant); on the day the office checks the
/// batch in and then, application by application, records the originals checked
/// and the copies received and accepts or returns it. After the review the office
/// records the originals handed back.
struct IntakeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.intake(.office), use: office).requires(.manageIntake).cachesPage()
        routes.post(.intake(.days), use: openDay).requires(.manageIntake)
        routes.post(.intake(.checkIn(.pattern)), use: checkIn).requires(.manageIntake)
        routes.post(.intake(.accept(.pattern, .pattern)), use: accept).requires(.manageIntake)
        routes.post(.intake(.giveBack(.pattern, .pattern)), use: giveBack).requires(.manageIntake)
        routes.post(.intake(.originalsReturned(.pattern)), use: originalsReturned).requires(.manageIntake)
        routes.get(.intake(.book), use: bookPage).requires(.bookIntake).cachesPage()
        routes.post(.intake(.book), use: book).requires(.bookIntake)
        routes.post(.intake(.cancel(.pattern)), use: cancel).requires(.bookIntake)
    }

    // MARK: the office

    @Sendable func office(req: Request) async throws -> Response {
        try await IntakeOfficePage.load(req).render().response()
    }

    private func officeRefusal(_ req: Request, _ message: String, typed: [String: String] = [:], typedFor: UUID? = nil) async throws -> Response {
        try await IntakeOfficePage.load(req, error: message, typed: typed, typedFor: typedFor).render().response(status: .unprocessableEntity)
    }

    @Sendable func openDay(req: Request) async throws -> Response {
        let values = (try? req.content.decode([String: String].self)) ?? [:]
        guard let day = values["day"].flatMap({ LocalDate(iso: $0) }) else {
            return try await officeRefusal(req, "请填写有效的收审日期", typed: values)
        }
        guard let capacity = values["capacity"].flatMap({ Int($0) }) else {
            return try await officeRefusal(req, IntakeRules.Refusal.capacity.message, typed: values)
        }
        do {
            try IntakeRules.checkOpening(day, capacity: capacity, window: req.policies.current.intake, today: req.today,
                                         calendar: req.workingDays)
        } catch {
            return try await officeRefusal(req, error.message, typed: values)
        }
        let note = (values["note"] ?? "").trimmingCharacters(in: .whitespaces)
        guard note.count <= 100 else { return try await officeRefusal(req, "备注不能超过100字", typed: values) }
        if try await IntakeDay.query(on: req.db).filter(\.$day == day.iso).first() != nil {
            return try await officeRefusal(req, "\(day.chinese)已开放收审", typed: values)
        }
        let record = IntakeDay(day: day.iso, capacity: capacity, note: note, createdBy: req.currentUser?.id)
        let entry = req.auditEntry("intake.day.open", detail: "\(day.iso) capacity \(capacity)")
        try await req.transaction { db in
            try await record.create(on: db)
            try await AuditLog.append(entry, on: db)
        }
        return req.redirect(to: SiteURL.intake(.office).path(query: ["notice": "saved"]))
    }

    @Sendable func checkIn(req: Request) async throws -> Response {
        guard let id = req.parameters.get("bookingID", as: UUID.self),
              let booking = try await IntakeBooking.query(on: req.db).filter(\.$id == id).with(\.$intakeDay).first() else {
            throw PageError.notFound
        }
        guard booking.checkedInAt == nil else { return try await officeRefusal(req, "该批次已签到") }
        guard booking.intakeDay.day == req.today.iso else {
            return try await officeRefusal(req, "只能在预约当天签到（预约日期\(LocalDate(iso: booking.intakeDay.day)?.chinese ?? booking.intakeDay.day)）")
        }
        let now = req.clock.now()
        let entry = req.auditEntry("intake.check-in", objectType: "intake_booking", objectID: id.uuidString)
        try await req.transaction { db in
            booking.checkedInAt = now
            try await booking.update(on: db)
            try await AuditLog.append(entry, on: db)
        }
        return req.redirect(to: SiteURL.intake(.office).path(query: ["notice": "saved"]) + "#booking-\(id)")
    }

    /// The booking and its open item for the application in the path, checked in today.
    private func counter(_ req: Request) async throws -> Result<(IntakeBooking, IntakeBookingItem, ApplicationRecord), IntakeRules.Refusal> {
        guard let bookingID = req.parameters.get("bookingID", as: UUID.self),
              let appID = req.parameters.get("appID", as: UUID.self),
              let booking = try await IntakeBooking.query(on: req.db).filter(\.$id == bookingID).with(\.$intakeDay).first(),
              let item = try await IntakeBookingItem.query(on: req.db).filter(\.$booking.$id == bookingID)
                .filter(\.$application.$id == appID).first(),
              let application = try await ApplicationRecord.query(on: req.db).filter(\.$id == appID)
                .with(\.$applicant).with(\.$unit).first() else { throw PageError.notFound }
        guard booking.checkedInAt != nil else { return .failure(.notCheckedIn) }
        guard booking.intakeDay.day == req.today.iso else {
            return .failure(.notOnTheDay(LocalDate(iso: booking.intakeDay.day) ?? req.today))
        }
        guard item.outcome == nil, item.openApplicationID != nil else { return .failure(.notInBooking) }
        return .success((booking, item, application))
    }

    /// 收审受理 from the checked-in booking: originals checked, every copy count the
    /// policy's for the level, the declaration complete; the transition, the counter's
    /// record and their audit records commit together.
    @Sendable func accept(req: Request) async throws -> Response {
        let values = (try? req.content.decode([String: String].self)) ?? [:]
        let appID = req.parameters.get("appID", as: UUID.self)
        let (booking, item, application): (IntakeBooking, IntakeBookingItem, ApplicationRecord)
        switch try await counter(req) {
        case .failure(let refusal): return try await officeRefusal(req, refusal.message, typed: values, typedFor: appID)
        case .success(let found): (booking, item, application) = found
        }
        let receipt = IntakeRules.Receipt(
            // Named per application: the counter's boxes of one batch are not one group (axe checkboxgroup).
            originalsChecked: values[IntakeOfficePage.originalsField(application.id!)] == "1",
            copies: Dictionary(uniqueKeysWithValues: IntakeRules.CopyKind.allCases.map { ($0, values["copies_\($0.rawValue)"] ?? "") }),
            remark: (values["remark"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
        let counts: [IntakeRules.CopyKind: Int]
        do {
            counts = try IntakeRules.checkReceipt(receipt, level: application.level, year: req.policies.year)
        } catch {
            return try await officeRefusal(req, error.message, typed: values, typedFor: appID)
        }
        var extra = WorkflowRunner.Extra()
        extra.reason = receipt.remark
        extra.intakeMissing = try await DeclarationSnapshot.load(application, on: req.db, engine: try req.policies(for: application).engine)
            .missing.map { "申报材料：\($0)" }
        let entry = req.auditEntry("intake.receive", objectType: "application", objectID: application.id!.uuidString,
                                   detail: "booking \(booking.id!) " + counts.sorted { $0.key.rawValue < $1.key.rawValue }
                                       .map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: " "))
        return try await settle(req, .acceptAtIntake, application, booking: booking, item: item, extra: extra, entry: entry,
                                values: values) { item in
            item.outcome = IntakeBookingItem.Outcome.accepted.rawValue
            item.originalsChecked = true
            item.evaluationFormCopies = counts[.evaluationForm]
            item.reviewFormCopies = counts[.reviewForm]
            item.submittedPaperCopies = counts[.submittedPaper]
            item.remark = receipt.remark
        }
    }

    /// 退回 at the counter: the application goes back to its applicant with the reason;
    /// the booking's place for it closes.
    @Sendable func giveBack(req: Request) async throws -> Response {
        let values = (try? req.content.decode([String: String].self)) ?? [:]
        let appID = req.parameters.get("appID", as: UUID.self)
        let (booking, item, application): (IntakeBooking, IntakeBookingItem, ApplicationRecord)
        switch try await counter(req) {
        case .failure(let refusal): return try await officeRefusal(req, refusal.message, typed: values, typedFor: appID)
        case .success(let found): (booking, item, application) = found
        }
        let reason = (values["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { return try await officeRefusal(req, TransitionRefusal.reasonMissing.message, typed: values, typedFor: appID) }
        guard reason.count <= 1000 else { return try await officeRefusal(req, "退回理由不能超过1000字", typed: values, typedFor: appID) }
        var extra = WorkflowRunner.Extra()
        extra.reason = reason
        let entry = req.auditEntry("intake.give-back", objectType: "application", objectID: application.id!.uuidString,
                                   detail: "booking \(booking.id!)")
        return try await settle(req, .returnForCorrection, application, booking: booking, item: item, extra: extra, entry: entry,
                                values: values) { item in
            item.outcome = IntakeBookingItem.Outcome.returned.rawValue
            item.remark = String(reason.prefix(IntakeRules.remarkLimit))
        }
    }

    /// The counter's outcome for one application: the transition, the booking item's record
    /// (closed, with who and when) and the audit record commit together; a refused
    /// transition writes nothing and comes back on the office page with what was typed.
    private func settle(_ req: Request, _ transition: ApplicationTransition, _ application: ApplicationRecord,
                        booking: IntakeBooking, item: IntakeBookingItem, extra: WorkflowRunner.Extra, entry: AuditEntry,
                        values: [String: String], record: @escaping @Sendable (IntakeBookingItem) -> Void) async throws -> Response {
        let now = req.clock.now()
        let userID = req.currentUser?.id
        let runner = req.workflow
        let result = try await req.transaction { db in
            let decision = try await runner.fire(transition, on: application, extra: extra, in: db)
            guard case .success = decision else { return decision }
            record(item)
            item.openApplicationID = nil
            item.receivedAt = now
            item.$receivedBy.id = userID
            try await item.update(on: db)
            try await AuditLog.append(entry, on: db)
            return decision
        }
        if case .failure(let refusal) = result {
            return try await officeRefusal(req, refusal.message, typed: values, typedFor: application.id)
        }
        return req.redirect(to: SiteURL.intake(.office).path(query: ["notice": "saved"]) + "#booking-\(booking.id!)")
    }

    /// 原件退回 (十（三）: 评审通过后退回): once the review is recorded, or with a return at
    /// the counter, the office records the day the originals went back.
    @Sendable func originalsReturned(req: Request) async throws -> Response {
        guard let id = req.parameters.get("itemID", as: UUID.self),
              let item = try await IntakeBookingItem.query(on: req.db).filter(\.$id == id).with(\.$application).first() else {
            throw PageError.notFound
        }
        let values = (try? req.content.decode([String: String].self)) ?? [:]
        let appID = item.$application.id
        guard let outcome = item.outcomeValue, let received = item.receivedAt else {
            return try await officeRefusal(req, IntakeRules.Refusal.originalsNotReturnable.message, typed: values, typedFor: appID)
        }
        guard item.originalsReturnedOn == nil else {
            return try await officeRefusal(req, IntakeRules.Refusal.originalsAlreadyReturned.message, typed: values, typedFor: appID)
        }
        guard IntakeRules.originalsReturnable(item.application.stateValue, returnedAtIntake: outcome == .returned) else {
            return try await officeRefusal(req, IntakeRules.Refusal.originalsNotReturnable.message, typed: values, typedFor: appID)
        }
        let earliest = LocalDate.beijing(received)
        guard let day = values["returnedOn"].flatMap({ LocalDate(iso: $0) }), day >= earliest, day <= req.today else {
            return try await officeRefusal(req, IntakeRules.Refusal.returnDate(earliest, req.today).message, typed: values, typedFor: appID)
        }
        let now = req.clock.now()
        let userID = req.currentUser?.id
        let entry = req.auditEntry("intake.originals-returned", objectType: "application", objectID: appID.uuidString, detail: day.iso)
        try await req.transaction { db in
            item.originalsReturnedOn = day.iso
            item.originalsReturnedAt = now
            item.$originalsReturnedBy.id = userID
            try await item.update(on: db)
            try await AuditLog.append(entry, on: db)
        }
        return req.redirect(to: SiteURL.intake(.office).path(query: ["notice": "saved"]))
    }

    // MARK: units and reporting bodies

    @Sendable func bookPage(req: Request) async throws -> Response {
        try await IntakeBookingPage.load(req).render().response()
    }

    private func bookingRefusal(_ req: Request, _ message: String, typed: [String: String]) async throws -> Response {
        try await IntakeBookingPage.load(req, error: message, typed: typed).render().response(status: .unprocessableEntity)
    }

    @Sendable func book(req: Request) async throws -> Response {
        let actor = req.actor!
        let values = (try? req.content.decode([String: String].self)) ?? [:]
        let contact = (values["contactName"] ?? "").trimmingCharacters(in: .whitespaces)
        let phone = (values["contactPhone"] ?? "").trimmingCharacters(in: .whitespaces)
        // One checkbox per application (`app_<id>`), so the page works as a plain form.
        let selected = values.filter { $0.key.hasPrefix("app_") && $0.value == "1" }
            .compactMap { UUID(uuidString: String($0.key.dropFirst(4))) }
        guard let dayID = values["day"].flatMap(UUID.init(uuidString:)),
              let day = try await IntakeDay.query(on: req.db).filter(\.$id == dayID).with(\.$bookings).first() else {
            return try await bookingRefusal(req, "请选择收审日期", typed: values)
        }
        guard !contact.isEmpty, contact.count <= 30, phone.count >= 7, phone.count <= 20,
              phone.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) else {
            return try await bookingRefusal(req, IntakeRules.Refusal.contact.message, typed: values)
        }
        let deliverable = try await ApplicationRecord.deliverable(by: actor, on: req.db)
        let byID = Dictionary(deliverable.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        do {
            try IntakeRules.checkBatch(typed: values["batchSize"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) },
                                       selected: selected.count)
            // Another body's application, or one that left intake since the page was drawn.
            guard selected.allSatisfy({ byID[$0] != nil }) else { throw IntakeRules.Refusal.notDelivered }
            let existing = try await IntakeBooking.query(on: req.db).filter(\.$organization.$id == actor.organizationID)
                .with(\.$intakeDay).all().first { $0.checkedInAt == nil && (LocalDate(iso: $0.intakeDay.day) ?? req.today) >= req.today }
            guard let date = LocalDate(iso: day.day) else { throw StoredValueError(field: "intake_days.day", value: day.day) }
            try IntakeRules.checkBooking(role: actor.role, day: date, capacity: day.capacity, booked: day.bookings.count,
                                         alreadyBookedOn: existing.flatMap { LocalDate(iso: $0.intakeDay.day) },
                                         window: req.policies.current.intake, today: req.today)
        } catch let refusal as IntakeRules.Refusal {
            return try await bookingRefusal(req, refusal.message, typed: values)
        }
        let booking = IntakeBooking(dayID: dayID, organizationID: actor.organizationID, batchSize: selected.count,
                                    contactName: contact, contactPhone: phone, bookedBy: actor.userID)
        let entry = req.auditEntry("intake.book", objectType: "intake_day", objectID: dayID.uuidString,
                                   detail: "\(selected.count): " + selected.map(\.uuidString).sorted().joined(separator: ","))
        let capacity = day.capacity
        let today = req.today
        let names = byID.mapValues { $0.applicant.realName }
        do {
            try await req.transaction { db in
                // Count again inside the transaction: two bodies booking the last place at once.
                let taken = try await IntakeBooking.query(on: db).filter(\.$intakeDay.$id == dayID).count()
                guard taken < capacity else { throw IntakeRules.Refusal.full(LocalDate(iso: day.day)!) }
                try await Self.closeStale(selected, today: today, on: db)
                let open = try await IntakeBookingItem.query(on: db).filter(\.$openApplicationID ~~ selected).all()
                if let held = open.first?.openApplicationID {
                    throw IntakeRules.Refusal.alreadyInBooking(names[held] ?? "")
                }
                try await booking.create(on: db)
                for id in selected.sorted(by: { $0.uuidString < $1.uuidString }) {
                    try await IntakeBookingItem(bookingID: booking.id!, applicationID: id).create(on: db)
                }
                try await AuditLog.append(entry, on: db)
            }
        } catch let refusal as IntakeRules.Refusal {
            return try await bookingRefusal(req, refusal.message, typed: values)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Unique (day, organization) or one open booking per application, raced.
            return try await bookingRefusal(req, "本机构已预约该日，或所选申报已在另一个预约中", typed: values)
        }
        return req.redirect(to: SiteURL.intake(.book).path(query: ["notice": "saved"]))
    }

    /// Frees applications from bookings that can no longer bring them: a day gone by
    /// without their being taken at the counter, or an application that left intake another way (returned
    /// from its progress page, cancelled for integrity).
    static func closeStale(_ applications: [UUID], today: LocalDate, on db: any Database) async throws {
        guard !applications.isEmpty else { return }
        let open = try await IntakeBookingItem.query(on: db).filter(\.$openApplicationID ~~ applications)
            .with(\.$booking) { $0.with(\.$intakeDay) }.with(\.$application).all()
        for item in open {
            // Open items have no outcome yet: after their day the counter cannot take them.
            let lapsed = (LocalDate(iso: item.booking.intakeDay.day) ?? today) < today
            if lapsed || item.application.stateValue != .intake {
                item.openApplicationID = nil
                try await item.update(on: db)
            }
        }
    }

    @Sendable func cancel(req: Request) async throws -> Response {
        guard let id = req.parameters.get("bookingID", as: UUID.self),
              let booking = try await IntakeBooking.query(on: req.db).filter(\.$id == id).with(\.$intakeDay).first(),
              booking.$organization.id == req.actor?.organizationID else { throw PageError.notFound }
        guard booking.checkedInAt == nil, (LocalDate(iso: booking.intakeDay.day) ?? req.today) >= req.today else {
            return try await bookingRefusal(req, "已签到或已过期的预约不能取消", typed: [:])
        }
        let entry = req.auditEntry("intake.cancel", objectType: "intake_booking", objectID: id.uuidString)
        try await req.transaction { db in
            try await IntakeBookingItem.query(on: db).filter(\.$booking.$id == id).delete()
            try await booking.delete(on: db)
            try await AuditLog.append(entry, on: db)
        }
        return req.redirect(to: SiteURL.intake(.book).path(query: ["notice": "saved"]))
    }
}
