import Domain
import Fluent
import Foundation
import Vapor

/// Applications waiting at every step of every route of the demo (issue 9 item 11),
/// so a newcomer can sign in as each party and act. Each is a copy of 李强's complete
/// declaration (applicant3) for another demo applicant, with its route fixed from
/// the unit, the employer's evaluation and three publicities done where it is past
/// the unit, and the history of who did what. Dates come from the policy's intake
/// window and the official calendar, not literals.
enum DemoWorkflow {
    /// One demo applicant and where their application waits.
    struct Walk {
        var username: String
        var realName: String
        var unitKey: String
        var level: TargetLevel
        var specialty: String
        var target: ApplicationState
    }

    /// Units: water (city-direct public institution under 市水务局), coal (襄垣县 enterprise
    /// without a competent department), tech (潞州区 non-public, file held by the agency),
    /// supply (襄垣县 enterprise under 襄垣县水利局).
    static let walks: [Walk] = [
        Walk(username: "applicant6", realName: "赵磊", unitKey: "water", level: .technician, specialty: "水利水电工程", target: .submitted),
        Walk(username: "applicant7", realName: "孙丽", unitKey: "tech", level: .engineer, specialty: "电子信息", target: .submitted),
        Walk(username: "applicant8", realName: "周涛", unitKey: "coal", level: .engineer, specialty: "机械工程", target: .unitReview),
        Walk(username: "applicant9", realName: "吴静", unitKey: "tech", level: .engineer, specialty: "计算机应用", target: .agencyReview),
        Walk(username: "applicant10", realName: "郑斌", unitKey: "coal", level: .engineer, specialty: "电气工程", target: .countyHRReview),
        Walk(username: "applicant11", realName: "王敏", unitKey: "coal", level: .assistantEngineer, specialty: "机械工程", target: .countyIndustryReview),
        Walk(username: "applicant12", realName: "冯刚", unitKey: "water", level: .engineer, specialty: "水利水电工程", target: .departmentReview),
        Walk(username: "applicant13", realName: "陈亮", unitKey: "coal", level: .engineer, specialty: "采矿工程", target: .cityHRFiling),
        Walk(username: "applicant14", realName: "杨帆", unitKey: "water", level: .engineer, specialty: "水文水资源", target: .cityHRReview),
        Walk(username: "applicant15", realName: "褚红", unitKey: "water", level: .technician, specialty: "水利水电工程", target: .intake),
        Walk(username: "applicant16", realName: "卫东", unitKey: "coal", level: .engineer, specialty: "机械工程", target: .accepted),
        Walk(username: "applicant17", realName: "蒋琳", unitKey: "water", level: .engineer, specialty: "水工结构", target: .returned),
        // A county enterprise with a competent department (workflow.md rule 2).
        Walk(username: "applicant23", realName: "田野", unitKey: "supply", level: .engineer, specialty: "给排水工程", target: .submitted),
    ]

    static var usernames: [String] { walks.map(\.username) }

