import Domain
import Fluent
import Foundation

/// Loads and saves the employer's part of an application (`UnitEvaluation`)
/// from its two tables; payloads that do not decode are errors. What was recorded
/// for an earlier submission whose content has since changed is loaded as
/// `superseded`, so every decision (the page, recommending, the prints) sees it
/// as not done (issue 17, item 1).
enum UnitEvaluationStore {
    static func record(_ applicationID: UUID, on db: any Database) async throws -> UnitEvaluationRecord? {
        try await UnitEvaluationRecord.query(on: db).filter(\.$application.$id == applicationID).first()
    }

    static func publicities(_ applicationID: UUID, on db: any Database) async throws -> [PublicityRecord] {
        try await PublicityRecord.query(on: db).filter(\.$application.$id == applicationID).all()
    }

    /// Which submission the declaration is at: how many times it was submitted
    /// (the same count numbers `DeclarationVersion`).
    static func currentSubmission(_ applicationID: UUID, on db: any Database) async throws -> Int {
        try await WorkflowEvent.query(on: db).filter(\.$application.$id == applicationID)
            .filter(\.$transition == ApplicationTransition.submit.rawValue).count()
    }

    /// The day the unit took the application up for the current submission (the
    /// latest 单位受理), in Beijing; nil when it has not been taken up.
    static func takenUpOn(_ applicationID: UUID, on db: any Database) async throws -> LocalDate? {
        try await WorkflowEvent.query(on: db).filter(\.$application.$id == applicationID)
            .filter(\.$transition == ApplicationTransition.unitAccept.rawValue)
            .sort(\.$occurredAt, .descending).first()
            .map { LocalDate.beijing($0.occurredAt) }
    }

    static func load(_ applicationID: UUID, on db: any Database) async throws -> UnitEvaluation {
        let pubs = try await publicities(applicationID, on: db)
        let record = try await record(applicationID, on: db)
        var loaded: UnitEvaluation
        if let record {
            loaded = try record.evaluation(publicities: pubs)
        } else {
            loaded = UnitEvaluation()
            for p in pubs { let value = try p.publicity(); loaded.publicities[value.kind] = value }
        }
        let current = try await currentSubmission(applicationID, on: db)
        var coverage = Coverage(applicationID: applicationID, current: current)
        for p in pubs {
            let value = try p.publicity()
            guard UnitEvaluation.isTiedToContent(value.kind) else { continue }
            if !(try await coverage.holds(p.coversSubmission, on: db)) {
                loaded.publicities[value.kind] = nil
                loaded.superseded[value.kind] = value
            }
        }
        if let opinion = loaded.opinion, !(try await coverage.holds(record?.opinionCoversSubmission, on: db)) {
            loaded.opinion = nil
            loaded.supersededOpinion = opinion
        }
        return loaded
    }

    /// Whether what was recorded for a submission still holds now: the same
    /// submission, or a later one whose declaration is unchanged. A row without its
    /// submission was written for the first (the demo's rows).
    private struct Coverage {
        let applicationID: UUID
        let current: Int
        var sameAsCurrent: [Int: Bool?] = [:]

        mutating func holds(_ covered: Int?, on db: any Database) async throws -> Bool {
            let k = covered ?? 1
            // Not later than what it covered (an application set up without its
            // submission history counts none): nothing newer to compare with.
            if k >= current { return true }
            if sameAsCurrent[k] == nil { sameAsCurrent[k] = try await same(k, on: db) }
            return UnitEvaluation.stillCovers(covered: k, current: current, sameContent: sameAsCurrent[k] ?? nil)
        }

        private func same(_ k: Int, on db: any Database) async throws -> Bool? {
            let versions = try await DeclarationVersion.query(on: db).filter(\.$application.$id == applicationID)
                .filter(\.$number ~~ [k, current]).all()
            guard let then = versions.first(where: { $0.number == k }), let now = versions.first(where: { $0.number == current }) else {
                return nil
            }
            return try then.decoded() == now.decoded()
        }
    }

    /// The record, created on first use inside the caller's transaction.
    static func recordForUpdate(_ applicationID: UUID, on db: any Database) async throws -> UnitEvaluationRecord {
        if let existing = try await record(applicationID, on: db) { return existing }
        let created = UnitEvaluationRecord(applicationID: applicationID)
        try await created.create(on: db)
        return created
    }
}
