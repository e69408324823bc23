import Domain
import Fluent
import SQLKit
import Vapor

/// Fires a transition of `Workflow` for a request: gathers the facts, asks the
/// state machine, and applies the answer with a conditional update (only if the
/// state is still the one the decision was made on), the timeline event and the
/// audit record in one transaction. A transition fired twice — a double click,
/// two tabs, two servers — takes effect once; the second gets `wrongState`.
struct WorkflowRunner {
    let req: Request

    /// What the caller adds to the facts it cannot know itself.
    struct Extra: Sendable {
        var reason = ""
        var commitmentSigned = false
        var missing: [String] = []
        var integrityRecordUntil: LocalDate?
        var unitEvaluationMissing: [String] = []
        var intakeMissing: [String] = []
        /// Set on submission: the route the application will follow.
        var route: ApplicationRoute?
        /// Set on submission: the declaration as submitted, kept as a numbered version.
        var version: DeclarationVersion.Content?
        /// Committee stage: the panel's grade (差 eliminates), the vote's outcome, and
        /// whether the actor is the office or the lead of the applicant's panel.
        var defenseEliminated: Bool?
        var votePassed: Bool?
        var committeeActor = false
        /// Who the applicant's timeline and notice name instead of the actor, where the
        /// actor must stay unknown to the applicant (the lead of a defense panel, 回避).
        /// The audit record keeps the real actor.
        var shownActor: ShownActor?
        /// Referral to the 初级评委会: a quantitative score is recorded.
        var quantitativeScored = false
        /// 复查: where the recorded decision sends the application back to.
        var reexamineTo: ApplicationState?
    }

    struct ShownActor: Sendable {
        var name: String
        var organization: String
    }

    @discardableResult
    func fire(_ transition: ApplicationTransition, on application: ApplicationRecord,
              extra: Extra = Extra(), in outer: (any Database)? = nil) async throws -> Result<ApplicationState, TransitionRefusal> {
        // `outer`: a transaction the caller holds, so several transitions commit together
        // (the panel lead's close); nil opens one for this transition.
        guard let user = req.currentUser, let actor = req.actor, let id = application.id else {
            throw PageError.signInRequired(expired: false)
        }
        let from = application.stateValue
        var appFacts = try application.facts()
        let route = extra.route?.steps ?? appFacts.route
        if let fixed = extra.route {
            appFacts = ApplicationFacts(id: id, applicantID: appFacts.applicantID, unitID: appFacts.unitID, state: from,
                                        route: fixed.steps, routeCounty: fixed.county, reachedStep: 0,
                                        competentDepartmentID: appFacts.competentDepartmentID,
                                        personnelAgencyID: appFacts.personnelAgencyID)
        }
        var facts = TransitionFacts(
            actorRole: actor.role, actorIsApplicant: application.$applicant.id == actor.userID,
            actorIsParty: ReviewParty.actsNow(actor, for: appFacts),
            commitmentSigned: extra.commitmentSigned, missing: extra.missing,
            integrityRecordUntil: extra.integrityRecordUntil, route: route,
            unitEvaluationMissing: extra.unitEvaluationMissing, intakeMissing: extra.intakeMissing,
            reason: extra.reason)
        facts.defenseEliminated = extra.defenseEliminated
        facts.votePassed = extra.votePassed
        facts.committeeActor = extra.committeeActor
        // Whether the level defends is the application's own fact, never the caller's (九).
        facts.levelDefends = CommitteeTier.defends(application.level)
        facts.quantitativeScored = extra.quantitativeScored
        facts.reexamineTo = extra.reexamineTo
        let decision = Workflow.fire(transition, from: from, facts: facts)
        switch decision {
        case .failure(let refusal):
            let entry = req.auditEntry(transition.auditAction, objectType: "application", objectID: id.uuidString,
                                       outcome: .denied, detail: String(describing: refusal).prefix(200).description)
            if let outer { try await AuditLog.append(entry, on: outer) } else { try await req.audit(entry) }
            return decision
        case .success(let next):
            let reached = next.step.flatMap { route.firstIndex(of: $0) }.map { max($0, application.reachedStep) }
                ?? application.reachedStep
            let now = req.clock.now()
            let organizationName = extra.shownActor?.organization ?? user.$organization.value?.name ?? ""
            let actorName = extra.shownActor?.name ?? user.realName
            let change: @Sendable (any Database) async throws -> Bool = { db in
                guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
                var update = sql.update(ApplicationRecord.schema)
                    .set("state", to: next.rawValue)
                    .set("reached_step", to: reached)
                    .set("updated_at", to: now)
                if let fixed = extra.route {
                    update = update.set("route", to: fixed.steps.map(\.rawValue).joined(separator: ","))
                        .set("route_county", to: fixed.county)
                }
                switch transition {
                case .submit: update = update.set("submitted_at", to: now)
                case .withdraw: update = update.set("submitted_at", to: SQLLiteral.null).set("commitment_signed_at", to: SQLLiteral.null)
                default: break
                }
                let rows = try await update.where("id", .equal, id).where("state", .equal, from.rawValue)
                    .returning("id").all()
                guard !rows.isEmpty else { return false }
                try await WorkflowEvent(applicationID: id, occurredAt: now, actorID: user.id, actorName: actorName,
                                        organizationName: organizationName, transition: transition.rawValue,
                                        fromState: from.rawValue, toState: next.rawValue,
                                        opinion: extra.reason).create(on: db)
                if let content = extra.version {
                    // The submission's ordinal: submit events, this one included. Counting kept
                    // versions misnumbered a declaration first submitted without one (the demo's).
                    let number = try await WorkflowEvent.query(on: db).filter(\.$application.$id == id)
                        .filter(\.$transition == ApplicationTransition.submit.rawValue).count()
                    try await DeclarationVersion(applicationID: id, number: number, submittedAt: now, content: content).create(on: db)
                }
                try await WorkflowNotices.send(transition, from: from, to: next, application: application, actorID: user.id,
                                               actorOrganization: organizationName, opinion: extra.reason, at: now, on: db)
                try await AuditLog.append(req.auditEntry(transition.auditAction, objectType: "application",
                                                         objectID: id.uuidString,
                                                         detail: "\(from.rawValue) -> \(next.rawValue)"), on: db)
                return true
            }
            let applied = if let outer { try await change(outer) } else { try await req.transaction(change) }
            guard applied else {
                // Someone else moved it first: report the state it is in now.
                let current = try await ApplicationRecord.find(id, on: outer ?? req.db)?.stateValue ?? from
                return .failure(.wrongState(current))
            }
            application.state = next.rawValue
            application.reachedStep = reached
            if let fixed = extra.route {
                application.routeText = fixed.steps.map(\.rawValue).joined(separator: ",")
                application.routeCounty = fixed.county
            }
            return decision
        }
    }
}

extension Request {
    var workflow: WorkflowRunner { WorkflowRunner(req: self) }
}
