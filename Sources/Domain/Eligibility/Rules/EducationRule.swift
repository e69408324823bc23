/// Education (I6): which education counts, and the engineer's grassroots exception.
extension EligibilityEngine {
    /// The highest education that counts: same as the specialty applied for, or in a
    /// related discipline (理科、工科、相关交叉学科).
    func countedEducation(_ pr: Profile) -> EducationLevel? {
        var best: EducationLevel?
        for e in pr.education where e.sameAsSpecialty || p.related(e.discipline) {
            if best == nil || e.level > best! { best = e.level }
        }
        return best
    }

    /// Appends the education finding for a regular-track level and returns the counted level.
    @discardableResult
    func checkEducation(_ pr: Profile, _ ctx: EligibilityContext, _ out: inout [Finding],
                        extra: InterpretationSet = []) -> EducationLevel? {
        let counted = countedEducation(pr)
        let minimum = p.educationMinimum[Int(ctx.rawValue)]
        if ctx == .engineer, let counted, counted < minimum, counted >= p.grassrootsEducationMinimum {
            out.append(grassrootsException(pr, counted: counted, minimum: minimum))
            return counted
        }
        let facts = EducationFacts(counted: counted, listed: pr.education.count, minimum: minimum, target: pr.targetLevel)
        let ok = counted.map { $0 >= minimum } ?? false
        out.append(finding(.education, ctx, pass(ok), .education(facts), InterpretationSet.i6.union(extra)))
        return counted
    }

    /// 学历可放宽到中专 ("在乡镇以下基层一线从事本专业技术工作满15年…目前仍在乡镇从事
    /// 专业技术工作"): work periods that are both grassroots and technical totalling the
    /// policy's years to the reference date, and such a period on the application date.
    /// Grassroots work that is not technical counts for neither.
    private func grassrootsException(_ pr: Profile, counted: EducationLevel, minimum: EducationLevel) -> Finding {
        let (v, openUntil) = workTotal(pr) { $0.grassroots && $0.technical }
        let years = p.grassrootsYears
        let day = p.applicationDate
        let current = pr.work.contains {
            $0.grassroots && $0.technical && $0.from <= day && ($0.to.map { $0 >= day } ?? true)
        }
        let due = v.adding(years: years)
        let enough = due <= p.referenceDate
        let facts = GrassrootsFacts(counted: counted, minimum: minimum, months: v.wholeMonths(to: p.referenceDate),
                                    requiredYears: years, current: current)
        // Only a shortfall that the current grassroots post will make up is a duration.
        let metOn = current && openUntil.map { due <= $0 } == true ? due : nil
        return finding(.education, .engineer, pass(enough && current), .grassrootsEducation(facts), [.i1, .i6], metOn: metOn)
    }
}
