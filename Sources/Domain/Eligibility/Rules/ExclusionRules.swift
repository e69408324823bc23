/// Clause 2: who may not apply, checked on the application date (I1, I13), and the
/// public-institution post rule.
extension EligibilityEngine {
    func checkExclusions(_ pr: Profile, _ ctx: EligibilityContext, _ out: inout [Finding]) {
        let day = p.applicationDate
        let before = out.count
        if pr.status.civilServant { out.append(finding(.exclusions, ctx, .fail, .civilServant, .i13)) }
        if pr.status.retired { out.append(finding(.exclusions, ctx, .fail, .retired, [.i1, .i13])) }
        if pr.status.vocationalExamSpecialty { out.append(finding(.exclusions, ctx, .fail, .vocationalExamSpecialty, .i13)) }
        for s in pr.status.sanctions where inForce(s, on: day) && heavyEnough(s) {
            let facts = SanctionFacts(kind: s.kind, severity: s.severity, from: s.from, until: s.until, checkedOn: day)
            out.append(finding(.exclusions, ctx, .fail, .sanctionInForce(facts), [.i1, .i13]))
        }
        if out.count == before { out.append(finding(.exclusions, ctx, .pass, .noExclusion(checkedOn: day), [.i1, .i13])) }

        if pr.unit.kind == .publicInstitution {
            let held = pr.unit.professionalPost
            out.append(finding(.professionalPost, ctx, pass(held), .professionalPost(held: held), .i13))
        }
    }

    /// A sanction is in force from its first day through its last (`until`, inclusive);
    /// without `until` it has no end.
    func inForce(_ s: Profile.Sanction, on day: LocalDate) -> Bool {
        s.from <= day && (s.until.map { day <= $0 } ?? true)
    }

    /// Government: the policy's minimum (记过) or heavier; party: any at or above its minimum.
    func heavyEnough(_ s: Profile.Sanction) -> Bool {
        let scale = SanctionSeverity.allowed(for: s.kind)
        let minimum = s.kind == .government ? p.governmentSanctionMinimum : p.partySanctionMinimum
        guard let have = scale.firstIndex(of: s.severity), let need = scale.firstIndex(of: minimum) else { return false }
        return have >= need
    }
}
