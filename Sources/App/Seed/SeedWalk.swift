import Domain

/// The history that brings a seeded application to its state along its route:
/// the same transitions, in the same order, as the workflow fires for a real one
/// (`ApplicationTransition.from` is checked at every step, so a walk that the
/// workflow would refuse is an error here too).
struct SeedWalk {
    struct Event {
        var transition: ApplicationTransition
        var from: ApplicationState
        var to: ApplicationState
        /// The route step whose party fired it; nil for the applicant (submit).
        var party: RouteStep?
    }

    var events: [Event] = []
    var state: ApplicationState = .draft
    /// Index in the route of the furthest step reached.
    var reachedStep = 0

    /// Every state a seeded application of this route can be left in: the
    /// applicant's, each step's queue, intake accepted, and the three ways out.
    static func targets(route: [RouteStep]) -> [ApplicationState] {
        [.draft, .submitted] + route.map { ApplicationState.awaiting($0) } + [.accepted, .returned, .rejected, .cancelled]
    }

    struct WalkError: Error, CustomStringConvertible {
        var description: String
    }

    init(to target: ApplicationState, route: [RouteStep], using rng: inout SeedRandom) throws {
        guard route.count >= 2, route.first == .unit else { throw WalkError(description: "route \(route) does not start at the unit") }
        if target == .draft { return }
        try fire(.submit, to: .submitted, by: nil)
        if target == .submitted { return }
        try fire(.unitAccept, to: .unitReview, by: .unit)
        if target == .unitReview { return }
        let last = route.count - 1
        let stop: Int
        switch target {
        case .accepted: stop = last
        case .returned: stop = 1 + rng.below(last)
        case .rejected: stop = last > 1 ? 1 + rng.below(last - 1) : 0
        case .cancelled: stop = rng.below(last + 1)
        default:
            guard let k = route.firstIndex(where: { ApplicationState.awaiting($0) == target }) else {
                throw WalkError(description: "state \(target.rawValue) is not on route \(route)")
            }
            stop = k
        }
        if stop >= 1 {
            try fire(.recommend, to: .awaiting(route[1]), by: .unit)
            reachedStep = 1
            if stop >= 2 {
                for k in 2...stop {
                    try fire(.approve, to: .awaiting(route[k]), by: route[k - 1])
                    reachedStep = k
                }
            }
        }
        switch target {
        case .accepted: try fire(.acceptAtIntake, to: .accepted, by: .committeeOffice)
        case .returned: try fire(.returnForCorrection, to: .returned, by: route[stop])
        case .rejected: try fire(.reject, to: .rejected, by: route[stop])
        case .cancelled: try fire(.cancelForIntegrity, to: .cancelled, by: .committeeOffice)
        default: break
        }
        guard state == target else { throw WalkError(description: "walk to \(target.rawValue) ended at \(state.rawValue)") }
    }

    private mutating func fire(_ transition: ApplicationTransition, to next: ApplicationState, by party: RouteStep?) throws {
        guard transition.from.contains(state) else {
            throw WalkError(description: "\(transition.rawValue) cannot fire from \(state.rawValue)")
        }
        events.append(Event(transition: transition, from: state, to: next, party: party))
        state = next
    }
}
