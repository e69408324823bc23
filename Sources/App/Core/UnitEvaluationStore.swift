import Domain
import Fluent
import Foundation

/// Loads and saves the employer's part of an application (`UnitEvaluation`)
/// from its two tables; payloads that do not decode are errors.
enum UnitEvaluationStore {
    static func record(_ applicationID: UUID, on db: any Database) async throws -> UnitEvaluationRecord? {
        try await UnitEvaluationRecord.query(on: db).filter(\.$application.$id == applicationID).first()
    }

    static func publicities(_ applicationID: UUID, on db: any Database) async throws -> [PublicityRecord] {
        try await PublicityRecord.query(on: db).filter(\.$application.$id == applicationID).all()
    }

    static func load(_ applicationID: UUID, on db: any Database) async throws -> UnitEvaluation {
        let pubs = try await publicities(applicationID, on: db)
        guard let record = try await record(applicationID, on: db) else {
            var empty = UnitEvaluation()
            for p in pubs { let value = try p.publicity(); empty.publicities[value.kind] = value }
            return empty
        }
        return try record.evaluation(publicities: pubs)
    }

    /// The record, created on first use inside the caller's transaction.
    static func recordForUpdate(_ applicationID: UUID, on db: any Database) async throws -> UnitEvaluationRecord {
        if let existing = try await record(applicationID, on: db) { return existing }
        let created = UnitEvaluationRecord(applicationID: applicationID)
        try await created.create(on: db)
        return created
    }
}
