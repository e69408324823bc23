/// Who acts at a route step for one application: the application's own unit,
/// the agency holding the file, the bureaus of the route's county, the unit's
/// competent department, the city HR bureau, the committee office. The same
/// answer decides who may act, whose queue shows it and who may open it.
public enum ReviewParty {
    /// Whether the actor is the party of `step` for this application.
    public static func acts(_ actor: AccessActor, at step: RouteStep, for app: ApplicationFacts) -> Bool {
        switch step {
        case .unit:
            return actor.role == .unitClerk && actor.organizationID == app.unitID
        case .personnelAgency:
            return actor.role == .personnelAgency && actor.organizationID == app.personnelAgencyID
        case .countyHR:
            return actor.role == .countyHR && app.routeCounty != nil && actor.organizationDivision == app.routeCounty
        case .countyIndustryBureau:
            return actor.role == .countyBureau && app.routeCounty != nil && actor.organizationDivision == app.routeCounty
        case .competentDepartment:
            return actor.role == .competentDepartment && actor.organizationID == app.competentDepartmentID
        case .cityHRFiling, .cityHRReview:
            return actor.role == .cityHR
        case .committeeOffice:
            return actor.role == .committeeOffice
        }
    }

    /// Whether the actor is the party of the step the application waits at now.
    public static func actsNow(_ actor: AccessActor, for app: ApplicationFacts) -> Bool {
        guard let step = app.state.step else { return false }
        return acts(actor, at: step, for: app)
    }

    /// Whether the application has reached a step the actor is the party of
    /// (reviewing bodies see what reached their desk, and keep seeing it after).
    public static func hasReached(_ actor: AccessActor, _ app: ApplicationFacts) -> Bool {
        for (index, step) in app.route.enumerated() where index <= app.reachedStep {
            if acts(actor, at: step, for: app) { return true }
        }
        return false
    }
}
