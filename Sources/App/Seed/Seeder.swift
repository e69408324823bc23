import Domain
import Fluent
import Foundation
import SQLKit

/// Fills a database with a realistic year (issue 12, item 1): the organizations of
/// `SeedOrganizations`, one applicant per application, declarations of every level
/// left at every state of their route with the history that led there, dossier file
/// records and the audit trail — all in multi-row inserts, one transaction per
/// batch of applications, so a province's 100,000 take minutes.
///
/// Seeded dossier file records have no file on disk: their `sha256` is
/// `Seeder.seededFileDigest` (64 zeros, the digest no content has), which is how a
/// consistency check or a backup tells them from uploads.
enum Seeder {
    static let seededFileDigest = String(repeating: "0", count: 64)
    /// Every seeded account's username starts with it.
    static let usernamePrefix = "seed-"

    struct Summary: Sendable {
        var organizations = 0
        var accounts = 0
        var applications = 0
        var items = 0
        var files = 0
        var events = 0
        var auditRecords = 0
        var unroutableUnits = 0
        /// The committee stage (`SeedCommittee`).
        var experts = 0
        var panels = 0
        var meetings = 0
        var publicities = 0
        var certificates = 0
        var revoked = 0
        var certificatesByLevel: [String: Int] = [:]
        var byState: [String: Int] = [:]
        var byLevel: [String: Int] = [:]
        var seconds = 0.0
    }

    enum SeedError: Error, CustomStringConvertible {
        case alreadySeeded
        var description: String {
            "database: already seeded (account seed-admin exists); seed an empty database"
        }
    }

    /// Rows per INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 bound
    /// parameters for the widest table (19 columns).
    static let rowsPerInsert = 1000

