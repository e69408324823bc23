import Testing
@testable import Domain

/// Work periods that switch between technical and other work, against oracles that
/// count the days one by one: the worker-technician route (三（一）3, I7: technical work
/// since the grade, added up) and the grassroots exception (三（一）3, I6: periods both
/// grassroots and technical). The general sample has too few such careers, so these
/// samples are built for it, and each property counts the cases that exercise it.
@Suite struct WorkPeriodPropertyTests {
    static let reference = shippedPolicy.referenceDate

    /// A career from `start`: up to six periods, each technical (or grassroots) or not,
    /// the last one ongoing or ended.
    static func career(_ g: inout ProfileGenerator, from start: LocalDate, grassroots: Bool) -> [Profile.WorkPeriod] {
        var work: [Profile.WorkPeriod] = []
        var from = start
        while from <= reference && work.count < 6 {
            let to = from.adding(days: g.int(60...1600))
            work.append(Profile.WorkPeriod(from: from, to: to, technical: g.chance(60), engineeringPost: true,
                                           grassroots: grassroots ? g.chance(70) : false))
            from = to
        }
        if g.chance(75) { work[work.count - 1].to = nil }
        return work
    }

    /// Engineers without the assistant engineer title, holding 技师 or 高级技师.
    static let workers: [Profile] = {
        var g = ProfileGenerator(seed: 31)
        let base = try! baseProfile("engineer", #"{"titles":[]}"#)
        return (0..<1500).map { _ in
            var p = base
            p.skills = [Profile.Skill(grade: g.chance(70) ? .technician : .seniorTechnician, obtained: g.date(2012, 2022))]
            p.work = career(&g, from: g.date(2006, 2016), grassroots: false)
            return p
        }
    }()

    /// Engineers with secondary vocational education at the grassroots.
    static let grassroots: [Profile] = {
        var g = ProfileGenerator(seed: 32)
        let base = try! baseProfile("engineer", #"{"education":[{"level":"secondary_vocational","discipline":"engineering","sameAsSpecialty":true}]}"#)
        return (0..<1500).map { _ in
            var p = base
            p.work = career(&g, from: g.date(1996, 2006), grassroots: true)
            return p
        }
    }()

    /// Days in [from, to) covered by the selected periods, each period [from, to) cut
    /// at the reference date (the engine's convention), counted one by one.
    static func days(_ work: [Profile.WorkPeriod], from floor: LocalDate?, _ include: (Profile.WorkPeriod) -> Bool) -> Int {
        var covered = Set<Int>()
        let end = reference.dayNumber
        for w in work where include(w) {
            let a = max(w.from.dayNumber, floor?.dayNumber ?? Int.min), b = min(w.to?.dayNumber ?? end, end)
            if a < b { for d in a..<b { covered.insert(d) } }
        }
        return covered.count
    }

    /// The period running on `day` among the selected ones goes on at least until `until`.
    static func goesOn(_ work: [Profile.WorkPeriod], on day: LocalDate, until: LocalDate, _ include: (Profile.WorkPeriod) -> Bool) -> Bool {
        work.contains { include($0) && $0.from <= day && ($0.to.map { $0 >= day && $0 >= until } ?? true) }
    }

    @Test func workerRouteCountsTechnicalDaysSinceTheGrade() throws {
        var met = 0, short = 0, shortWithDate = 0
        for p in Self.workers {
            let f = try #require(shippedEngine.engineerRoute(.workerTechnician, p).tenure)
            let obtained = p.skills[0].obtained
            let n = Self.days(p.work, from: obtained) { $0.technical }
            let virtualStart = obtained > Self.reference ? obtained : Self.reference.adding(days: -n)
            let due = virtualStart.adding(years: shippedPolicy.eligibility.engineerWorkerTechnicianYears)
            let expectMet = due <= Self.reference
            #expect((f.outcome == .pass) == expectMet, "\(ProfileJSON.encodeString(p)): \(n) days")
            if expectMet { met += 1; continue }
            short += 1
            // A shortfall has a date only when technical work goes on until it is made up.
            let expected = Self.goesOn(p.work, on: Self.reference, until: due) { $0.technical } ? due : nil
            #expect(f.metOn == expected, "\(ProfileJSON.encodeString(p))")
            if expected != nil { shortWithDate += 1 }
            guard case .technicalWork(let facts) = f.detail else { Issue.record("not a technical-work finding"); continue }
            #expect(facts.months == virtualStart.wholeMonths(to: Self.reference))
        }
        #expect(met >= 200 && short >= 200 && shortWithDate >= 100, "met \(met), short \(short), with a date \(shortWithDate)")
    }

    @Test func grassrootsExceptionCountsGrassrootsTechnicalDays() throws {
        var passed = 0, failed = 0, onlyBecauseNotTechnical = 0
        let years = shippedPolicy.eligibility.grassrootsYears
        let day = shippedPolicy.applicationDate
        for p in Self.grassroots {
            let f = try #require(ruleFindings(shippedEngine.evaluate(p), .education).first)
            let both = Self.days(p.work, from: nil) { $0.grassroots && $0.technical }
            let current = p.work.contains { $0.grassroots && $0.technical && $0.from <= day && ($0.to.map { $0 >= day } ?? true) }
            let expectPass = current && Self.reference.adding(days: -both).adding(years: years) <= Self.reference
            #expect((f.outcome == .pass) == expectPass, "\(ProfileJSON.encodeString(p)): \(both) days")
            if expectPass { passed += 1 } else { failed += 1 }
            // Cases where counting grassroots time alone (the old reading) would have passed.
            let grassrootsOnly = Self.days(p.work, from: nil) { $0.grassroots }
            let currentGrassroots = p.work.contains { $0.grassroots && $0.from <= day && ($0.to.map { $0 >= day } ?? true) }
            if !expectPass && currentGrassroots && Self.reference.adding(days: -grassrootsOnly).adding(years: years) <= Self.reference {
                onlyBecauseNotTechnical += 1
            }
        }
        #expect(passed >= 100 && failed >= 100 && onlyBecauseNotTechnical >= 100,
                "passed \(passed), failed \(failed), failed only for non-technical grassroots work \(onlyBecauseNotTechnical)")
    }

    /// metOn on the worker route is the first reference date on which the route's
    /// technical work reaches its years.
    @Test func workerMetOnIsTheFirstDayTheTechnicalWorkHolds() throws {
        var checked = 0
        for p in Self.workers where checked < 60 {
            let f = shippedEngine.engineerRoute(.workerTechnician, p).tenure
            guard f.outcome == .fail, let d = f.metOn else { continue }
            checked += 1
            #expect(tenure(try engine(referenceDate: d), p, .workerTechnician)?.outcome == .pass, "\(ProfileJSON.encodeString(p))")
            #expect(tenure(try engine(referenceDate: d.adding(days: -1)), p, .workerTechnician)?.outcome == .fail, "\(ProfileJSON.encodeString(p))")
        }
        #expect(checked >= 60)
    }

    /// eligible < manual_review < ineligible.
    func rank(_ v: Verdict) -> Int { v == .eligible ? 0 : (v == .manualReview ? 1 : 2) }

    func outcomesDiffer(_ a: EligibilityAnswer, _ b: EligibilityAnswer) -> Bool {
        a.route != b.route || a.findings.map(\.outcome) != b.findings.map(\.outcome)
    }

    /// An earlier grade never hurts: a longer window for technical work and outputs.
    /// Counted: the moves that changed some finding's outcome.
    @Test func movingTheSkillGradeEarlierNeverHurts() {
        var g = ProfileGenerator(seed: 33)
        var exercised = 0, improved = 0
        for p in Self.workers {
            let before = shippedEngine.evaluate(p)
            var q = p
            let days = g.int(1...2000)
            q.skills[0].obtained = q.skills[0].obtained.adding(days: -days)
            let after = shippedEngine.evaluate(q)
            #expect(rank(after.verdict) <= rank(before.verdict), "\(ProfileJSON.encodeString(p)) moved \(days) days")
            if outcomesDiffer(before, after) { exercised += 1 }
            if rank(after.verdict) < rank(before.verdict) { improved += 1 }
        }
        #expect(exercised >= 200 && improved >= 100, "changed \(exercised), improved \(improved)")
    }

    /// Marking a period as technical work never hurts, on either rule; counted where it
    /// changed an outcome.
    @Test func markingWorkTechnicalNeverHurts() {
        var g = ProfileGenerator(seed: 34)
        var exercised = 0
        for p in Self.workers + Self.grassroots {
            let candidates = p.work.indices.filter { !p.work[$0].technical }
            guard !candidates.isEmpty else { continue }
            let before = shippedEngine.evaluate(p)
            var q = p
            q.work[g.pick(candidates)].technical = true
            let after = shippedEngine.evaluate(q)
            #expect(rank(after.verdict) <= rank(before.verdict), "\(ProfileJSON.encodeString(p))")
            if outcomesDiffer(before, after) { exercised += 1 }
        }
        #expect(exercised >= 200, "only \(exercised) changes reached an outcome")
    }
}
