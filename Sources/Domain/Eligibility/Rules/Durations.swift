/// Measuring "N years" (I1, I2, I3): tenure in a title or skill grade, and totals of
/// work periods (grassroots work, engineering posts).
enum TenureStart {
    case none
    case start(LocalDate, TenureBasis)
    /// A public-institution applicant with the title but no appointment date (I2).
    case needsAppointment(qualified: LocalDate)
}

extension EligibilityEngine {
    /// I2: the appointment date at a public institution, the qualification date elsewhere;
    /// the earliest when the applicant lists the same title twice.
    func titleStart(_ pr: Profile, series: TitleSeries, tier: TitleTier) -> TenureStart {
        var found = false
        var earliest: LocalDate?, earliestQualified: LocalDate?
        let byAppointment = pr.unit.kind == .publicInstitution
        for t in pr.titles where t.series == series && t.tier == tier {
            found = true
            if earliestQualified == nil || t.qualified < earliestQualified! { earliestQualified = t.qualified }
            if byAppointment, let a = t.appointed, earliest == nil || a < earliest! { earliest = a }
        }
        guard found, let q = earliestQualified else { return .none }
        if !byAppointment { return .start(q, .qualified) }
        if let earliest { return .start(earliest, .appointed) }
        return .needsAppointment(qualified: q)
    }

    /// I3: `years` hold when start + years + E ≤ reference date, E being the listed
    /// assessments from the start year on below competent (they "do not count").
    func measureTenure(_ pr: Profile, held: TenureHeld, basis: TenureBasis, start: LocalDate,
                       years: Int, reduction: Int) -> (facts: TenureFacts, metOn: LocalDate) {
        let required = max(0, years - reduction)
        var deducted = 0
        for a in pr.assessments where a.year >= start.year && p.uncounted(a.result) { deducted += 1 }
        let total = required + deducted
        let due = start.adding(years: total)
        let reference = p.referenceDate
        let facts = TenureFacts(
            held: held, basis: basis, start: start, reference: reference,
            months: max(0, start.wholeMonths(to: reference) - 12 * deducted),
            deductedYears: deducted, reducedYears: years - required, requiredYears: required,
            latestStart: reference.adding(years: -total), met: due <= reference)
        return (facts, due)
    }

    /// The total of the work periods that `include` selects, counted to the reference
    /// date and, with `floor`, from that day on only (periods clipped to
    /// [floor, reference]); overlaps once. Returned as a virtual start `v` (reference −
    /// total days, or floor − total when the floor is later), so "N years" is
    /// `v + N years ≤ reference`, exactly I3's measure for one period, and
    /// `v + N years` is the day the total gets there if the work goes on.
    /// `openUntil` is how long the period running on the reference date goes on
    /// (nil when none does), to tell whether waiting would complete the total.
    func workTotal(_ pr: Profile, from floor: LocalDate? = nil,
                   _ include: (Profile.WorkPeriod) -> Bool) -> (virtualStart: LocalDate, openUntil: LocalDate?) {
        let reference = p.referenceDate
        let end = reference.dayNumber
        let low = floor?.dayNumber ?? Int.min
        var total = 0, overlap = false
        var openUntil: LocalDate?
        let work = pr.work
        for i in work.indices where include(work[i]) {
            let w = work[i]
            let a = max(w.from.dayNumber, low), b = min(w.to?.dayNumber ?? end, end)
            if w.from <= reference && (w.to.map { $0 >= reference } ?? true) {
                let until = w.to ?? LocalDate(year: 9999, month: 12, day: 31)!
                if openUntil == nil || until > openUntil! { openUntil = until }
            }
            guard b > a else { continue }
            total += b - a
            for j in 0..<i where include(work[j]) {
                let c = max(work[j].from.dayNumber, low), d = min(work[j].to?.dayNumber ?? end, end)
                if a < d && c < b { overlap = true }
            }
        }
        if overlap { total = mergedTotal(work.filter(include), low: low, end: end) }
        return (LocalDate(dayNumber: max(end, low) - total), openUntil)
    }

    private func mergedTotal(_ periods: [Profile.WorkPeriod], low: Int, end: Int) -> Int {
        let spans = periods.map { (max($0.from.dayNumber, low), min($0.to?.dayNumber ?? end, end)) }
            .filter { $0.1 > $0.0 }.sorted { $0.0 < $1.0 }
        var total = 0, curStart = Int.min, curEnd = Int.min
        for (a, b) in spans {
            if a > curEnd {
                if curEnd > curStart { total += curEnd - curStart }
                curStart = a; curEnd = b
            } else if b > curEnd { curEnd = b }
        }
        if curEnd > curStart { total += curEnd - curStart }
        return total
    }

    /// I7, the worker-technician route: the `technical` work periods from the day the
    /// grade was obtained to the reference date, added up, must reach the route's
    /// years (less the engineering-degree reduction, plus a year per assessment below
    /// competent from that year on, I3). Time since the grade without technical work
    /// does not count. A shortfall is a duration only when technical work is going on
    /// on the reference date and lasts until it is made up.
    func measureTechnicalWork(_ pr: Profile, skill: Profile.Skill, years: Int,
                              reduction: Int) -> (facts: TechnicalWorkFacts, metOn: LocalDate?) {
        let required = max(0, years - reduction)
        var deducted = 0
        for a in pr.assessments where a.year >= skill.obtained.year && p.uncounted(a.result) { deducted += 1 }
        let total = required + deducted
        let (v, openUntil) = workTotal(pr, from: skill.obtained) { $0.technical }
        let reference = p.referenceDate
        let due = v.adding(years: total)
        let met = due <= reference
        let metOn = !met && openUntil.map { due <= $0 } == true ? due : nil
        let facts = TechnicalWorkFacts(
            grade: skill.grade, obtained: skill.obtained, reference: reference,
            months: max(0, v.wholeMonths(to: reference) - 12 * deducted),
            deductedYears: deducted, reducedYears: years - required, requiredYears: required,
            met: met, due: metOn)
        return (facts, metOn)
    }

    /// Distinct years from `since` on with a competent-or-better assessment (I5).
    func passingYears(_ pr: Profile, since: Int?) -> Int {
        let list = pr.assessments
        var count = 0
        for i in list.indices where p.passing(list[i].result) && list[i].year >= (since ?? Int.min) {
            var seen = false
            for j in 0..<i where list[j].year == list[i].year && p.passing(list[j].result) { seen = true; break }
            if !seen { count += 1 }
        }
        return count
    }

    /// When `missing` more yearly assessments could be on record, one a year from the
    /// reference year on (years already passed over), each from the next New Year's day.
    func assessmentsDue(_ pr: Profile, missing: Int) -> LocalDate {
        var year = p.referenceDate.year, left = missing
        while true {
            let listed = pr.assessments.contains { $0.year == year && p.passing($0.result) }
            if !listed { left -= 1; if left <= 0 { break } }
            year += 1
        }
        return LocalDate(year: year + 1, month: 1, day: 1)!
    }
}
