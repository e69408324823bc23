import Domain
import Fluent
import Foundation

/// The committee stage of a seeded year (issue 16, item 8): the accepted applications of
/// `Seeder` carried to the year's end through the same domain rules as the pages —
/// `Workflow.fire` for every state change, `PanelDraw` for the panels, `DefenseGrading`
/// for the defense grades, `QuantitativeTable` for the points, `CommitteeRules` for the
/// committees' membership, `CommitteeVote.decide` for each ballot, the official calendar
/// for the result publicities, `CertificateIssuer.create` for the certificates and
/// `IntegrityRecord.open` for the revocations (十（二））.
///
/// Everything is worked out in memory first, then written in one transaction: the rows in
/// multi-row inserts, the applications' new states in one UPDATE per state and chunk, the
/// certificates one by one through the results page's own code (their numbers count the
/// rows before them).
struct SeedCommittee {
    /// An application the intake accepted, with what the stage reads of it.
    struct Candidate {
        var app: ApplicationRecord
        var applicant: UserAccount
        var unit: Organization
        var workStart: Int
        var papers: Int
        var excellentYears: Int
    }

    struct SeedCommitteeError: Error, CustomStringConvertible {
        var description: String
    }

    /// Applications per defense panel and per meeting: a real office splits a large
    /// specialty over several panels (and days), and a long agenda over several meetings.
    static let applicantsPerPanel = 30
    static let applicantsPerMeeting = 200
    /// The pool per specialty: the panel's size and two spare experts, so a conflict
    /// (same employer as an applicant) never leaves a panel short.
    static let spareExperts = 2

    // MARK: what is written

    var accounts: [UserAccount] = []
    var experts: [Expert] = []
    var committees: [ReviewCommitteeRecord] = []
    var committeeMembers: [ReviewCommitteeMember] = []
    var similarityJobs: [SimilarityJob] = []
    var similarityResults: [SimilarityResult] = []
    var panels: [DefensePanel] = []
    var panelMembers: [DefensePanelMember] = []
    var slots: [DefenseSlot] = []
    var scores: [DefenseScoreRecord] = []
    var points: [QuantitativePoints] = []
    var meetings: [CommitteeMeeting] = []
    var meetingMembers: [MeetingMember] = []
    var markers: [BallotMarker] = []
    var tallies: [BallotTally] = []
    var publicities: [ResultPublicity] = []
    var cases: [ResultCase] = []
    var flags: [IntegrityFlag] = []
    var events: [WorkflowEvent] = []
    var audit: [AuditRecord] = []
    /// Certificates to issue, in number order, with the day and the issuing committee.
    var certificates: [(candidate: Candidate, day: LocalDate, committee: String)] = []
    /// Certificates revoked for false materials, with the day and the basis.
    var revocations: [(candidate: Candidate, day: LocalDate, basis: String)] = []
    /// Each application's state at the end.
    var finalState: [UUID: ApplicationState] = [:]

    // MARK: while the stage is built

    /// Each application's state as the stage moves it (every change through `fire`).
    var state: [UUID: ApplicationState] = [:]
    /// The audit chain and the generator `build` was given, carried through its phases
    /// (in the files beside this one) and handed back at its end.
    var chain = AuditChain(seq: 0, hash: AuditLog.genesisHash)
    var rng = SeedRandom(seed: 0)

    // MARK: the year's rules and the actors

    let policy: Policy
    let calendar: WorkingDayCalendar
    let year: Int
    let orgs: SeedOrganizations
    let committeeRules: CommitteeRules
    let defenseRules: DefenseRules
    let table: QuantitativeTable
    let copyRule: CopyRatioRule
    let panelSize: Int
    let minimumScorers: Int
    let publicityDays: Int
    let integrityYears: Int
    var office: UserAccount { orgs.officeClerk }

