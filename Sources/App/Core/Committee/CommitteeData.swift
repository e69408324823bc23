import Domain
import Fluent
import Foundation
import Vapor

/// Loading what the committee stage's pages and rules need, in one place, so every
/// page, list, count and export asks the same questions (recusal included).
enum CommitteeData {
    static func integer(_ req: Request, _ id: String) throws -> Int {
        try integer(req.policies.current, id)
    }

    /// The defense rules (weights, 3:6:1) of a review year's own bundle: a panel of that year
    /// is graded by them, never by the year in use (issue 19).
    ///
    /// `@inline(never)` here and on `integer(_:_:year:)` / `Request.policies(year:)`: inlined
    /// into an async caller, the release build's compiler (Swift 6.3.1, LLVM CoroSplit) crashed
    /// splitting that caller's coroutine (ExpertPanelController.close, ReviewScores.load).
    @inline(never)
    static func rules(_ req: Request, year: Int) throws -> DefenseRules {
        try DefenseRules(policy: req.policies(year: year).current)
    }

    /// A whole-number parameter of a review year's own bundle.
    @inline(never)
    static func integer(_ req: Request, _ id: String, year: Int) throws -> Int {
        try integer(req.policies(year: year).current, id)
    }

    /// A whole-number parameter of a bundle (pages rendered from a model read it the same way).
    static func integer(_ policy: Policy, _ id: String) throws -> Int {
        guard case .integer(let n)? = policy.parameter(id)?.value else {
            throw StoredValueError(field: "policy.\(id)", value: "missing")
        }
        return n
    }

    /// The expert-pool record of a signed-in expert, if any.
    static func expert(for userID: UUID, on db: any Database) async throws -> Expert? {
        try await Expert.query(on: db).filter(\.$user.$id == userID).first()
    }

    /// Every declared or pinned conflict about these applications.
    static func declared(for applicationIDs: [UUID], on db: any Database) async throws -> [DeclaredConflict] {
        guard !applicationIDs.isEmpty else { return [] }
        // A source this version does not know is an error, never taken for the office's pin.
        return try await ExpertConflict.query(on: db).filter(\.$application.$id ~~ applicationIDs).all().map {
            DeclaredConflict(expertID: $0.$expert.id, applicationID: $0.$application.id,
                             source: try StoredValue.decode("expert_conflicts.source", $0.source, ConflictSource.init(rawValue:)),
                             reason: $0.reason)
        }
    }

    /// The experts who must stay away from an application: declared or pinned conflicts
    /// and everyone working for the applicant's employer.
    static func conflictedExperts(application: ApplicationRecord, on db: any Database) async throws -> [Expert] {
        let declaredIDs = try await declared(for: [application.id!], on: db).map(\.expertID)
        let experts = try await Expert.query(on: db).group(.or) { g in
            g.filter(\.$organization.$id == application.$unit.id)
            if !declaredIDs.isEmpty { g.filter(\.$id ~~ declaredIDs) }
        }.all()
        return experts
    }

    /// Who sits in judgement of an application on a panel, and who must not see it.
    static func panelSeat(application: ApplicationRecord, panelID: UUID, on db: any Database) async throws -> CommitteeSeatFacts {
        let members = try await DefensePanelMember.query(on: db).filter(\.$panel.$id == panelID).filter(\.$active == true)
            .with(\.$expert).all()
        let conflicted = try await conflictedExperts(application: application, on: db)
        return CommitteeSeatFacts(applicationID: application.id!,
                                  seatedUserIDs: Set(members.compactMap { $0.expert.$user.id }),
                                  conflictedUserIDs: Set(conflicted.compactMap { $0.$user.id }))
    }

    /// The same for a committee meeting: the members present.
    static func meetingSeat(application: ApplicationRecord, meetingID: UUID, on db: any Database) async throws -> CommitteeSeatFacts {
        let members = try await MeetingMember.query(on: db).filter(\.$meeting.$id == meetingID).filter(\.$present == true)
            .with(\.$expert).all()
        let conflicted = try await conflictedExperts(application: application, on: db)
        return CommitteeSeatFacts(applicationID: application.id!,
                                  seatedUserIDs: Set(members.compactMap { $0.expert.$user.id }),
                                  conflictedUserIDs: Set(conflicted.compactMap { $0.$user.id }))
    }

