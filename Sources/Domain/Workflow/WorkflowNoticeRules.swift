import Foundation

/// Who is told about a transition (issue 9 item 9, issue 17 item 6). Every body
/// hears when an application reaches its queue — and when it reaches it again
/// after a return and correction — not only through its 待办 count; the applicant
/// whenever someone else moves their application; the unit's clerks when an
/// application arrives from its applicant, comes back, is refused or accepted
/// further up. Nobody else: a body off the route, or one the application has
/// left, hears nothing.
public enum WorkflowNoticeRules {
    public enum Audience: Hashable, Sendable {
        case applicant
        case unitClerks
        /// The party of the route step whose queue the application now waits in.
        case queue(RouteStep)
    }

    /// The transitions the applicant's unit hears about whoever fires them.
    public static let tellsUnit: Set<ApplicationTransition> = [.submit, .returnForCorrection, .reject, .acceptAtIntake,
                                                               .cancelForIntegrity]

    /// The audiences of a transition from `from` to `next`, in the order their
    /// notices are written. A move inside one party's queue (the unit accepting what
    /// was submitted to it) is no arrival.
    public static func audiences(_ transition: ApplicationTransition, from: ApplicationState, to next: ApplicationState,
                                 actorIsApplicant: Bool) -> [Audience] {
        var out: [Audience] = []
        if !actorIsApplicant { out.append(.applicant) }
        if tellsUnit.contains(transition) { out.append(.unitClerks) }
        if let step = next.step, step != from.step { out.append(.queue(step)) }
        return out
    }

    /// The role whose accounts act at a route step (`ReviewParty.acts` then narrows
    /// them to the application's own unit, county, department or agency).
    public static func role(at step: RouteStep) -> Role {
        switch step {
        case .unit: .unitClerk
        case .personnelAgency: .personnelAgency
        case .countyHR: .countyHR
        case .countyIndustryBureau: .countyBureau
        case .competentDepartment: .competentDepartment
        case .cityHRFiling, .cityHRReview: .cityHR
        case .committeeOffice: .committeeOffice
        }
    }

    /// The notice a body gets when an application reaches its queue.
    public static func arrivalMessage(applicant: String, level: String, specialty: String, step: RouteStep,
                                      state: ApplicationState, again: Bool) -> String {
        let what = "\(applicant)的申报（\(level)，\(specialty)）"
        return again
            ? "待办：\(what)经退回修改后再次报送到本机构（\(step.label)），当前状态为“\(state.label)”"
            : "待办：\(what)已报送到本机构（\(step.label)），当前状态为“\(state.label)”"
    }
}

/// The ways a notice reaches its recipient. The in-app notice is the first channel:
/// written with the transition and delivered by being written. The others wait in
/// the outbox (`notification_outbox`) for a mail or SMS gateway to drain.
public enum NotificationChannel: String, CaseIterable, Sendable {
    case inApp = "in_app"
    case sms

    /// The channels an account can be reached on: SMS only with a mobile number.
    public static func channels(hasMobile: Bool) -> [NotificationChannel] {
        hasMobile ? [.inApp, .sms] : [.inApp]
    }
}

/// An outbox row's state: a gateway takes `pending` rows, marks them `sent`, or
/// `failed` once it gives up (counting `attempts`).
public enum OutboxStatus: String, CaseIterable, Sendable {
    case pending, sent, failed
}
