import Testing
@testable import Domain

/// Properties over seeded, generated profiles: changes that can only help the
/// applicant never make the answer worse, and the answer is consistent with itself.
@Suite struct PropertyTests {
    static let sample: [Profile] = {
        var g = ProfileGenerator(seed: 20_221_231)
        return (0..<4000).map { _ in g.profile() }
    }()

    /// eligible < manual_review < ineligible.
    func rank(_ v: Verdict) -> Int { v == .eligible ? 0 : (v == .manualReview ? 1 : 2) }

    @Test func verdictAndEarliestDateFollowTheFindings() {
        for p in Self.sample {
            let a = shippedEngine.evaluate(p)
            let fails = a.findings.filter { $0.outcome == .fail }
            let reviews = a.findings.filter { $0.outcome == .review }
            #expect(a.verdict == (fails.isEmpty ? (reviews.isEmpty ? .eligible : .manualReview) : .ineligible))
            if let d = a.earliestEligible {
                #expect(a.verdict == .ineligible)
                #expect(d > shippedPolicy.referenceDate)
                #expect(fails.allSatisfy { $0.metOn != nil && $0.metOn! <= d })
            } else if a.verdict == .ineligible {
                #expect(fails.contains { $0.metOn == nil })
            }
            #expect(a.findings.allSatisfy { $0.outcome == .fail || $0.metOn == nil })
        }
    }

    /// Whether a change reached the outcome of some finding: a property checked only on
    /// changes that alter nothing proves nothing, so the tests below count these.
    func outcomesDiffer(_ a: EligibilityAnswer, _ b: EligibilityAnswer) -> Bool {
        a.route != b.route || a.findings.map(\.outcome) != b.findings.map(\.outcome)
    }

    /// An earlier title never hurts. For assistant engineers only when no assessment is
    /// below competent: I5 checks every assessment from the (now earlier) start year on.
    /// Most moves change no outcome (the title was long enough already); the property is
    /// exercised only where one did, and that must happen often enough to mean something.
    @Test func movingTheTitleEarlierNeverHurts() {
        var g = ProfileGenerator(seed: 1)
        var exercised = 0, improved = 0
        for p in Self.sample where !p.titles.isEmpty {
            if p.targetLevel == .assistantEngineer && p.assessments.contains(where: { !shippedPolicy.eligibility.passing($0.result) }) { continue }
            let before = shippedEngine.evaluate(p)
            var q = p
            let days = g.int(1...2500)
            for i in q.titles.indices {
                q.titles[i].qualified = q.titles[i].qualified.adding(days: -days)
                q.titles[i].appointed = q.titles[i].appointed?.adding(days: -days)
            }
            let after = shippedEngine.evaluate(q)
            #expect(rank(after.verdict) <= rank(before.verdict), "\(ProfileJSON.encodeString(p)) moved \(days) days")
            if outcomesDiffer(before, after) { exercised += 1 }
            if rank(after.verdict) < rank(before.verdict) { improved += 1 }
        }
        #expect(exercised >= 300, "only \(exercised) moves changed a finding's outcome")
        #expect(improved >= 20, "only \(improved) moves improved the verdict")
    }

    /// I8: the dossier closes at the status date. A paper, material or achievement dated
    /// after it changes no outcome, on any route; the same item on the status date itself
    /// does count for some.
    @Test func itemsAfterTheStatusDateNeverCount() {
        var g = ProfileGenerator(seed: 6)
        let closes = shippedPolicy.applicationDate
        var counted = 0
        for p in Self.sample where p.targetLevel == .engineer && p.track == .regular {
            let before = shippedEngine.evaluate(p)
            func add(_ d: LocalDate) -> Profile {
                var q = p
                q.papers.append(Profile.Paper(published: d, characters: 5000))
                q.papers.append(Profile.Paper(published: d, characters: 5000))
                q.technicalMaterials.append(Profile.TechnicalMaterial(kind: .technicalSummary, characters: 3000, expertRecommendations: 3, date: d))
                q.achievements.append(Profile.Achievement(kind: .project, level: .provincial, rank: 1, accepted: true, date: d))
                return q
            }
            let late = shippedEngine.evaluate(add(closes.adding(days: g.int(1...400))))
            #expect(!outcomesDiffer(before, late), "\(ProfileJSON.encodeString(p))")
            if outcomesDiffer(before, shippedEngine.evaluate(add(closes))) { counted += 1 }
        }
        #expect(counted >= 1000, "items on the status date changed only \(counted) answers")
    }