    init(policy: Policy, calendar: WorkingDayCalendar, orgs: SeedOrganizations) throws {
        self.policy = policy
        self.calendar = calendar
        self.orgs = orgs
        year = policy.applicationDate.year
        committeeRules = try CommitteeRules(policy: policy)
        defenseRules = try DefenseRules(policy: policy)
        table = try QuantitativeTable(policy: policy)
        copyRule = CopyRatioRule(try ReviewYear(policy))
        func integer(_ id: String) throws -> Int {
            guard case .integer(let n)? = policy.parameter(id)?.value, n > 0 else {
                throw SeedCommitteeError(description: "policy \(policy.id): parameter \(id) missing or not a positive whole number")
            }
            return n
        }
        panelSize = try integer("defensePanelSize")
        minimumScorers = try integer("defenseMinimumScorers")
        publicityDays = try integer("resultPublicityWorkingDays")
        integrityYears = try integer("integrityRecordYears")
    }

    // MARK: the stage

    /// Builds the whole stage in memory, phase by phase in the year's order (each phase's
    /// draws from `rng` come in the same order as ever, so a seed fills the same database):
    /// the pool and committees (`SeedCommittee+Pool`), points, the duplication check and
    /// panels (`+Panels`), meetings and votes (`+Meetings`), results and certificates (`+Results`).
    mutating func build(_ candidates: [Candidate], passwordHash: String, chain: inout AuditChain,
                        rng: inout SeedRandom) throws {
        self.chain = chain
        self.rng = rng
        defer { chain = self.chain; rng = self.rng }
        let intakeEnd = policy.intake.upperBound
        let termStart = LocalDate(year: year - 1, month: 1, day: 1)!
        let memberTermEnd = termStart.adding(years: committeeRules.memberTermYears).adding(days: -1)
        let expertTermEnd = termStart.adding(years: ExpertTerm.maximumYears).adding(days: -1)
        if let problem = ExpertTerm.problem(start: termStart, end: expertTermEnd) { throw SeedCommitteeError(description: problem) }
        guard termStart <= intakeEnd, intakeEnd < expertTermEnd, intakeEnd < memberTermEnd else {
            throw SeedCommitteeError(description: "the experts' and committees' terms do not cover \(year)")
        }
        let (pool, accountOf) = draftExpertPool(termStart: termStart, termEnd: expertTermEnd, passwordHash: passwordHash)
        let committeeOf = try formCommittees(pool: pool, termStart: termStart, termEnd: memberTermEnd)

        for c in candidates { state[c.app.id!] = .accepted }

        let scoringDay = try workday(after: intakeEnd.adding(days: 3))
        let quantitative = try scoreQuantitative(candidates)
        let admitted = try checkSimilarity(candidates.filter { CommitteeTier.defends($0.app.level) }, intakeEnd: intakeEnd)
        let lastDefenseDay = try drawPanels(admitted, pool: pool, accountOf: accountOf, quantitative: quantitative, intakeEnd: intakeEnd)
        try referJuniors(candidates, quantitative: quantitative, scoringDay: scoringDay)
        let decided = try holdMeetings(candidates, committeeOf: committeeOf, lastDefenseDay: lastDefenseDay)
        try publishResults(decided)
        try revokeForFalseMaterials()
        for (id, s) in state where s != .accepted { finalState[id] = s }
    }

    // MARK: shared by the phases

