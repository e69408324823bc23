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
        return ownCheck(ratio: result.ratio, error: result.error)
    }

    /// What our check found from its ratio and error columns (a list reads just those).
    static func ownCheck(ratio: Double, error: String?) -> DefenseAdmission.OwnCheck {
        if let error { return .unreadable(error) }
        return .ratio(ratio)
    }

    /// The office's review as the copy-ratio rule reads it, from a record or from a list's columns.
    struct ReviewFacts: Sendable {
        var externalRatio: Double?
        var decision: DefenseAdmission.Decision?
        var reason: String
        var decidedOn: [String]?

        /// A stored decision that does not decode is an error.
        init(externalRatio: Double?, decision: String?, reason: String, decidedOn: String?) throws {
            self.externalRatio = externalRatio
            self.decision = try SimilarityReview.decision(decision)
            self.reason = reason
            self.decidedOn = SimilarityReview.lines(decidedOn)
        }

        init(_ review: SimilarityReview) throws {
            try self.init(externalRatio: review.externalRatio, decision: review.decision, reason: review.reason,
                          decidedOn: review.decidedOn)
        }
    }

    /// The one admission rule, whether the facts come from records or from a list's columns.
    static func admission(_ rule: CopyRatioRule, own: DefenseAdmission.OwnCheck?, review: ReviewFacts?) -> DefenseAdmission {
        DefenseAdmission.decide(rule, ours: own, external: review?.externalRatio, decision: review?.decision,
                                reason: review?.reason ?? "", decidedOn: review?.decidedOn)
    }

    static func admission(_ rule: CopyRatioRule, result: SimilarityResult?, review: SimilarityReview?) throws -> DefenseAdmission {
        admission(rule, own: ownCheck(result), review: try review.map(ReviewFacts.init))
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