    /// Whether a pool expert (with or without an account) has a conflict with an application.
    static func isConflicted(_ expert: Expert, _ application: ApplicationRecord, declared: [DeclaredConflict]) -> Bool {
        ConflictRules.conflicted(expertID: expert.id!, employerID: expert.$organization.id,
                                 applicationID: application.id!, applicantEmployerID: application.$unit.id,
                                 declared: declared)
    }

    /// Experts who may be drawn on `day`: active and within their term.
    static func activePool(on db: any Database, today: LocalDate) async throws -> [Expert] {
        try await Expert.query(on: db).filter(\.$isActive == true).with(\.$organization).sort(\.$name).all().filter {
            guard let s = LocalDate(iso: $0.termStart), let e = LocalDate(iso: $0.termEnd) else { return false }
            return ExpertTerm.isInForce(start: s, end: e, on: today)
        }
    }

    /// The quantitative score of each application (sum of its items), where any item is recorded.
    static func quantitative(for applicationIDs: [UUID], on db: any Database) async throws -> [UUID: Tenths] {
        guard !applicationIDs.isEmpty else { return [:] }
        var out: [UUID: Int] = [:]
        for p in try await QuantitativePoints.query(on: db).filter(\.$application.$id ~~ applicationIDs).all() {
            out[p.$application.id, default: 0] += p.points
        }
        return out.mapValues(Tenths.init)
    }

    /// Records a decision with its reason (swap, reopening, adjustment) for the pages.
    static func note(_ req: Request, subject: UUID, kind: String, text: String, on db: any Database) async throws {
        try await CommitteeNote(subjectID: subject, kind: kind, text: text, actorName: req.currentUser?.realName ?? "-",
                                at: req.clock.now()).create(on: db)
    }

