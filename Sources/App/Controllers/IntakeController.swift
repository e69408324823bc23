import Domain
import Fluent
import Vapor

/// 收审 (十（三）): the committee office opens appointment days inside the policy's
/// window; units and reporting bodies book a day for their batch (never an
/// applicant); on the day the office checks the batch in and then accepts or
/// returns each application on its progress page.
struct IntakeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.intake(.office), use: office).requires(.manageIntake)
        routes.post(.intake(.days), use: openDay).requires(.manageIntake)
        routes.post(.intake(.checkIn(.pattern)), use: checkIn).requires(.manageIntake)
        routes.get(.intake(.book), use: bookPage).requires(.bookIntake)
        routes.post(.intake(.book), use: book).requires(.bookIntake)
        routes.post(.intake(.cancel(.pattern)), use: cancel).requires(.bookIntake)
    }

    private func days(_ req: Request) async throws -> [IntakeDay] {
        try await IntakeDay.query(on: req.db).with(\.$bookings) { $0.with(\.$organization) }.sort(\.$day).all()
    }

    // MARK: the office

    @Sendable func office(req: Request) async throws -> Response {
        try await officePage(req, error: nil, typed: [:], status: .ok)
    }

    private func officePage(_ req: Request, error: String?, typed: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let policy = req.policies.current
        let rows = try await days(req).map { day in
            IntakeOfficePage.Day(
                date: LocalDate(iso: day.day)?.chinese ?? day.day, capacity: day.capacity, note: day.note,
                bookings: day.bookings.sorted { $0.createdAt ?? .distantPast < $1.createdAt ?? .distantPast }.map { b in
                    .init(id: b.id!, organization: b.organization.name, batchSize: b.batchSize,
                          contact: "\(b.contactName) \(b.contactPhone)",
                          checkedIn: b.checkedInAt.map { BeijingTime.text($0) })
                })
        }
        return IntakeOfficePage(chrome: PageChrome(req: req, title: "收审安排"), csrf: try await req.csrfToken(),
                                window: "\(policy.intake.lowerBound.chinese)至\(policy.intake.upperBound.chinese)",
                                copies: IntakeCheck.copyCounts(policy).map { "\($0.0)\($0.1)份" }.joined(separator: "、"),
                                days: rows, error: error, typed: typed).render().response(status: status)
    }

    @Sendable func openDay(req: Request) async throws -> Response {
        let values = (try? req.content.decode([String: String].self)) ?? [:]
        guard let day = values["day"].flatMap({ LocalDate(iso: $0) }) else {
            return try await officePage(req, error: "请填写有效的收审日期", typed: values, status: .unprocessableEntity)
        }
        guard let capacity = values["capacity"].flatMap({ Int($0) }) else {
            return try await officePage(req, error: IntakeRules.Refusal.capacity.message, typed: values, status: .unprocessableEntity)
        }
        do {
            try IntakeRules.checkOpening(day, capacity: capacity, window: req.policies.current.intake, today: req.today,
                                         calendar: req.workingDays)
        } catch {
            return try await officePage(req, error: error.message, typed: values, status: .unprocessableEntity)
        }
        if try await IntakeDay.query(on: req.db).filter(\.$day == day.iso).first() != nil {
            return try await officePage(req, error: "\(day.chinese)已开放收审", typed: values, status: .unprocessableEntity)
        }
        let note = String((values["note"] ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
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
        guard booking.checkedInAt == nil else { return try await officePage(req, error: "该批次已签到", typed: [:], status: .unprocessableEntity) }
        guard booking.intakeDay.day == req.today.iso else {
            return try await officePage(req, error: "只能在预约当天签到（预约日期\(LocalDate(iso: booking.intakeDay.day)?.chinese ?? booking.intakeDay.day)）",
                                        typed: [:], status: .unprocessableEntity)
        }
        let now = req.clock.now()
        let entry = req.auditEntry("intake.check-in", objectType: "intake_booking", objectID: id.uuidString)
        try await req.transaction { db in
            booking.checkedInAt = now
            try await booking.update(on: db)
            try await AuditLog.append(entry, on: db)
        }
        return req.redirect(to: SiteURL.intake(.office).path(query: ["notice": "saved"]))
    }

    // MARK: units and reporting bodies

    @Sendable func bookPage(req: Request) async throws -> Response {
        try await bookingPage(req, error: nil, typed: [:], status: .ok)
    }

    private func bookingPage(_ req: Request, error: String?, typed: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let org = req.actor!.organizationID
        let today = req.today
        let all = try await days(req)
        let open = all.filter { (LocalDate(iso: $0.day) ?? today) >= today && $0.bookings.count < $0.capacity }
        let mine = all.flatMap { day in day.bookings.filter { $0.$organization.id == org }.map { (day, $0) } }
        let policy = req.policies.current
        return IntakeBookingPage(
            chrome: PageChrome(req: req, title: "预约收审"), csrf: try await req.csrfToken(),
            window: "\(policy.intake.lowerBound.chinese)至\(policy.intake.upperBound.chinese)",
            openDays: open.map { .init(id: $0.id!.uuidString, date: LocalDate(iso: $0.day)?.chinese ?? $0.day,
                                       remaining: $0.capacity - $0.bookings.count, note: $0.note) },
            mine: mine.map { day, b in
                .init(id: b.id!, date: LocalDate(iso: day.day)?.chinese ?? day.day, batchSize: b.batchSize,
                      contact: "\(b.contactName) \(b.contactPhone)", checkedIn: b.checkedInAt != nil,
                      cancellable: b.checkedInAt == nil && (LocalDate(iso: day.day) ?? today) >= today)
            },
            error: error, typed: typed).render().response(status: status)
    }

    @Sendable func book(req: Request) async throws -> Response {
        let actor = req.actor!
        let values = (try? req.content.decode([String: String].self)) ?? [:]
        let contact = (values["contactName"] ?? "").trimmingCharacters(in: .whitespaces)
        let phone = (values["contactPhone"] ?? "").trimmingCharacters(in: .whitespaces)
        guard let dayID = values["day"].flatMap(UUID.init(uuidString:)),
              let day = try await IntakeDay.query(on: req.db).filter(\.$id == dayID).with(\.$bookings).first() else {
            return try await bookingPage(req, error: "请选择收审日期", typed: values, status: .unprocessableEntity)
        }
        guard let size = values["batchSize"].flatMap({ Int($0) }), (1...500).contains(size) else {
            return try await bookingPage(req, error: "报送件数须为1至500之间的整数", typed: values, status: .unprocessableEntity)
        }
        guard !contact.isEmpty, contact.count <= 30, phone.count >= 7, phone.count <= 20,
              phone.allSatisfy({ $0.isNumber || $0 == "-" }) else {
            return try await bookingPage(req, error: "请填写送件专人姓名和联系电话（数字或“-”）", typed: values, status: .unprocessableEntity)
        }
        let existing = try await IntakeBooking.query(on: req.db).filter(\.$organization.$id == actor.organizationID)
            .with(\.$intakeDay).all().first { $0.checkedInAt == nil && (LocalDate(iso: $0.intakeDay.day) ?? req.today) >= req.today }
        do {
            guard let date = LocalDate(iso: day.day) else { throw StoredValueError(field: "intake_days.day", value: day.day) }
            try IntakeRules.checkBooking(role: actor.role, day: date, capacity: day.capacity, booked: day.bookings.count,
                                         alreadyBookedOn: existing.flatMap { LocalDate(iso: $0.intakeDay.day) },
                                         window: req.policies.current.intake, today: req.today)
        } catch let refusal as IntakeRules.Refusal {
            return try await bookingPage(req, error: refusal.message, typed: values, status: .unprocessableEntity)
        }
        let booking = IntakeBooking(dayID: dayID, organizationID: actor.organizationID, batchSize: size,
                                    contactName: contact, contactPhone: phone, bookedBy: actor.userID)
        let entry = req.auditEntry("intake.book", objectType: "intake_day", objectID: dayID.uuidString, detail: "\(size)")
        let capacity = day.capacity
        do {
            try await req.transaction { db in
                // Count again inside the transaction: two bodies booking the last place at once.
                let taken = try await IntakeBooking.query(on: db).filter(\.$intakeDay.$id == dayID).count()
                guard taken < capacity else { throw IntakeRules.Refusal.full(LocalDate(iso: day.day)!) }
                try await booking.create(on: db)
                try await AuditLog.append(entry, on: db)
            }
        } catch let refusal as IntakeRules.Refusal {
            return try await bookingPage(req, error: refusal.message, typed: values, status: .unprocessableEntity)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return try await bookingPage(req, error: "本机构已预约该日", typed: values, status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.intake(.book).path(query: ["notice": "saved"]))
    }

    @Sendable func cancel(req: Request) async throws -> Response {
        guard let id = req.parameters.get("bookingID", as: UUID.self),
              let booking = try await IntakeBooking.query(on: req.db).filter(\.$id == id).with(\.$intakeDay).first(),
              booking.$organization.id == req.actor?.organizationID else { throw PageError.notFound }
        guard booking.checkedInAt == nil, (LocalDate(iso: booking.intakeDay.day) ?? req.today) >= req.today else {
            return try await bookingPage(req, error: "已签到或已过期的预约不能取消", typed: [:], status: .unprocessableEntity)
        }
        let entry = req.auditEntry("intake.cancel", objectType: "intake_booking", objectID: id.uuidString)
        try await req.transaction { db in
            try await booking.delete(on: db)
            try await AuditLog.append(entry, on: db)
        }
        return req.redirect(to: SiteURL.intake(.book).path(query: ["notice": "saved"]))
    }
}