    @Test func anExcellentAssessmentNeverHurts() {
        var g = ProfileGenerator(seed: 2)
        for p in Self.sample {
            var q = p
            q.assessments.insert(Profile.Assessment(year: g.int(2010...2022), result: .excellent), at: g.int(0...p.assessments.count))
            #expect(rank(shippedEngine.evaluate(q).verdict) <= rank(shippedEngine.evaluate(p).verdict), "\(ProfileJSON.encodeString(q))")
        }
    }

    @Test func aQualifyingPaperOrAchievementNeverHurts() {
        for p in Self.sample where p.targetLevel == .engineer {
            let before = rank(shippedEngine.evaluate(p).verdict)
            var q = p
            q.papers.append(Profile.Paper(published: day("2022-06-01"), characters: 5000))
            #expect(rank(shippedEngine.evaluate(q).verdict) <= before)
            q = p
            q.achievements.append(Profile.Achievement(kind: .project, level: .provincial, rank: 1, accepted: true, date: day("2022-06-01")))
            #expect(rank(shippedEngine.evaluate(q).verdict) <= before)
        }
    }

    @Test func liftingExclusionsNeverHurts() {
        for p in Self.sample {
            var q = p
            q.status = Profile.Status()
            q.unit.professionalPost = true
            #expect(rank(shippedEngine.evaluate(q).verdict) <= rank(shippedEngine.evaluate(p).verdict))
        }
    }

    /// I3: with a clean record, N years hold exactly when start + N years ≤ 2022-12-31.
    @Test func tenureBoundaryIsCalendarArithmetic() throws {
        var g = ProfileGenerator(seed: 3)
        let base = try baseProfile("engineer")
        for _ in 0..<1500 {
            let start = LocalDate(dayNumber: day("2016-01-01").dayNumber + g.int(0...1800))
            var p = base
            p.titles = [Profile.Title(series: .engineering, tier: .assistant, qualified: start)]
            let tenure = shippedEngine.evaluate(p).findings.first { $0.rule == .tenure }!
            #expect((tenure.outcome == .pass) == (start.adding(years: 4) <= shippedPolicy.referenceDate), "\(start)")
            if tenure.outcome == .fail { #expect(tenure.metOn == start.adding(years: 4)) }
        }
    }

    /// The date a failing tenure reports is exactly the first reference date on which
    /// the same rule, on the same route, passes. (On another reference date the engine may
    /// prefer the other engineer route, so the route is held fixed to compare like with
    /// like.) The worker-technician route has its own sample in WorkPeriodPropertyTests.
    @Test func metOnIsTheFirstDayTheTenureHolds() throws {
        var checked = 0
        for p in Self.sample where checked < 40 {
            let answer = shippedEngine.evaluate(p)
            guard let f = answer.findings.first(where: { $0.rule == .tenure && $0.outcome == .fail }),
                  let d = f.metOn else { continue }
            checked += 1
            #expect(tenure(try engine(referenceDate: d), p, answer.route)?.outcome == .pass, "\(ProfileJSON.encodeString(p))")
            #expect(tenure(try engine(referenceDate: d.adding(days: -1)), p, answer.route)?.outcome == .fail, "\(ProfileJSON.encodeString(p))")
        }
        #expect(checked > 10)
    }
}