    static func run(on db: any Database, applications: Int, policy: Policy, calendar: WorkingDayCalendar,
                    passwordHash: String, seed: UInt64 = 2022, batch: Int = 2000,
                    progress: @Sendable (String) -> Void = { _ in }) async throws -> Summary {
        let started = Date()
        if try await UserAccount.query(on: db).filter(\.$username == "seed-admin").first() != nil { throw SeedError.alreadySeeded }
        var rng = SeedRandom(seed: seed)
        let orgs = try SeedOrganizations(unitCount: max(26, applications / 25), policy: policy, passwordHash: passwordHash, rng: &rng)
        let schedule = try DemoWorkflow.Schedule(policy: policy, calendar: calendar)
        let year = policy.applicationDate.year
        var summary = Summary()
        summary.unroutableUnits = orgs.unroutable

        var chain = try await AuditChain.load(on: db)
        var audit: [AuditRecord] = []
        for account in orgs.accounts {
            audit.append(chain.next(AuditEntry(actorID: nil, actorName: "system", role: nil, action: "account.create",
                                               objectType: "account", objectID: account.id?.uuidString, ip: nil,
                                               detail: "seed \(account.roleRaw) \(account.username)"),
                                    at: schedule.publicityStart.beijingMorning.addingTimeInterval(-86400 * 30)))
        }
        let first = Rows(organizations: orgs.bodies + orgs.units.map(\.organization), accounts: orgs.accounts, audit: audit)
        try await first.insert(on: db)
        summary.auditRecords += audit.count
        summary.organizations = orgs.bodies.count + orgs.units.count
        summary.accounts = orgs.accounts.count
        progress("organizations: \(summary.organizations), clerk accounts: \(summary.accounts)")

        var candidates: [SeedCommittee.Candidate] = []
        var start = 0
        while start < applications {
            let end = min(start + batch, applications)
            var rows = Rows()
            for i in start..<end {
                try rows.add(index: i, orgs: orgs, policy: policy, year: year, schedule: schedule, chain: &chain, rng: &rng,
                             passwordHash: passwordHash, summary: &summary)
            }
            try await rows.insert(on: db)
            candidates += rows.accepted
            summary.accounts += rows.accounts.count
            summary.applications += rows.applications.count
            summary.items += rows.items.count
            summary.files += rows.files.count
            summary.events += rows.events.count
            summary.auditRecords += rows.audit.count
            start = end
            progress("applications: \(end)/\(applications) (\(String(format: "%.1f", Date().timeIntervalSince(started))) s)")
        }

        // The committee stage for the accepted applications, through the pages' rules, on its
        // own generator so the applications above stay the same for the same seed.
        var stageRandom = SeedRandom(seed: seed ^ 0x5EED_C0DE_2022)
        var stage = try SeedCommittee(policy: policy, calendar: calendar, orgs: orgs)
        try stage.build(candidates, passwordHash: passwordHash, chain: &chain, rng: &stageRandom)
        try await stage.insert(on: db)
        summary.accounts += stage.accounts.count
        summary.experts = stage.experts.count
        summary.panels = stage.panels.count
        summary.meetings = stage.meetings.count
        summary.publicities = stage.publicities.count
        summary.certificates = stage.certificates.count
        summary.revoked = stage.revocations.count
        for c in stage.certificates { summary.certificatesByLevel[c.candidate.app.level.jsonName, default: 0] += 1 }
        summary.events += stage.events.count
        summary.auditRecords += stage.audit.count
        for (_, state) in stage.finalState {
            summary.byState[ApplicationState.accepted.rawValue, default: 0] -= 1
            summary.byState[state.rawValue, default: 0] += 1
        }
        progress("committee stage: \(stage.panels.count) panels, \(stage.meetings.count) meetings, \(stage.certificates.count) certificates (\(stage.revocations.count) revoked) (\(String(format: "%.1f", Date().timeIntervalSince(started))) s)")

        let detail = "seed: \(summary.applications) applications, \(summary.organizations) organizations, \(summary.accounts) accounts"
        try await Rows(audit: [chain.next(AuditEntry(actorID: nil, actorName: "system", role: nil, action: "seed.load", ip: nil,
                                                     detail: detail), at: Date())]).insert(on: db)
        summary.auditRecords += 1
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    static func insert<M: Model>(_ rows: [M], on db: any Database) async throws {
        var from = 0
        while from < rows.count {
            let to = min(from + rowsPerInsert, rows.count)
            try await Array(rows[from..<to]).create(on: db)
            from = to
        }
    }

    /// One batch's rows, built in memory before its transaction.
    struct Rows {
        var organizations: [Organization] = []
        var accounts: [UserAccount] = []
        var applications: [ApplicationRecord] = []
        var items: [ApplicationItem] = []
        var files: [StoredFile] = []
        var events: [WorkflowEvent] = []
        var audit: [AuditRecord] = []
        /// The applications this batch left accepted: the committee stage takes them on.
        var accepted: [SeedCommittee.Candidate] = []

        /// One transaction: the rows in dependency order, the audit records with the
        /// appenders' lock held (PostgreSQL), so the chain never forks.
        func insert(on db: any Database) async throws {
            let rows = self
            try await db.transaction { tx in
                try await AuditChain.lock(on: tx)
                let parents = rows.organizations.filter { $0.kind != .unit }
                try await Seeder.insert(parents, on: tx)
                try await Seeder.insert(rows.organizations.filter { $0.kind == .unit }, on: tx)
                try await Seeder.insert(rows.accounts, on: tx)
                try await Seeder.insert(rows.applications, on: tx)
                try await Seeder.insert(rows.items, on: tx)
                try await Seeder.insert(rows.files, on: tx)
                try await Seeder.insert(rows.events, on: tx)
                try await Seeder.insert(rows.audit, on: tx)
            }
        }

        mutating func add(index i: Int, orgs: SeedOrganizations, policy: Policy, year: Int, schedule: DemoWorkflow.Schedule,
                          chain: inout AuditChain, rng: inout SeedRandom, passwordHash: String, summary: inout Summary) throws {
            let unit = orgs.units[rng.below(orgs.units.count)]
            let roll = rng.below(100)
            let level: TargetLevel = roll < 55 ? .engineer : roll < 85 ? .assistantEngineer : .technician
            guard let route = unit.routes[level] else { return }
            let target = rng.pick(SeedWalk.targets(route: route.steps))
            let walk = try SeedWalk(to: target, route: route.steps, using: &rng)

            let serial = i + 1
            let birth = LocalDate(dayNumber: LocalDate(year: 1975, month: 1, day: 1)!.dayNumber + i % 9000)
            let idBody = "\(unit.organization.divisionCode == DivisionCodes.city ? "140402" : unit.organization.divisionCode)"
                + String(format: "%04d%02d%02d", birth.year, birth.month, birth.day) + String(format: "%03d", 900 + (i / 9000) % 100)
            let applicant = UserAccount(id: UUID(), username: "seed-a\(String(format: "%06d", serial))", passwordHash: passwordHash,
                                        role: .applicant, organizationID: unit.organization.id!, realName: SeedNames.person(i),
                                        idNumber: ResidentIDNumber.completing(idBody),
                                        mobile: "139" + String(format: "%08d", serial))
            accounts.append(applicant)

            let specialty = rng.pick(SeedNames.specialties)
            let app = ApplicationRecord(applicantID: applicant.id!, unitID: unit.organization.id!, year: year, policyID: policy.id,
                                        targetLevel: level, track: .regular, specialty: specialty)
            app.id = UUID()
            let workStart = 2000 + rng.below(18)
            app.basicValues = ["ethnicity": "汉族", "political": rng.pick(["cpc", "masses", "cyl"]),
                               "workStart": "\(workStart)-07-01", "post": "\(specialty)技术岗位"]
            app.state = walk.state.rawValue
            app.reachedStep = walk.reachedStep
            let day0 = schedule.publicityStart.beijingMorning.addingTimeInterval(Double(i % 28_800))
            if walk.state != .draft {
                app.routeText = route.steps.map(\.rawValue).joined(separator: ",")
                app.routeCounty = route.county
                app.workReport = String(repeating: "本人\(workStart)年参加工作，长期从事\(specialty)专业技术工作，主持和参与多项工程项目。", count: 10)
                app.commitmentSignedAt = day0
                app.submittedAt = day0
            }
            applications.append(app)

            // The declaration's sections: education, current title, papers, continuing education, assessments.
            var position = 0
            func item(_ section: DeclarationSection, _ values: FieldValues) -> ApplicationItem {
                position += 1
                let row = ApplicationItem(applicationID: app.id!, section: section, position: position, values: values)
                row.id = UUID()
                items.append(row)
                return row
            }
            _ = item(.education, ["level": level == .technician ? "associate" : "bachelor", "school": rng.pick(SeedNames.schools),
                                  "major": specialty, "discipline": "engineering", "sameAsSpecialty": "1",
                                  "graduated": "\(workStart)-07-01"])
            var papers: [ApplicationItem] = []
            if level != .technician {
                _ = item(.titles, ["series": "engineering", "name": level == .engineer ? "助理工程师" : "技术员",
                                   "tier": level == .engineer ? "assistant" : "entry", "qualified": "\(workStart + 4)-10-01"])
                for p in 0..<(level == .engineer ? 2 : 1) {
                    papers.append(item(.papers, ["title": "\(specialty)工程实践中的若干问题研究（\(p + 1)）",
                                                 "journal": rng.pick(SeedNames.journals), "published": "\(2017 + p * 2)-05-01",
                                                 "authorship": "sole", "characters": "4800", "database": "cnki",
                                                 "publicJournal": "1", "relevant": "1"]))
                }
                _ = item(.continuingEducation, ["year": String(year - 1), "hours": "90", "content": "\(specialty)新技术",
                                                "provider": "长治市继续教育中心"])
            }
            for y in (year - 3)...(year - 1) {
                _ = item(.assessments, ["year": String(y), "result": y == year - 2 ? "excellent" : "competent"])
            }

            // Dossier file records (rows only, marked seeded): none yet for half the drafts.
            if walk.state != .draft || i % 2 == 0 {
                var slots: [(DossierSlot, String, UUID?)] = [(.category3, "毕业证书及学信网学历证明", nil), (.photo, "2寸照片", nil)]
                if level != .technician { slots.append((.category4, "现职称证书", nil)) }
                for paper in papers { slots.append((.category6, "论文（封面、目录、正文）", paper.id)) }
                for (slot, label, itemID) in slots {
                    let f = StoredFile()
                    f.id = UUID()
                    f.$application.id = app.id!
                    f.slot = slot.rawValue
                    f.$item.id = itemID
                    f.label = label
                    f.originalName = slot == .photo ? "photo.png" : "\(label).pdf"
                    f.fileType = slot == .photo ? "png" : "pdf"
                    f.size = 180_000 + rng.below(1_500_000)
                    f.pages = slot == .photo ? nil : 1 + rng.below(12)
                    f.sha256 = Seeder.seededFileDigest
                    f.storageName = UUID().uuidString.lowercased()
                    f.$uploadedBy.id = applicant.id!
                    files.append(f)
                }
            }

            // The history and its audit records, on the days the year's schedule gives.
            for (n, event) in walk.events.enumerated() {
                let actor = orgs.clerk(at: event.party, unit: unit.organization, route: route, applicant: applicant)
                var day = n <= 1 ? schedule.publicityStart : schedule.steps[min(n - 2, schedule.steps.count - 1)]
                if event.transition == .acceptAtIntake { day = max(day, schedule.intakeDay) }
                let at = day.beijingMorning.addingTimeInterval(Double(i % 28_800) + Double(n) * 60)
                let opinion = switch event.transition {
                case .recommend: "同意推荐"
                case .approve: "材料齐全，同意上报"
                case .returnForCorrection: "请补充专业技术工作报告中的项目支撑材料"
                case .reject: "不符合申报条件"
                case .cancelForIntegrity: "经核实存在弄虚作假行为"
                case .acceptAtIntake: "原件已核验"
                default: ""
                }
                let e = WorkflowEvent(applicationID: app.id!, occurredAt: at, actorID: actor.id, actorName: actor.realName,
                                      organizationName: orgs.names[actor.$organization.id] ?? unit.organization.name,
                                      transition: event.transition.rawValue, fromState: event.from.rawValue,
                                      toState: event.to.rawValue, opinion: opinion)
                e.id = UUID()
                events.append(e)
                audit.append(chain.next(AuditEntry(actorID: actor.id, actorName: actor.username, role: actor.roleRaw,
                                                   action: event.transition.auditAction, objectType: "application",
                                                   objectID: app.id!.uuidString, ip: "127.0.0.1",
                                                   detail: "\(event.from.rawValue) -> \(event.to.rawValue)"), at: at))
            }
            if walk.state == .accepted {
                app.$applicant.value = applicant
                app.$unit.value = unit.organization
                accepted.append(SeedCommittee.Candidate(app: app, applicant: applicant, unit: unit.organization, workStart: workStart,
                                                        papers: papers.count, excellentYears: 1))
            }
            summary.byState[walk.state.rawValue, default: 0] += 1
            summary.byLevel[level.jsonName, default: 0] += 1
        }
    }
}

/// The audit log's hash chain continued in memory: each record links to the one
/// before, exactly as `AuditLog.append` links them, so `audit verify` passes.
struct AuditChain {
    var seq: Int
    var hash: String

    static func load(on db: any Database) async throws -> AuditChain {
        let last = try await AuditRecord.query(on: db).sort(\.$seq, .descending).first()
        return AuditChain(seq: last?.seq ?? 0, hash: last?.hash ?? AuditLog.genesisHash)
    }

    /// PostgreSQL: hold the appenders' lock for the transaction, as `AuditLog.append` does.
    static func lock(on db: any Database) async throws {
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw(AuditLog.advisoryLockSQL).run()
        }
    }

    mutating func next(_ entry: AuditEntry, at date: Date) -> AuditRecord {
        let record = AuditLog.chained(entry, seq: seq + 1, at: date, previousHash: hash)
        record.id = UUID()
        seq = record.seq
        hash = record.hash
        return record
    }
}