    /// A form field, trimmed.
    static func field(_ req: Request, _ name: String) -> String {
        ((try? req.content.get(String.self, at: name)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A panel with everything its pages show: members, applicants, raw scores, and the
/// grading by `DefenseGrading` (the same code as `title-review defense grade`).
struct PanelSnapshot {
    let panel: DefensePanel
    let members: [DefensePanelMember]
    let slots: [DefenseSlot]
    /// The scores that count: by members still on the panel, without a conflict with that applicant.
    let scores: [DefenseScoreRecord]
    /// Scores kept but not counted because their expert has (or has since declared) a
    /// conflict with that applicant (回避 after scoring, HotCRP style): stored, never used.
    let recusedScores: [DefenseScoreRecord]
    let quantitative: [UUID: Tenths]
    /// Every declared or pinned conflict about the panel's applicants.
    let declared: [DeclaredConflict]

    static func load(_ panel: DefensePanel, on db: any Database) async throws -> PanelSnapshot {
        let id = panel.id!
        let members = try await DefensePanelMember.query(on: db).filter(\.$panel.$id == id).with(\.$expert) { $0.with(\.$user) }
            .sort(\.$position).all()
        let slots = try await DefenseSlot.query(on: db).filter(\.$panel.$id == id)
            .with(\.$application) { $0.with(\.$applicant).with(\.$unit) }.sort(\.$startsAt).all()
        let declared = try await CommitteeData.declared(for: slots.map { $0.$application.id }, on: db)
        // Only the scores of members still on the panel count (a swapped-out member's are kept, not used),
        // and of those only the ones whose expert has no conflict with the applicant, whenever it was found.
        let active = Dictionary(members.filter(\.active).map { ($0.$expert.id, $0.expert.$organization.id) }, uniquingKeysWith: { a, _ in a })
        let employerOf = Dictionary(slots.map { ($0.$application.id, $0.application.$unit.id) }, uniquingKeysWith: { a, _ in a })
        var counted: [DefenseScoreRecord] = [], recused: [DefenseScoreRecord] = []
        for score in try await DefenseScoreRecord.query(on: db).filter(\.$panel.$id == id).all() {
            guard let expertEmployer = active[score.$expert.id], let applicantEmployer = employerOf[score.$application.id] else { continue }
            if PanelScorers.counts(expertID: score.$expert.id, expertEmployerID: expertEmployer, applicationID: score.$application.id,
                                   applicantEmployerID: applicantEmployer, declared: declared) {
                counted.append(score)
            } else {
                recused.append(score)
            }
        }
        let q = try await CommitteeData.quantitative(for: slots.map { $0.$application.id }, on: db)
        return PanelSnapshot(panel: panel, members: members, slots: slots, scores: counted, recusedScores: recused,
                             quantitative: q, declared: declared)
    }

    var activeMembers: [DefensePanelMember] { members.filter(\.active) }
    var lead: DefensePanelMember? { activeMembers.first(where: \.isLead) ?? activeMembers.first }

    /// The raw scores as `DefenseGrading` reads them, applicants by application id,
    /// experts by pool id, in the slots' order.
    var entries: [DefenseScoreEntry] {
        slots.flatMap { slot in
            scores.filter { $0.$application.id == slot.$application.id }
                .sorted { $0.$expert.id.uuidString < $1.$expert.id.uuidString }
                .map { DefenseScoreEntry(applicant: slot.$application.id.uuidString, expert: $0.$expert.id.uuidString,
                                         materials: Tenths($0.materials), onsite: Tenths($0.onsite)) }
        }
    }

    func graded(rules: DefenseRules) -> PanelResult {
        var q: [String: Tenths] = [:]
        for (k, v) in quantitative { q[k.uuidString] = v }
        // Quantitative scores only for applicants with defense scores (the contract's rule).
        let scored = Set(entries.map(\.applicant))
        return DefenseGrading.grade(entries, quantitative: q.filter { scored.contains($0.key) }, rules: rules)
    }

    /// What is still missing before the lead may close the panel, in Chinese: every member
    /// free of conflict has scored every applicant, and each applicant has at least
    /// `minimumScorers` of them (the bundle's `defenseMinimumScorers`). An applicant the
    /// viewer must stay away from is not named to them.
    func closeProblems(minimumScorers: Int, viewer: Expert?) -> [String] {
        var out: [String] = []
        let candidates = activeMembers.map { PanelFactory.candidate($0.expert) }
        for slot in slots {
            let hidden = viewer.map { CommitteeData.isConflicted($0, slot.application, declared: declared) } ?? false
            let name = hidden ? "一位您须回避的申报人" : slot.application.applicant.realName
            let applicant = GroupApplicant(applicationID: slot.$application.id, name: name, employerID: slot.application.$unit.id)
            let eligible = PanelScorers.eligible(members: candidates, applicant: applicant, declared: declared)
            if eligible.count < minimumScorers {
                out.append("\(name)的无需回避评分专家仅\(eligible.count)人，不足\(minimumScorers)人，不能确定答辩成绩；请评委会办公室替换须回避的成员")
            }
            for m in eligible where !scores.contains(where: { $0.$application.id == slot.$application.id && $0.$expert.id == m.id }) {
                out.append("\(m.name)尚未给\(name)评分")
            }
        }
        return out
    }

    /// The `title-review defense grade` input for this panel, so anyone can recompute it:
    /// encoded, never assembled from strings. Scores are decimal numbers as the command reads them.
    var commandInput: String {
        get throws {
            struct Score: Encodable { var applicant: String; var expert: String; var materials: Decimal; var onsite: Decimal }
            struct Input: Encodable { var scores: [Score]; var quantitative: [String: Decimal] }
            func number(_ t: Tenths) throws -> Decimal {
                guard let d = Decimal(string: t.description, locale: Locale(identifier: "en_US_POSIX")) else {
                    throw StoredValueError(field: "score", value: t.description)
                }
                return d
            }
            var q: [String: Decimal] = [:]
            let scored = Set(entries.map(\.applicant))
            for slot in slots where scored.contains(slot.$application.id.uuidString) {
                if let v = quantitative[slot.$application.id] { q[slot.$application.id.uuidString] = try number(v) }
            }
            let input = Input(scores: try entries.map { Score(applicant: $0.applicant, expert: $0.expert,
                                                              materials: try number($0.materials), onsite: try number($0.onsite)) },
                              quantitative: q)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(input), as: UTF8.self)
        }
    }
}
