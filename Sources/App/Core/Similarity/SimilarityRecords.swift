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

    /// What our latest check found: its ratio, or why there is none (no text to compare).
    static func ownCheck(_ result: SimilarityResult?) -> DefenseAdmission.OwnCheck? {
        guard let result else { return nil }
        if let problem = result.error { return .unreadable(problem) }
        return .ratio(result.ratio)
    }

    static func admission(_ rule: CopyRatioRule, result: SimilarityResult?, review: SimilarityReview?) throws -> DefenseAdmission {
        DefenseAdmission.decide(rule, ours: ownCheck(result), external: review?.externalRatio,
                                decision: try review?.decisionValue(), reason: review?.reason ?? "",
                                decidedOn: review?.decidedOnLines)
    }

    /// The admission of each application (七.1): every id gets one; an application with
    /// no ratio on record is not admitted.
    static func admissions(_ ids: [UUID], rule: CopyRatioRule, on db: any Database) async throws -> [UUID: DefenseAdmission] {
        let results = try await latestResults(for: ids, on: db)
        let reviews = try await reviews(for: ids, on: db)
        var out: [UUID: DefenseAdmission] = [:]
        for id in ids { out[id] = try admission(rule, result: results[id], review: reviews[id]) }
        return out
    }

    /// The applications the copy-ratio rule admits to the defense (安排答辩, waiting for a panel).
    static func admitted(_ ids: [UUID], rule: CopyRatioRule, on db: any Database) async throws -> Set<UUID> {
        Set(try await admissions(ids, rule: rule, on: db).filter { $0.value.admitsDefense }.keys)
    }
}
