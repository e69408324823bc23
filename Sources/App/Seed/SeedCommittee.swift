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

    /// Builds the whole stage in memory.
    mutating func build(_ candidates: [Candidate], passwordHash: String, chain: inout AuditChain,
                        rng: inout SeedRandom) throws {
        let intakeEnd = policy.intake.upperBound
        let termStart = LocalDate(year: year - 1, month: 1, day: 1)!
        let memberTermEnd = termStart.adding(years: committeeRules.memberTermYears).adding(days: -1)
        let expertTermEnd = termStart.adding(years: ExpertTerm.maximumYears).adding(days: -1)
        if let problem = ExpertTerm.problem(start: termStart, end: expertTermEnd) { throw SeedCommitteeError(description: problem) }
        guard termStart <= intakeEnd, intakeEnd < expertTermEnd, intakeEnd < memberTermEnd else {
            throw SeedCommitteeError(description: "the experts' and committees' terms do not cover \(year)")
        }

        // The expert pool: per specialty the panel's size and spares, each with an account.
        var pool: [String: [Expert]] = [:]
        var accountOf: [UUID: UserAccount] = [:]
        let poolDay = termStart.beijingMorning
        for (s, specialty) in SeedNames.specialties.enumerated() {
            for k in 0..<(panelSize + Self.spareExperts) {
                let n = experts.count + 1
                // The spares work for employers that also declare (a conflict the draw sets aside
                // when one of theirs is in the group); the rest for the supervising departments,
                // whose staff never declare here, so a panel can always be drawn.
                let departments = orgs.bodies.filter { $0.kind == .competentDepartment }
                let employer = k < Self.spareExperts || departments.isEmpty
                    ? orgs.units[rng.below(orgs.units.count)].organization : departments[rng.below(departments.count)]
                let name = SeedNames.person(700_000 + n * 17)
                let account = UserAccount(id: UUID(), username: "seed-expert-\(String(format: "%03d", n))",
                                          passwordHash: passwordHash, role: .expert, organizationID: employer.id!, realName: name)
                let e = Expert(name: name, userID: account.id, organizationID: employer.id!, specialty: specialty,
                               title: k % 3 == 0 ? "正高级工程师" : "高级工程师",
                               contact: "1390356" + String(format: "%04d", n), termStart: termStart.iso, termEnd: expertTermEnd.iso)
                e.id = UUID()
                accounts.append(account)
                experts.append(e)
                accountOf[e.id!] = account
                pool[specialty, default: []].append(e)
                audit.append(chain.next(AuditEntry(actorID: nil, actorName: "system", role: nil, action: "account.create",
                                                   objectType: "account", objectID: account.id?.uuidString, ip: nil,
                                                   detail: "seed expert \(account.username) \(specialty) (\(s + 1))"), at: poolDay))
            }
        }

        // The year's two committees from the pool (四（三）), odd, at least the minimum, one chair.
        var committeeOf: [CommitteeTier: (record: ReviewCommitteeRecord, members: [(Expert, CommitteeRole)])] = [:]
        for (t, tier) in [CommitteeTier.intermediate, .junior].enumerated() {
            var size = max(committeeRules.minimumMembers, tier == .intermediate ? 11 : 9)
            if size % 2 == 0 { size += 1 }
            let name = tier == .intermediate ? "长治市工程系列中级专业技术职务评审委员会" : "长治市工程系列初级专业技术职务评审委员会"
            let record = ReviewCommitteeRecord(year: year, tier: tier, name: name, termStart: termStart, termEnd: memberTermEnd)
            record.id = UUID()
            // One expert of each specialty in turn (the intermediate the first, the junior the second).
            var chosen: [Expert] = []
            var k = 0
            while chosen.count < size {
                let list = pool[SeedNames.specialties[k % SeedNames.specialties.count]]!
                chosen.append(list[(t + k / SeedNames.specialties.count * 2) % list.count])
                k += 1
            }
            let members = chosen.enumerated().map { i, e in (e, i == 0 ? CommitteeRole.chair : i == 1 ? .viceChair : .member) }
            let problems = committeeRules.problems(roles: members.map(\.1))
            guard problems.isEmpty else { throw SeedCommitteeError(description: "\(tier.label): " + problems.joined(separator: "; ")) }
            committees.append(record)
            for (e, role) in members {
                let m = ReviewCommitteeMember(committeeID: record.id!, expertID: e.id!, role: role)
                m.id = UUID()
                committeeMembers.append(m)
            }
            committeeOf[tier] = (record, members)
            audit.append(chain.next(AuditEntry(actorID: office.id, actorName: office.username, role: office.roleRaw, action: "committee.create",
                                               objectType: "committee", objectID: record.id!.uuidString, ip: "127.0.0.1",
                                               detail: "\(tier.rawValue) members \(members.count)"), at: poolDay.addingTimeInterval(3600)))
        }

        var state: [UUID: ApplicationState] = [:]
        for c in candidates { state[c.app.id!] = .accepted }

        /// One state change through the workflow's own rules, with its event and chained audit record.
        func fire(_ transition: ApplicationTransition, _ c: Candidate, at: Date, actor: UserAccount, role: Role = .committeeOffice,
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
        func officeEntry(_ action: String, _ type: String, _ objectID: UUID, _ detail: String, at: Date, by: UserAccount? = nil) {
            let actor = by ?? office
            audit.append(chain.next(AuditEntry(actorID: actor.id, actorName: actor.username, role: actor.roleRaw, action: action,
                                               objectType: type, objectID: objectID.uuidString, ip: "127.0.0.1", detail: detail), at: at))
        }
        func workday(after day: LocalDate) throws -> LocalDate { try calendar.nextWorkday(after: day) }

        // 量化赋分 for everyone accepted (九), from the declaration, capped by the year's table.
        let scoringDay = try workday(after: intakeEnd.adding(days: 3))
        var quantitative: [UUID: Tenths] = [:]
        for c in candidates {
            let units: [(QuantitativeKind, Int)] = [
                (.projects, 1 + rng.below(5)), (.papers, c.papers), (.education, c.app.level == .technician ? 1 : 2),
                (.workYears, max(0, year - c.workStart)), (.assessments, 3 + c.excellentYears),
                (.awards, rng.below(4) == 0 ? 1 : 0), (.posts, rng.below(2)),
            ]
            var total = 0
            for (kind, n) in units where n > 0 {
                let p = table.points(kind, units: n)
                if let problem = table.problem(kind, points: p) { throw SeedCommitteeError(description: problem) }
                let row = QuantitativePoints(applicationID: c.app.id!, kind: kind.rawValue, points: p.rawValue,
                                             reason: "依据申报材料赋分：\(kind.label)\(n)项")
                row.id = UUID()
                points.append(row)
                total += p.rawValue
            }
            quantitative[c.app.id!] = Tenths(total)
        }

        // Engineers: the duplication check (七.1), then panels per specialty, scores, grades.
        let engineers = candidates.filter { CommitteeTier.defends($0.app.level) }
        let checkDay = try workday(after: intakeEnd)
        let job = SimilarityJob(year: year, requestedAt: checkDay.beijingMorning, requestedBy: office.id)
        job.id = UUID()
        job.state = SimilarityJob.State.done.rawValue
        job.total = engineers.count
        job.done = engineers.count
        job.finishedAt = checkDay.beijingMorning.addingTimeInterval(1800).timeIntervalSince1970
        if !engineers.isEmpty { similarityJobs.append(job) }
        var admitted: [Candidate] = []
        for c in engineers {
            // A few papers copy more than the limit: they are not admitted and stay accepted.
            let ratio = rng.below(40) == 0 ? 0.26 + Double(rng.below(20)) / 100 : Double(1 + rng.below(22)) / 100
            let characters = 4000 + rng.below(4000)
            let r = try SimilarityResult(jobID: job.id!, applicationID: c.app.id!, paperTextID: nil, characters: characters,
                                         covered: Int(Double(characters) * ratio), ratio: ratio, sources: [], error: nil,
                                         checkedAt: checkDay.beijingMorning.addingTimeInterval(600))
            r.id = UUID()
            similarityResults.append(r)
            let admission = DefenseAdmission.decide(copyRule, ours: .ratio(ratio), external: nil, decision: nil, reason: "", decidedOn: nil)
            if admission.admitsDefense { admitted.append(c) }
        }

        let drawDay = try workday(after: intakeEnd.adding(days: 5))
        var defenseDays = [try workday(after: drawDay.adding(days: 2))]
        var lastDefenseDay = defenseDays[0]
        for (s, specialty) in SeedNames.specialties.enumerated() {
            let group = admitted.filter { $0.app.specialty == specialty }
            var chunks: [[Candidate]] = []
            var from = 0
            while from < group.count {
                chunks.append(Array(group[from..<min(from + Self.applicantsPerPanel, group.count)]))
                from += Self.applicantsPerPanel
            }
            for (k, chunk) in chunks.enumerated() {
                while defenseDays.count <= k { defenseDays.append(try workday(after: defenseDays.last!)) }
                let day = defenseDays[k]
                lastDefenseDay = max(lastDefenseDay, day)
                let candidatesOfPool = pool[specialty]!.map(PanelFactory.candidate)
                let applicants = chunk.map { GroupApplicant(applicationID: $0.app.id!, name: $0.applicant.realName, employerID: $0.unit.id!) }
                let seed = rng.next()
                let drawn: PanelDraw.Result
                switch PanelDraw.draw(pool: candidatesOfPool, applicants: applicants, declared: [], size: panelSize, seed: seed) {
                case .success(let d): drawn = d
                case .failure(let f): throw SeedCommitteeError(description: "\(specialty): \(f.message)")
                }
                let room = "长治市工业和信息化局\(s + 1)号答辩室"
                let panel = DefensePanel(year: year, specialty: specialty, seed: seed,
                                         excluded: drawn.excluded.map { "\($0.expert.name)：\($0.reason)" }.joined(separator: "；"), room: room)
                panel.id = UUID()
                panels.append(panel)
                officeEntry("panel.draw", "panel", panel.id!, "\(specialty) seed \(seed) size \(panelSize) excluded \(drawn.excluded.count)",
                            at: drawDay.beijingMorning.addingTimeInterval(Double(panels.count) * 60))
                var seated: [DefensePanelMember] = []
                for (i, m) in drawn.members.enumerated() {
                    let pm = DefensePanelMember(panelID: panel.id!, expertID: m.id, position: i + 1, isLead: i == 0)
                    pm.id = UUID()
                    seated.append(pm)
                }
                panelMembers += seated
                let lead = accountOf[drawn.members[0].id]!
                // 安排答辩, a slot every 15 minutes from 08:30 on the panel's day.
                var entries: [DefenseScoreEntry] = []
                for (i, c) in chunk.enumerated() {
                    let minutes = 8 * 60 + 30 + i * 15
                    let text = "\(day.iso) \(String(format: "%02d:%02d", minutes / 60, minutes % 60))"
                    guard case .success(let time) = DefenseTime.parse(text, reviewYear: year) else {
                        throw SeedCommitteeError(description: "defense time \(text) refused")
                    }
                    let slot = DefenseSlot(panelID: panel.id!, applicationID: c.app.id!, room: room, startsAt: time.text)
                    slot.id = UUID()
                    slots.append(slot)
                    try fire(.scheduleDefense, c, at: drawDay.beijingMorning.addingTimeInterval(3600 + Double(i) * 30), actor: office,
                             reason: "\(specialty)评审组，\(room)，\(time.text)")
                    // Every member scores (the draw set aside anyone with a conflict), in tenths.
                    let quality = 620 + rng.below(330)
                    for m in drawn.members {
                        let materials = min(1000, max(0, quality + rng.below(81) - 40))
                        let onsite = min(1000, max(0, quality + rng.below(101) - 50))
                        let row = DefenseScoreRecord(panelID: panel.id!, applicationID: c.app.id!, expertID: m.id,
                                                     materials: materials, onsite: onsite)
                        row.id = UUID()
                        scores.append(row)
                        entries.append(DefenseScoreEntry(applicant: c.app.id!.uuidString, expert: m.id.uuidString,
                                                         materials: Tenths(materials), onsite: Tenths(onsite)))
                    }
                }
                guard drawn.members.count >= minimumScorers else {
                    throw SeedCommitteeError(description: "\(specialty): fewer than \(minimumScorers) scorers")
                }
                // The lead closes the panel: each defense concluded by its grade (差 eliminated, 九).
                let closedAt = day.beijingMorning.addingTimeInterval(8 * 3600)
                panel.state = "closed"
                panel.closedAt = closedAt
                var panelQuantitative: [String: Tenths] = [:]
                for c in chunk { panelQuantitative[c.app.id!.uuidString] = quantitative[c.app.id!] }
                let graded = DefenseGrading.grade(entries, quantitative: panelQuantitative, rules: defenseRules)
                for (i, c) in chunk.enumerated() {
                    guard let r = graded.applicant(c.app.id!.uuidString) else { throw SeedCommitteeError(description: "ungraded applicant") }
                    try fire(.concludeDefense, c, at: closedAt.addingTimeInterval(Double(i)), actor: lead, role: .expert,
                             shown: ("答辩评审组", "\(specialty)评审组"), reason: "答辩成绩\(r.defenseScore)，\(r.grade.label)") {
                        $0.defenseEliminated = r.eliminated
                    }
                }
                officeEntry("panel.close", "panel", panel.id!, graded.counts.description, at: closedAt.addingTimeInterval(60), by: lead)
            }
        }

        // Assistant engineers and technicians: referred to the 初级评委会 on their points (九).
        let referDay = try workday(after: scoringDay)
        for (i, c) in candidates.enumerated() where !CommitteeTier.defends(c.app.level) {
            let q = quantitative[c.app.id!]!
            try fire(.referToCommittee, c, at: referDay.beijingMorning.addingTimeInterval(Double(i)), actor: office,
                     reason: "量化赋分\(q)分，提交初级评委会评议") { $0.quantitativeScored = true }
        }

        // The meetings: each committee on its own levels, a secret ballot per applicant.
        var meetingDay = try workday(after: lastDefenseDay.adding(days: 4))
        var passedByMeeting: [(meeting: CommitteeMeeting, day: LocalDate, committee: ReviewCommitteeRecord, passed: [Candidate])] = []
        for tier in [CommitteeTier.intermediate, .junior] {
            let (record, members) = committeeOf[tier]!
            let voting = candidates.filter { CommitteeTier.of($0.app.level) == tier && ApplicationState.votingStates.contains(state[$0.app.id!]!) }
            var from = 0
            while from < voting.count {
                let agenda = Array(voting[from..<min(from + Self.applicantsPerMeeting, voting.count)])
                from += Self.applicantsPerMeeting
                guard meetingDay.year == year, let s = LocalDate(iso: record.termStart), let e = LocalDate(iso: record.termEnd),
                      (s...e).contains(meetingDay) else {
                    throw SeedCommitteeError(description: "meeting day \(meetingDay.iso) outside the review year or the committee's term")
                }
                let meeting = CommitteeMeeting(year: year, heldOn: meetingDay.iso,
                                               notes: tier == .intermediate ? "对答辩等次为优、中的申报人逐一综合评议。" : "依据量化赋分和申报材料逐一综合评议。",
                                               committeeID: record.id!)
                meeting.id = UUID()
                let start = meetingDay.beijingMorning.addingTimeInterval(3600)
                meeting.votingStartedAt = start
                meeting.state = "closed"
                meetings.append(meeting)
                // Attendance: the chair always, up to two members away, never below the quorum.
                var seats: [MeetingMember] = []
                var away = rng.below(3), absent = 0
                for (e, role) in members {
                    let m = MeetingMember(meetingID: meeting.id!, expertID: e.id!, isChair: role == .chair, role: role)
                    m.id = UUID()
                    m.present = true
                    if role == .member, away > 0, committeeRules.quorum.isReached(by: members.count - absent - 1, of: members.count) {
                        m.present = false
                        away -= 1
                        absent += 1
                    }
                    seats.append(m)
                }
                meetingMembers += seats
                let present = seats.filter(\.present)
                guard committeeRules.quorum.isReached(by: present.count, of: seats.count), present.contains(where: { $0.roleValue.presides }) else {
                    throw SeedCommitteeError(description: "meeting without quorum or a presiding member")
                }
                officeEntry("meeting.create", "committee", record.id!, meetingDay.iso, at: meetingDay.beijingMorning)
                officeEntry("meeting.start_voting", "meeting", meeting.id!, "members \(seats.count) present \(present.count)", at: start)
                let employerOf = Dictionary(members.map { ($0.0.id!, $0.0.$organization.id) }, uniquingKeysWith: { a, _ in a })
                var passed: [Candidate] = []
                for (i, c) in agenda.enumerated() {
                    // 回避: a member present who works for the applicant's employer neither votes nor counts.
                    let voters = present.filter { !ConflictRules.conflicted(expertID: $0.$expert.id, employerID: employerOf[$0.$expert.id]!,
                                                                            applicationID: c.app.id!, applicantEmployerID: c.unit.id!, declared: []) }
                    for v in voters {
                        let marker = BallotMarker(meetingID: meeting.id!, applicationID: c.app.id!, expertID: v.$expert.id)
                        marker.id = UUID()
                        markers.append(marker)
                    }
                    // Most pass by a wide margin; about one in ten falls short.
                    let agree = rng.below(10) == 0 ? voters.count / 2 + rng.below(2) : voters.count - rng.below(3)
                    let disagree = rng.below(voters.count - agree + 1)
                    let tally = BallotTally(meetingID: meeting.id!, applicationID: c.app.id!)
                    tally.id = UUID()
                    tally.agree = agree
                    tally.disagree = disagree
                    tally.abstain = voters.count - agree - disagree
                    tally.present = present.count
                    tally.recused = present.count - voters.count
                    tallies.append(tally)
                    let decision = CommitteeVote.decide(BallotCount(members: seats.count, present: tally.present, recused: tally.recused,
                                                                    agree: tally.agree, disagree: tally.disagree, abstain: tally.abstain),
                                                        rules: committeeRules)
                    guard decision.outcome != .noQuorum else { throw SeedCommitteeError(description: decision.explanation) }
                    try fire(.recordVote, c, at: start.addingTimeInterval(3600 + Double(i)), actor: office, reason: decision.explanation) {
                        $0.votePassed = decision.outcome == .passed
                    }
                    if decision.outcome == .passed { passed.append(c) }
                }
                officeEntry("meeting.close", "meeting", meeting.id!, "decided \(agenda.count)", at: start.addingTimeInterval(7200 + Double(agenda.count)))
                passedByMeeting.append((meeting, meetingDay, record, passed))
                meetingDay = try workday(after: meetingDay)
            }
        }

        // Result publicities (from the working day after the vote, for the policy's working
        // days on the official calendar), the city HR bureau's confirmation, certificates.
        let cityHR = orgs.cityHRClerk!
        for (meeting, day, committee, passed) in passedByMeeting where !passed.isEmpty {
            let starts = try workday(after: day)
            let ends = try calendar.publicityEnd(start: starts, workingDays: publicityDays)
            let publicity = ResultPublicity(year: year, starts: starts.iso, ends: ends.iso, applicationIDs: passed.map { $0.app.id! })
            publicity.id = UUID()
            let confirmed = try workday(after: ends)
            publicity.confirmedOn = confirmed.iso
            publicity.confirmedBy = cityHR.id
            publicity.confirmedByName = cityHR.realName
            publicities.append(publicity)
            officeEntry("result.publicize", "result_publicity", publicity.id!, "\(starts.iso)..\(ends.iso) \(passed.count) meeting \(meeting.id!.uuidString)",
                        at: starts.beijingMorning)
            // An objection now and then, looked into and resolved before the confirmation.
            for c in passed where rng.below(40) == 0 {
                let objection = ResultCase(applicationID: c.app.id!, kind: "objection", received: starts.adding(days: 1).iso,
                                           content: "反映申报人\(c.applicant.realName)的专业技术工作报告中项目业绩与实际不符。")
                objection.id = UUID()
                objection.resolution = "经核查，项目业绩有合同和验收材料佐证，反映问题不属实，维持评审结果。"
                objection.resolvedOn = ends.iso
                cases.append(objection)
                officeEntry("result.case", "application", c.app.id!, "objection", at: starts.adding(days: 1).beijingMorning)
                officeEntry("result.case.resolve", "application", c.app.id!, "", at: ends.beijingMorning)
            }
            officeEntry("result.confirm", "result_publicity", publicity.id!, "\(starts.iso)..\(ends.iso) \(passed.count)",
                        at: confirmed.beijingMorning, by: cityHR)
            // 发证 on the day of the confirmation: after the last working day of the publicity.
            for (i, c) in passed.enumerated() {
                try fire(.certify, c, at: confirmed.beijingMorning.addingTimeInterval(3600 + Double(i)), actor: office, reason: "")
                certificates.append((c, confirmed, committee.name))
            }
        }

        // False materials found after certification (十（二））: a few certificates revoked,
        // the review cancelled, the integrity record opened for the policy's years.
        let certified = certificates
        if certified.count >= 2 {
            var picks = Set<Int>()
            let wanted = max(1, certified.count / 30)
            while picks.count < wanted { picks.insert(rng.below(certified.count)) }
            let latest = LocalDate(year: year, month: 12, day: 20)!
            for index in picks.sorted() {
                let (c, issued, _) = certified[index]
                let day = min(latest, try workday(after: issued.adding(days: 20 + rng.below(30))))
                let basis = rng.pick(["所提交论文经核查系他人代写", "学历证书经学信网核验系伪造", "技术项目业绩材料经核查与事实不符"])
                let flag = IntegrityFlag(applicationID: c.app.id!, reporterID: office.id!, reporterName: office.realName,
                                         reporterRole: Role.committeeOffice.label, evidence: basis)
                flag.id = UUID()
                flag.state = "confirmed"
                flag.resolution = basis
                flag.resolvedAt = day.beijingMorning
                flags.append(flag)
                try fire(.cancelForIntegrity, c, at: day.beijingMorning, actor: office, reason: "提供虚假材料，取消评审资格：\(basis)")
                officeEntry("integrity.record", "application", c.app.id!, "\(integrityYears) years", at: day.beijingMorning.addingTimeInterval(1))
                revocations.append((c, day, basis))
            }
        }
        for (id, s) in state where s != .accepted { finalState[id] = s }
    }

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
