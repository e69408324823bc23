/// 申报工程师 (clauses 3.1.2–3.1.7; I5–I9).
extension EligibilityEngine {
    /// The findings that depend on the qualification route.
    struct EngineerRouteResult {
        var route: Route
        var tenure: Finding
        var papers: Finding
        var achievements: Finding
        var assessments: Finding

        var all: [Finding] { [tenure, papers, achievements, assessments] }
    }

    func evaluateEngineer(_ pr: Profile, _ out: inout [Finding]) -> Route {
        let counted = checkEducation(pr, .engineer, &out)
        let primary: Route
        switch counted {
        case .doctorate?: primary = .doctorate
        case .master?, .secondBachelor?: primary = .masterOrSecondBachelor
        default: primary = .bachelorOrAssociate   // also the grassroots exception's route (I6)
        }
        var chosen = engineerRoute(primary, pr)
        // The worker-technician route (技师 + 3 years of technical work) is tried beside the education
        // route; the one that serves the applicant better is reported.
        if primary != .doctorate, pr.skills.contains(where: { p.workerTechnicianGrades & (1 << $0.grade.rawValue) != 0 }) {
            let alternative = engineerRoute(.workerTechnician, pr)
            // On a tie, the route the applicant has a basis for: without the assistant
            // engineer title the education route cannot apply, so the skill route is shown.
            var noTitle = false
            if case .missingTitle = chosen.tenure.detail { noTitle = true }
            if better(alternative.all, than: chosen.all) || (noTitle && !better(chosen.all, than: alternative.all)) {
                chosen = alternative
            }
        }
        out.append(chosen.tenure)
        out.append(chosen.papers)
        out.append(chosen.achievements)
        out.append(workReport(pr, .engineer))
        out.append(chosen.assessments)
        out.append(recency(pr, .engineer))
        return chosen.route
    }

    func engineerRoute(_ route: Route, _ pr: Profile) -> EngineerRouteResult {
        // I7: an engineering master's or doctorate takes a year off the route's years.
        let reduction = pr.education.contains { $0.engineeringDegree && $0.level >= p.engineeringDegreeMinimum }
            ? p.engineeringDegreeReduction : 0
        let tenure: Finding
        var period: OutputPeriod?
        var routeYears = 0
        switch route {
        case .doctorate:
            tenure = finding(.tenure, .engineer, .pass, .noTenureRequired(level: .doctorate, target: .engineer), .i7)
        case .workerTechnician:
            routeYears = max(0, p.engineerWorkerTechnicianYears - reduction)
            var skill: Profile.Skill?
            for s in pr.skills where p.workerTechnicianGrades & (1 << s.grade.rawValue) != 0 {
                if skill == nil || s.obtained < skill!.obtained { skill = s }
            }
            let s = skill!   // the route is tried only with a qualifying grade
            // Technical work since the grade, not calendar time (I7).
            let (facts, due) = measureTechnicalWork(pr, skill: s, years: p.engineerWorkerTechnicianYears, reduction: reduction)
            tenure = finding(.tenure, .engineer, pass(facts.met), .technicalWork(facts), [.i1, .i3, .i7], metOn: due)
            period = OutputPeriod(held: .skill(s.grade), start: s.obtained)
        default:
            let years = route == .masterOrSecondBachelor ? p.engineerMasterYears : p.engineerBachelorYears
            routeYears = max(0, years - reduction)
            let held = TenureHeld.title(.assistant)
            switch titleStart(pr, series: .engineering, tier: .assistant) {
            case .none:
                tenure = finding(.tenure, .engineer, .fail, .missingTitle(tier: .assistant, years: routeYears), .i7)
            case .start(let start, let basis):
                let (facts, due) = measureTenure(pr, held: held, basis: basis, start: start, years: years, reduction: reduction)
                tenure = finding(.tenure, .engineer, pass(facts.met), .tenure(facts), [.i1, .i2, .i3, .i7], metOn: due)
                period = OutputPeriod(held: held, start: start)
            case .needsAppointment(let qualified):
                let (facts, _) = measureTenure(pr, held: held, basis: .qualified, start: qualified, years: years, reduction: reduction)
                tenure = finding(.tenure, .engineer, .review, .tenureNeedsAppointment(facts), [.i1, .i2, .i3, .i7])
                period = OutputPeriod(held: held, start: qualified)
            }
        }
        return EngineerRouteResult(
            route: route, tenure: tenure,
            papers: papers(pr, period: period),
            achievements: achievements(pr, period: period),
            assessments: engineerAssessmentCount(pr, sinceYear: period?.start.year, routeYears: routeYears))
    }

    /// Whether findings `a` serve the applicant better than `b`: fewer blocking
    /// outcomes first, then a failure that time cures sooner, then fewer failures.
    func better(_ a: [Finding], than b: [Finding]) -> Bool {
        func rank(_ fs: [Finding]) -> (Int, Int, Int) {
            var fails = 0, reviews = 0
            var latest = 0, durationOnly = true
            for f in fs {
                if f.outcome == .review { reviews += 1 }
                guard f.outcome == .fail else { continue }
                fails += 1
                if let d = f.metOn { latest = max(latest, d.dayNumber) } else { durationOnly = false }
            }
            let severity = fails > 0 ? (durationOnly ? 2 : 3) : (reviews > 0 ? 1 : 0)
            return (severity, severity == 2 ? latest : 0, fails)
        }
        return rank(a) < rank(b)
    }
}