    static func create(on db: any Database, orgs: DemoOrganizations.Created, policy: Policy, calendar: WorkingDayCalendar,
                       store: FileStore, passwordHash: String) async throws {
        guard let template = try await ApplicationRecord.query(on: db).join(UserAccount.self, on: \ApplicationRecord.$applicant.$id == \UserAccount.$id)
            .filter(UserAccount.self, \.$username == "applicant3").first() else {
            throw Abort(.internalServerError, reason: "demo template declaration missing")
        }
        let items = try await ApplicationItem.query(on: db).filter(\.$application.$id == template.id!).all()
        let files = try await StoredFile.query(on: db).filter(\.$application.$id == template.id!).all()
        let units = try await Organization.query(on: db).filter(\.$kindRaw == OrganizationKind.unit.rawValue).all()
        let schedule = try Schedule(policy: policy, calendar: calendar)
        for (index, walk) in walks.enumerated() {
            guard let unit = units.first(where: { $0.id == orgs.units[walk.unitKey] }) else {
                throw Abort(.internalServerError, reason: "demo unit \(walk.unitKey) missing")
            }
            let applicant = UserAccount(username: walk.username, passwordHash: passwordHash, role: .applicant,
                                        organizationID: unit.id!, realName: walk.realName,
                                        idNumber: ResidentIDNumber.completing("14042319\(80 + index % 15)0\(1 + index % 9)1\(index % 10)\(String(format: "%03d", 100 + index))"),
                                        mobile: "1380355\(String(format: "%04d", 2001 + index))")
            try await applicant.create(on: db)
            let app = try await copy(template, items: items, files: files, for: applicant, unit: unit, walk: walk, policy: policy,
                                     store: store, on: db)
            // Uploaded before the submission, on the demo's calendar (not the machine's clock).
            try await StoredFile.query(on: db).filter(\.$application.$id == app.id!)
                .set(\.$uploadedAt, to: schedule.publicityStart.beijingMorning.addingTimeInterval(-3600)).update()
            try await advance(app, unit: unit, applicant: applicant, to: walk.target, policy: policy, schedule: schedule, on: db)
        }
    }

