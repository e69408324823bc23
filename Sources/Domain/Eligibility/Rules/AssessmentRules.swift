/// Annual assessments (I4, I5).
extension EligibilityEngine {
    /// I4: the assessment for the reference year or the years before it (the policy's
    /// window) must be competent or better; one such assessment is enough.
    func recency(_ pr: Profile, _ ctx: EligibilityContext, extra: InterpretationSet = []) -> Finding {
        let last = p.referenceDate.year, first = last - max(1, p.recentAssessmentYears) + 1
        var good: Profile.Assessment?, latest: Profile.Assessment?
        for a in pr.assessments where a.year >= first && a.year <= last {
            if p.passing(a.result), good == nil || a.year > good!.year { good = a }
            if latest == nil || a.year > latest!.year { latest = a }
        }
        let shown = good ?? latest
        let facts = RecencyFacts(firstYear: first, lastYear: last, year: shown?.year, result: shown?.result, met: good != nil)
        return finding(.recency, ctx, pass(good != nil), .recency(facts), InterpretationSet.i4.union(extra))
    }

    /// I5, engineer: competent-or-better assessments since the tenure start year must
    /// number the route's years (× the policy's count per year). A shortfall is cured
    /// by time, one assessment a year, so it carries the day it would be made up.
    func engineerAssessmentCount(_ pr: Profile, sinceYear: Int?, routeYears: Int) -> Finding {
        let required = routeYears * p.assessmentsPerTenureYear
        let count = passingYears(pr, since: sinceYear)
        let ok = count >= required
        let metOn = ok ? nil : assessmentsDue(pr, missing: required - count)
        return finding(.assessments, .engineer, pass(ok),
                       .assessmentCount(count: count, required: required, sinceYear: sinceYear), .i5, metOn: metOn)
    }

    /// I5, assistant engineer: every listed assessment from the tenure start year on
    /// must be competent or better. Routes without tenure have nothing to check here.
    func assistantAssessments(_ pr: Profile, sinceYear: Int?) -> Finding {
        guard let since = sinceYear else {
            return finding(.assessments, .assistantEngineer, .pass,
                           .assessmentsAllPassing(sinceYear: nil, badYear: nil, badResult: nil), .i5)
        }
        var bad: Profile.Assessment?
        for a in pr.assessments where a.year >= since && !p.passing(a.result) {
            if bad == nil || a.year < bad!.year { bad = a }
        }
        return finding(.assessments, .assistantEngineer, pass(bad == nil),
                       .assessmentsAllPassing(sinceYear: since, badYear: bad?.year, badResult: bad?.result), .i5)
    }
}
