/// Checks a profile against one year's policy.
///
/// ```swift
/// let policy = try Policy.load(id: "changzhi-2022")
/// let engine = EligibilityEngine(policy)
/// let answer = engine.evaluate(profile)
/// answer.verdict                       // .eligible / .ineligible / .manualReview
/// answer.findings[0].message           // Chinese, with figures
/// answer.findings[0].interpretations   // [InterpretationID]; policy.interpretation(id)?.text
/// ```
///
/// The rules live in `Rules/`, one family per file; each reads `EligibilityParameters`
/// (resolved from the bundle) and appends findings that cite their clause.
public struct EligibilityEngine: Sendable {
    public let policy: Policy
    let p: EligibilityParameters

    public init(_ policy: Policy) {
        self.policy = policy
        self.p = policy.eligibility
    }

    public func evaluate(_ profile: Profile) -> EligibilityAnswer {
        var out: [Finding] = []
        out.reserveCapacity(10)
        let ctx = EligibilityContext(profile.targetLevel, profile.track)
        checkExclusions(profile, ctx, &out)
        let route: Route
        switch ctx {
        case .engineer: route = evaluateEngineer(profile, &out)
        case .assistantEngineer: route = evaluateAssistantEngineer(profile, &out)
        case .technician: route = evaluateTechnician(profile, &out)
        case .transfer: route = evaluateTransfer(profile, &out)
        }
        return EligibilityAnswer(policy: policy.id, targetLevel: profile.targetLevel, track: profile.track,
                                 route: route, findings: out)
    }

    /// A finding citing the bundle's clause for this rule at this level.
    @inline(__always)
    func finding(_ rule: EligibilityRule, _ ctx: EligibilityContext, _ outcome: Outcome, _ detail: FindingDetail,
                 _ interpretations: InterpretationSet, metOn: LocalDate? = nil) -> Finding {
        Finding(rule: rule, clauseID: p.clause(rule, ctx), outcome: outcome, interpretationSet: interpretations,
                detail: detail, metOn: outcome == .fail ? metOn : nil)
    }

    @inline(__always)
    func pass(_ ok: Bool) -> Outcome { ok ? .pass : .fail }
}