    /// 李强's declaration, item by item and file by file, for another applicant and level.
    private static func copy(_ template: ApplicationRecord, items: [ApplicationItem], files: [StoredFile], for applicant: UserAccount,
                             unit: Organization, walk: Walk, policy: Policy, store: FileStore,
                             on db: any Database) async throws -> ApplicationRecord {
        let app = ApplicationRecord(applicantID: applicant.id!, unitID: unit.id!, year: template.year, policyID: policy.id,
                                    targetLevel: walk.level, track: .regular, specialty: walk.specialty)
        app.basicValues = template.basicValues
        app.workReport = template.workReport
        app.commitmentSignedAt = template.commitmentSignedAt
        try await app.create(on: db)
        var itemIDs: [UUID: UUID] = [:]
        for item in items {
            guard let section = item.sectionValue else { continue }
            let copied = ApplicationItem(applicationID: app.id!, section: section, position: item.position, values: item.values)
            try await copied.create(on: db)
            itemIDs[item.id!] = copied.id!
        }
        app.defenseItemID = template.defenseItemID.flatMap { itemIDs[$0] }
        try await app.update(on: db)
        for file in files {
            let f = StoredFile()
            f.$application.id = app.id!
            f.slot = file.slot
            f.$item.id = file.$item.id.flatMap { itemIDs[$0] }
            f.label = file.label
            f.originalName = file.originalName
            f.fileType = file.fileType
            f.size = file.size
            f.pages = file.pages
            f.sha256 = file.sha256
            // A file of its own on disk: a stored file belongs to one application.
            let name = UUID().uuidString.lowercased()
            guard let from = store.path(forStorageName: file.storageName), let to = store.path(forStorageName: name) else {
                throw StoredValueError(field: "stored_files.storage_name", value: file.storageName)
            }
            try FileManager.default.createDirectory(atPath: (to as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: from, toPath: to)
            f.storageName = name
            f.$uploadedBy.id = applicant.id!
            try await f.create(on: db)
        }
        try await completeUploads(app, unit: unit, applicant: applicant, policy: policy, store: store, on: db)
        return app
    }

    /// Uploads what this applicant's level and unit ask for beyond the template's
    /// (e.g. a public institution's 专业技术岗位工资审批表), so the declaration is complete.
    private static func completeUploads(_ app: ApplicationRecord, unit: Organization, applicant: UserAccount, policy: Policy,
                                        store: FileStore, on db: any Database) async throws {
        let items = try await ApplicationItem.query(on: db).filter(\.$application.$id == app.id!).all()
        let files = try await StoredFile.query(on: db).filter(\.$application.$id == app.id!).all()
        let input = DeclarationSnapshot.checklistInput(app, unitKind: unit.unitKind ?? .enterprise, items: items, files: files,
                                                       rules: .init(try ReviewYear(policy)))
        for entry in Checklist.entries(input) where entry.isMissing {
            guard case .upload(let slot) = entry.target else { continue }
            let (name, bytes) = slot == .photo ? ("photo.png", DemoFiles.png) : ("\(entry.title).pdf", DemoFiles.pdf(title: entry.title))
            let upload = try await store.begin(originalName: name, slot: slot)
            try await upload.append(ByteBuffer(bytes: bytes))
            guard case .success(let scan) = try await upload.finish() else {
                throw Abort(.internalServerError, reason: "demo file \(name) refused")
            }
            let stored = try await upload.commit(scan)
            try await StoredFile(applicationID: app.id!, slot: slot, itemID: nil, label: entry.title, originalName: name,
                                 stored: stored, uploadedBy: applicant.id!).create(on: db)
        }
    }

    /// The days the demo's history happened on: publicities before the intake window,
    /// approvals on the working days after, intake inside the window.
    struct Schedule {
        var publicityStart: LocalDate
        var publicityEnd: LocalDate
        var opinionDay: LocalDate
        var opinionEnd: LocalDate
        var steps: [LocalDate]
        var intakeDay: LocalDate

        init(policy: Policy, calendar: WorkingDayCalendar) throws {
            guard case .integer(let days)? = policy.parameter("publicityMinimumWorkingDays")?.value else {
                throw StoredValueError(field: "policy.publicityMinimumWorkingDays", value: "missing")
            }
            let opens = policy.intake.lowerBound
            publicityStart = try calendar.nextWorkday(after: LocalDate(dayNumber: opens.dayNumber - 31))
            publicityEnd = try calendar.publicityEnd(start: publicityStart, workingDays: days)
            opinionDay = try calendar.nextWorkday(after: publicityEnd)
            opinionEnd = try calendar.publicityEnd(start: opinionDay, workingDays: days)
            var day = opinionEnd
            var steps: [LocalDate] = []
            for _ in 0..<8 { day = try calendar.nextWorkday(after: day); steps.append(day) }
            self.steps = steps
            intakeDay = try calendar.nextWorkday(after: LocalDate(dayNumber: opens.dayNumber - 1))
        }
    }

    private static func advance(_ app: ApplicationRecord, unit: Organization, applicant: UserAccount, to target: ApplicationState,
                                policy: Policy, schedule: Schedule, on db: any Database) async throws {
        let route = try policy.route(level: app.level, unit: try unit.routeUnit())
        app.routeText = route.steps.map(\.rawValue).joined(separator: ",")
        app.routeCounty = route.county
        var state = ApplicationState.draft
        var events: [(LocalDate, ApplicationTransition, ApplicationState, String)] = []
        func step(_ day: LocalDate, _ t: ApplicationTransition, _ to: ApplicationState, _ opinion: String = "") {
            events.append((day, t, to, opinion))
            state = to
        }
        step(schedule.publicityStart, .submit, .submitted)
        if target != .submitted {
            step(schedule.publicityStart, .unitAccept, .unitReview)
            if target != .unitReview {
                try await evaluation(app, schedule: schedule, policy: policy, on: db)
                var stepIndex = 0
                step(schedule.steps[stepIndex], .recommend, .awaiting(route.steps[1]), "同意推荐")
                if target == .returned {
                    stepIndex += 1
                    step(schedule.steps[stepIndex], .returnForCorrection, .returned, "请补充专业技术工作报告中的项目支撑材料")
                }
                while state != target, target != .returned, let current = state.step, current != .committeeOffice,
                      let next = Workflow.nextStep(after: current, on: route.steps) {
                    stepIndex += 1
                    step(schedule.steps[stepIndex], .approve, .awaiting(next), current == .cityHRFiling ? "已备案" : "材料齐全，同意上报")
                }
                if target == .accepted { step(max(schedule.intakeDay, schedule.steps[stepIndex]), .acceptAtIntake, .accepted, "原件已核验") }
            }
        }
        guard state == target else { throw Abort(.internalServerError, reason: "demo walk to \(target) ended at \(state)") }
        app.state = state.rawValue
        app.reachedStep = route.steps.indices.last { index in
            events.contains { $0.2.step == route.steps[index] } || (index == 0)
        } ?? 0
        if state == .accepted { app.reachedStep = route.steps.count - 1 }
        app.submittedAt = schedule.publicityStart.beijingMorning
        try await app.update(on: db)
        for (i, event) in events.enumerated() {
            let (day, transition, to, opinion) = event
            let from = i == 0 ? ApplicationState.draft : events[i - 1].2
            let actor = try await actor(for: transition, from: from, route: route, unit: unit, applicant: applicant, on: db)
            try await WorkflowEvent(applicationID: app.id!, occurredAt: day.beijingMorning.addingTimeInterval(Double(i) * 60),
                                    actorID: actor?.id, actorName: actor?.realName ?? "演示",
                                    organizationName: actor?.$organization.value?.name ?? unit.name,
                                    transition: transition.rawValue, fromState: from.rawValue, toState: to.rawValue,
                                    opinion: opinion).create(on: db)
        }
    }

    /// The demo account that fired a transition: the applicant, the unit's clerk, or
    /// the account of the body at that step (in the route's county).
    private static func actor(for transition: ApplicationTransition, from: ApplicationState, route: ApplicationRoute,
                              unit: Organization, applicant: UserAccount, on db: any Database) async throws -> UserAccount? {
        if transition == .submit { return applicant }
        let candidates = try await UserAccount.query(on: db).with(\.$organization).all()
        guard let step = from.step else { return nil }
        let facts = ApplicationFacts(id: UUID(), applicantID: applicant.id!, unitID: unit.id!, state: from, route: route.steps,
                                     routeCounty: route.county, reachedStep: 0,
                                     competentDepartmentID: unit.$competentDepartment.id, personnelAgencyID: unit.$personnelAgency.id)
        return candidates.first { ReviewParty.acts($0.actor, at: step, for: facts) }
    }

    /// The employer's part done: panel, ratings, the three publicities, opinion, commitment.
    private static func evaluation(_ app: ApplicationRecord, schedule: Schedule, policy: Policy, on db: any Database) async throws {
        let record = UnitEvaluationRecord(applicationID: app.id!)
        try record.store(panel: [
            PanelMember(name: "张建国", role: .unitLeader, post: "副院长"),
            PanelMember(name: "李红梅", role: .peerExpert, post: "高级工程师"),
            PanelMember(name: "王志刚", role: .researchManagement, post: "科技部部长"),
            PanelMember(name: "刘晓燕", role: .massRepresentative, post: "职工代表"),
        ])
        try record.store(ratings: Dictionary(uniqueKeysWithValues: EvaluationCriterion.allCases.map { ($0, EvaluationRating.good) }))
        record.authenticityChecked = true
        try record.store(opinion: AppraisalOpinion(
            meets: Dictionary(uniqueKeysWithValues: OpinionItem.allCases.map { ($0, true) }),
            text: "该同志学历、资历、工作能力、业绩成果、学术技术均符合申报条件，经单位集体研究，同意推荐。",
            decidedOn: schedule.opinionDay, recommend: true, headName: "张建国"))
        record.unitCommitmentBy = "单位经办人"
        record.unitCommitmentAt = schedule.opinionDay.beijingMorning
        try await record.create(on: db)
        for kind in [PublicityKind.conditions, .materials] {
            try await PublicityRecord(applicationID: app.id!, publicity: Publicity(kind: kind, starts: schedule.publicityStart,
                                                                                  ends: schedule.publicityEnd)).create(on: db)
        }
        try await PublicityRecord(applicationID: app.id!, publicity: Publicity(kind: .opinion, starts: schedule.opinionDay,
                                                                              ends: schedule.opinionEnd)).create(on: db)
    }
}