    /// One state change through the workflow's own rules, with its event and chained audit record.
    mutating func fire(_ transition: ApplicationTransition, _ c: Candidate, at: Date, actor: UserAccount, role: Role = .committeeOffice,
                       shown: (name: String, organization: String)? = nil, reason: String,
                       adjust: (inout TransitionFacts) -> Void = { _ in }) throws {
        let id = c.app.id!
        let from = state[id]!
        var facts = TransitionFacts(actorRole: role, actorIsApplicant: false, reason: reason)
        facts.committeeActor = true
        facts.levelDefends = CommitteeTier.defends(c.app.level)
        adjust(&facts)
        let next: ApplicationState
        switch Workflow.fire(transition, from: from, facts: facts) {
        case .success(let s): next = s
        case .failure(let refusal):
            throw SeedCommitteeError(description: "\(transition.rawValue) from \(from.rawValue): \(refusal.message)")
        }
        let e = WorkflowEvent(applicationID: id, occurredAt: at, actorID: actor.id, actorName: shown?.name ?? actor.realName,
                              organizationName: shown?.organization ?? orgs.names[actor.$organization.id] ?? "",
                              transition: transition.rawValue, fromState: from.rawValue, toState: next.rawValue, opinion: reason)
        e.id = UUID()
        events.append(e)
        audit.append(chain.next(AuditEntry(actorID: actor.id, actorName: actor.username, role: actor.roleRaw,
                                           action: transition.auditAction, objectType: "application", objectID: id.uuidString,
                                           ip: "127.0.0.1", detail: "\(from.rawValue) -> \(next.rawValue)"), at: at))
        state[id] = next
    }
    mutating func officeEntry(_ action: String, _ type: String, _ objectID: UUID, _ detail: String, at: Date, by: UserAccount? = nil) {
        let actor = by ?? office
        audit.append(chain.next(AuditEntry(actorID: actor.id, actorName: actor.username, role: actor.roleRaw, action: action,
                                           objectType: type, objectID: objectID.uuidString, ip: "127.0.0.1", detail: detail), at: at))
    }
    func workday(after day: LocalDate) throws -> LocalDate { try calendar.nextWorkday(after: day) }

    /// Writes the stage in one transaction (with the audit appenders' lock, as `Rows.insert`).
    func insert(on db: any Database) async throws {
        let stage = self
        try await db.transaction { tx in
            try await AuditChain.lock(on: tx)
            try await Seeder.insert(stage.accounts, on: tx)
            try await Seeder.insert(stage.experts, on: tx)
            try await Seeder.insert(stage.committees, on: tx)
            try await Seeder.insert(stage.committeeMembers, on: tx)
            try await Seeder.insert(stage.similarityJobs, on: tx)
            try await Seeder.insert(stage.similarityResults, on: tx)
            try await Seeder.insert(stage.panels, on: tx)
            try await Seeder.insert(stage.panelMembers, on: tx)
            try await Seeder.insert(stage.slots, on: tx)
            try await Seeder.insert(stage.scores, on: tx)
            try await Seeder.insert(stage.points, on: tx)
            try await Seeder.insert(stage.meetings, on: tx)
            try await Seeder.insert(stage.meetingMembers, on: tx)
            try await Seeder.insert(stage.markers, on: tx)
            try await Seeder.insert(stage.tallies, on: tx)
            try await Seeder.insert(stage.publicities, on: tx)
            try await Seeder.insert(stage.cases, on: tx)
            try await Seeder.insert(stage.flags, on: tx)
            // The new states: one UPDATE per state and chunk of ids.
            var byState: [ApplicationState: [UUID]] = [:]
            for (id, s) in stage.finalState { byState[s, default: []].append(id) }
            for (s, ids) in byState.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                var from = 0
                while from < ids.count {
                    let chunk = Array(ids[from..<min(from + 500, ids.count)])
                    try await ApplicationRecord.query(on: tx).filter(\.$id ~~ chunk).set(\.$state, to: s.rawValue).update()
                    from += 500
                }
            }
            // Certificates through the results page's own code (number, code, holder copied).
            for (c, day, committee) in stage.certificates {
                try await CertificateIssuer.create(tx, application: c.app, day: day, committee: committee)
            }
            // Revocations as the integrity page makes them: certificate revoked, record opened.
            for (c, day, basis) in stage.revocations {
                if let cert = try await CertificateRecord.query(on: tx).filter(\.$application.$id == c.app.id!).first() {
                    cert.revokedOn = day.iso
                    cert.revokedReason = "提供虚假材料，取消评审资格"
                    try await cert.update(on: tx)
                }
                try await IntegrityRecord.open(application: c.app, basis: basis, from: day, years: stage.integrityYears,
                                               unitFailure: nil, by: stage.office.id, on: tx)
            }
            try await Seeder.insert(stage.events, on: tx)
            try await Seeder.insert(stage.audit, on: tx)
        }
    }
}
