/// 申报助理工程师 (clauses 3.2.2–3.2.6; I10) and 申报技术员 (3.3.2–3.3.4; I11).
extension EligibilityEngine {
    func evaluateAssistantEngineer(_ pr: Profile, _ out: inout [Finding]) -> Route {
        let counted = checkEducation(pr, .assistantEngineer, &out)
        let route: Route
        var sinceYear: Int?
        switch counted {
        case .doctorate?, .master?, .secondBachelor?:
            route = .masterOrAbove
            out.append(finding(.tenure, .assistantEngineer, .pass,
                               .noTenureRequired(level: counted!, target: .assistantEngineer), .i10))
        case .bachelor?:
            route = .bachelorWithProbation
            out.append(probation(pr, .assistantEngineer, education: .bachelor, .i10))
        default:
            route = counted == .associate ? .associateWithEntryTitle : .secondaryVocationalWithEntryTitle
            let years = counted == .associate ? p.assistantAssociateYears : p.assistantSecondaryVocationalYears
            let held = TenureHeld.title(.entry)
            switch titleStart(pr, series: .engineering, tier: .entry) {
            case .none:
                out.append(finding(.tenure, .assistantEngineer, .fail, .missingTitle(tier: .entry, years: years), .i10))
            case .start(let start, let basis):
                let (facts, due) = measureTenure(pr, held: held, basis: basis, start: start, years: years, reduction: 0)
                out.append(finding(.tenure, .assistantEngineer, pass(facts.met), .tenure(facts), [.i1, .i2, .i3, .i10], metOn: due))
                sinceYear = start.year
            case .needsAppointment(let qualified):
                let (facts, _) = measureTenure(pr, held: held, basis: .qualified, start: qualified, years: years, reduction: 0)
                out.append(finding(.tenure, .assistantEngineer, .review, .tenureNeedsAppointment(facts), [.i1, .i2, .i3, .i10]))
                sinceYear = qualified.year
            }
        }
        out.append(technicalReports(pr))
        out.append(workReport(pr, .assistantEngineer))
        out.append(assistantAssessments(pr, sinceYear: sinceYear))
        out.append(recency(pr, .assistantEngineer))
        return route
    }

    func evaluateTechnician(_ pr: Profile, _ out: inout [Finding]) -> Route {
        let counted = checkEducation(pr, .technician, &out, extra: .i11)
        let route: Route
        if let counted, counted >= p.technicianDirectEducation {
            route = .bachelorOrAbove
        } else {
            route = .withProbation
            out.append(probation(pr, .technician, education: counted ?? .secondaryVocational, .i11))
        }
        out.append(workReport(pr, .technician))
        out.append(recency(pr, .technician))
        return route
    }

    /// 同级转评 (clause 3.4; I12): a title of another series at the target's tier, a year
    /// in engineering posts, a recent competent assessment. Nothing else of the level applies.
    func evaluateTransfer(_ pr: Profile, _ out: inout [Finding]) -> Route {
        let levelIndex: Int
        switch pr.targetLevel {
        case .engineer: levelIndex = 0
        case .assistantEngineer: levelIndex = 1
        case .technician: levelIndex = 2
        }
        let tier = p.transferTiers[levelIndex]
        var qualified: LocalDate?
        for t in pr.titles where t.series == .other && t.tier == tier {
            if qualified == nil || t.qualified < qualified! { qualified = t.qualified }
        }
        out.append(finding(.transferTitle, .transfer, pass(qualified != nil),
                           .transferTitle(tier: tier, target: pr.targetLevel, qualified: qualified), .i12))

        let years = p.transferEngineeringPostYears
        let (v, openUntil) = workTotal(pr) { $0.engineeringPost }
        let due = v.adding(years: years)
        let met = due <= p.referenceDate
        let metOn = openUntil.map { due <= $0 } == true ? due : nil
        out.append(finding(.transferPost, .transfer, pass(met),
                           .engineeringPost(months: v.wholeMonths(to: p.referenceDate), requiredYears: years),
                           [.i1, .i12], metOn: metOn))
        out.append(recency(pr, .transfer, extra: .i12))
        return .transfer
    }
}
