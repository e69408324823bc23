import Domain
import Fluent
import Foundation

/// Reads of the duplication check's records that several pages need: an
/// application's latest result, the office's review, and the admission the copy-ratio
/// rule (七.1) gives them.
enum SimilarityRecords {
    /// The states of an application accepted at intake, whatever came after (the
    /// check runs on "this year's accepted applications").
    static let acceptedStates: [ApplicationState] = [.accepted, .scheduled, .defended, .eliminated, .passed, .failed, .certified]

    /// The newest result of each application (by check time).
    static func latestResults(for ids: [UUID], on db: any Database) async throws -> [UUID: SimilarityResult] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await SimilarityResult.query(on: db).filter(\.$application.$id ~~ ids).sort(\.$checkedAt).all()
        var out: [UUID: SimilarityResult] = [:]
        for row in rows { out[row.$application.id] = row }
        return out
    }

    static func reviews(for ids: [UUID], on db: any Database) async throws -> [UUID: SimilarityReview] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await SimilarityReview.query(on: db).filter(\.$application.$id ~~ ids).all()
        return Dictionary(rows.map { ($0.$application.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    static func admission(_ rule: CopyRatioRule, result: SimilarityResult?, review: SimilarityReview?) throws -> DefenseAdmission {
        let ours = result.flatMap { $0.error == nil ? $0.ratio : nil }
        return DefenseAdmission.decide(rule, ours: ours, external: review?.externalRatio,
                                       decision: try review?.decisionValue(), reason: review?.reason ?? "")
    }

    /// Applications the office has confirmed as not admitted to the defense: they
    /// cannot be scheduled (安排答辩).
    static func barred(_ ids: [UUID], rule: CopyRatioRule, on db: any Database) async throws -> Set<UUID> {
        let reviews = try await reviews(for: ids, on: db)
        let confirmed = reviews.filter { $0.value.decision == DefenseAdmission.Decision.confirm.rawValue }.map(\.key)
        guard !confirmed.isEmpty else { return [] }
        let results = try await latestResults(for: confirmed, on: db)
        var out: Set<UUID> = []
        for id in confirmed where try admission(rule, result: results[id], review: reviews[id]).blocksDefense {
            out.insert(id)
        }
        return out
    }
}
