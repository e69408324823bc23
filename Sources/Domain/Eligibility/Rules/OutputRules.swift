/// The applicant's outputs (I8, I9): papers and practical materials, achievements,
/// technical reports, the work report.
extension EligibilityEngine {
    /// I8: two papers, or two practical materials, pass; one of each is for the
    /// committee to judge; fewer fail. Only items since the tenure start count, and
    /// none dated after the status date: the dossier closes then, on every route.
    func papers(_ pr: Profile, period: OutputPeriod?) -> Finding {
        let closes = p.applicationDate
        var papers = 0, materials = 0
        var rejected: RejectedItem?
        for (i, x) in pr.papers.enumerated() {
            let reason = paperRejection(x, period, closes)
            if let reason { if rejected == nil { rejected = RejectedItem(kind: .paper, index: i, reason: reason) } } else { papers += 1 }
        }
        for (i, m) in pr.technicalMaterials.enumerated() {
            var reason: OutputRejection?
            if m.characters < p.materialMinCharacters {
                reason = .tooShort(characters: m.characters, minimum: p.materialMinCharacters)
            } else if m.expertRecommendations < p.expertRecommendationsRequired {
                reason = .tooFewExperts(count: m.expertRecommendations, minimum: p.expertRecommendationsRequired)
            } else if let period, m.date < period.start {
                reason = .beforeStart(date: m.date)
            } else if m.date > closes {
                reason = .afterClose(date: m.date, closes: closes)
            }
            if let reason { if rejected == nil { rejected = RejectedItem(kind: .material, index: i, reason: reason) } } else { materials += 1 }
        }
        let outcome: Outcome
        if papers >= p.papersRequired || materials >= p.materialsRequired { outcome = .pass }
        else if papers > 0 && materials > 0 { outcome = .review }
        else { outcome = .fail }
        let facts = PapersFacts(papers: papers, materials: materials, papersRequired: p.papersRequired,
                                materialsRequired: p.materialsRequired, period: period, closes: closes,
                                rejected: outcome == .pass ? nil : rejected)
        return finding(.papers, .engineer, outcome, .papers(facts), .i8)
    }

    private func paperRejection(_ x: Profile.Paper, _ period: OutputPeriod?, _ closes: LocalDate) -> OutputRejection? {
        if !x.publicJournal { return .notPublicJournal }
        if x.authorship == .other { return .notFirstAuthor }
        if x.characters < p.paperMinCharacters { return .tooShort(characters: x.characters, minimum: p.paperMinCharacters) }
        if !x.indexed { return .notIndexed }
        if !x.relevant { return .notRelevant }
        if let period, x.published < period.start { return .beforeStart(date: x.published) }
        if x.published > closes { return .afterClose(date: x.published, closes: closes) }
        return nil
    }

    /// I9: accepted, since the tenure start and not after the status date (I8), led
    /// (rank 1) or within the backbone ranks of its level; a project, a funded project
    /// and a plan must be at one of the levels the policy lists for its kind (a project
    /// or plan at city level or above or a large enterprise's; funding from the city
    /// or above).
    func achievements(_ pr: Profile, period: OutputPeriod?) -> Finding {
        let closes = p.applicationDate
        var count = 0
        var first: Profile.Achievement?
        var rejected: RejectedItem?
        for (i, a) in pr.achievements.enumerated() {
            var reason: OutputRejection?
            if !a.accepted {
                reason = .notAccepted
            } else if let period, a.date < period.start {
                reason = .beforeStart(date: a.date)
            } else if a.date > closes {
                reason = .afterClose(date: a.date, closes: closes)
            } else if let allowed = p.countedLevels(a.kind), allowed & (1 << a.level.rawValue) == 0 {
                reason = .levelNotCounted(kind: a.kind, level: a.level, allowed: allowed)
            } else if a.rank != p.leadRank && !(p.backboneRanks[Int(a.level.rawValue)]?.contains(a.rank) ?? false) {
                reason = .rankOutside(rank: a.rank, level: a.level, range: p.backboneRanks[Int(a.level.rawValue)])
            }
            if let reason {
                if rejected == nil { rejected = RejectedItem(kind: .achievement, index: i, reason: reason) }
            } else {
                count += 1
                if first == nil { first = a }
            }
        }
        let ok = count >= p.achievementsRequired
        let facts = AchievementFacts(count: count, required: p.achievementsRequired, period: period, closes: closes, kind: first?.kind,
                                     level: first?.level, rank: first?.rank ?? 0, rejected: ok ? nil : rejected)
        return finding(.achievements, .engineer, pass(ok), .achievements(facts), .i9)
    }

    /// Clause 3.2.4: two technical reports of projects the applicant took part in.
    func technicalReports(_ pr: Profile) -> Finding {
        let n = pr.technicalReports.count
        return finding(.technicalReports, .assistantEngineer, pass(n >= p.technicalReportsRequired),
                       .technicalReports(count: n, required: p.technicalReportsRequired), .i10)
    }

    /// 专业技术工作报告 (engineer, assistant engineer) or 工作总结 (technician).
    func workReport(_ pr: Profile, _ ctx: EligibilityContext) -> Finding {
        finding(.workReport, ctx, pass(pr.workReport),
                .workReport(present: pr.workReport, summary: ctx == .technician), [])
    }

    /// 见习期满1年，经考察合格 (I10 bachelor route, I11 associate and secondary vocational).
    func probation(_ pr: Profile, _ ctx: EligibilityContext, education: EducationLevel,
                   _ interpretations: InterpretationSet) -> Finding {
        let state: ProbationFacts.State
        var metOn: LocalDate?
        let completed = pr.probation?.completed
        if let pb = pr.probation {
            if !pb.passed { state = .notPassed }
            else if let c = pb.completed, c > p.referenceDate { state = .pending; metOn = c }
            else { state = .passed }
        } else {
            state = .missing
        }
        let facts = ProbationFacts(state: state, completed: completed, years: p.probationYears, education: education)
        return finding(.probation, ctx, pass(state == .passed), .probation(facts), interpretations, metOn: metOn)
    }
}
