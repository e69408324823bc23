import Domain
import Fluent
import Foundation

/// The committee stage's scoring (issue 16, item 8): 量化赋分 for everyone accepted (九),
/// the duplication check (七.1), the defense panels per specialty with their scores and
/// grades, and the juniors referred to the 初级评委会 on their points.
extension SeedCommittee {
    /// 量化赋分 from the declaration, capped by the year's table: each application's total.
    mutating func scoreQuantitative(_ candidates: [Candidate]) throws -> [UUID: Tenths] {
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
        return quantitative
    }

    /// The engineers' duplication check: those whose paper copies no more than the limit.
    mutating func checkSimilarity(_ engineers: [Candidate], intakeEnd: LocalDate) throws -> [Candidate] {
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
        return admitted
    }

    /// Panels per specialty (a chunk of applicants each), defense slots, every member's
    /// scores and the grades the lead closes with; returns the last defense day.
    mutating func drawPanels(_ admitted: [Candidate], pool: [String: [Expert]], accountOf: [UUID: UserAccount],
                             quantitative: [UUID: Tenths], intakeEnd: LocalDate) throws -> LocalDate {
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
        return lastDefenseDay
    }

    /// Assistant engineers and technicians: referred to the 初级评委会 on their points (九).
    mutating func referJuniors(_ candidates: [Candidate], quantitative: [UUID: Tenths], scoringDay: LocalDate) throws {
        let referDay = try workday(after: scoringDay)
        for (i, c) in candidates.enumerated() where !CommitteeTier.defends(c.app.level) {
            let q = quantitative[c.app.id!]!
            try fire(.referToCommittee, c, at: referDay.beijingMorning.addingTimeInterval(Double(i)), actor: office,
                     reason: "量化赋分\(q)分，提交初级评委会评议") { $0.quantitativeScored = true }
        }
    }
}
