extension Policy {
    /// The parties an application of `level` from `unit` passes, from the bundle's
    /// route rules (`shared/contracts/workflow.md`, rules 1–4):
    ///
    /// ```swift
    /// let unit = RouteUnit(cityDirect: false, county: "140404", ownership: .publicSector,
    ///                      hasCompetentDepartment: true)
    /// try policy.route(level: .engineer, unit: unit).steps
    /// // [.unit, .countyIndustryBureau, .cityHRFiling, .committeeOffice]
    /// ```
    ///
    /// The county is checked only when a county body is on the route (W4: a
    /// city-direct unit's route names no county, so its county may be absent).
    /// A public unit's `personnelAgency` is ignored: only non-public units' staff
    /// pass through the agency (四（三）).
    public func route(level: TargetLevel, unit: RouteUnit) throws(RouteError) -> ApplicationRoute {
        var unit = unit
        if unit.ownership == .publicSector { unit.personnelAgency = false }
        guard let rule = routes.rule(for: unit) else { throw .noRule }
        let steps = rule.steps(level: level, unit: unit)
        let needsCounty = steps.contains { routes.steps[$0]?.scope == .county }
        guard needsCounty else { return ApplicationRoute(steps: steps, county: nil, ruleID: rule.id) }
        guard let county = unit.county else { throw .countyMissing }
        guard AdministrativeDivision.changzhiCounties.contains(where: { $0.code == county }) else {
            throw .unknownCounty(county)
        }
        return ApplicationRoute(steps: steps, county: county, ruleID: rule.id)
    }

    /// Who acts at a step, what they do and the main clause it rests on (an id for
    /// `clause(_:)`); `routes.steps[step]?.clauses` lists all of them.
    public func routeStepInfo(_ step: RouteStep) -> (party: String, duty: String, clause: String) {
        // The loader refuses a bundle without an entry for every step.
        guard let info = routes.steps[step] else { return (step.label, "", "") }
        return (info.party, info.duty, info.clauses.first ?? "")
    }
}
