import Domain
import Fluent
import Foundation

/// The employer's evaluation of one application: panel, ratings, authenticity
/// check, appraisal opinion, unit commitment. Publicities live in `PublicityRecord`.
final class UnitEvaluationRecord: Model, @unchecked Sendable {
    static let schema = "unit_evaluations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: ApplicationRecord
    /// JSON array of `PanelMember`.
    @Field(key: "panel") var panel: String
    /// JSON object criterion -> rating.
    @Field(key: "ratings") var ratings: String
    @Field(key: "authenticity_checked") var authenticityChecked: Bool
    /// JSON of `AppraisalOpinion`, once recorded.
    @OptionalField(key: "opinion") var opinion: String?
    /// The submission (1, 2, … counted by `submit` events) the opinion was given on;
    /// nil only for rows written without it (the demo's first submission).
    @OptionalField(key: "opinion_covers_submission") var opinionCoversSubmission: Int?
    /// 单位承诺: who signed it in the unit's name, and when.
    @OptionalField(key: "unit_commitment_by") var unitCommitmentBy: String?
    @OptionalField(key: "unit_commitment_at") var unitCommitmentAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(applicationID: UUID) {
        self.$application.id = applicationID
        self.panel = "[]"
        self.ratings = "{}"
        self.authenticityChecked = false
    }

    /// Decodes strictly: a payload that does not decode is an error.
    func evaluation(publicities: [PublicityRecord]) throws -> UnitEvaluation {
        var e = UnitEvaluation()
        e.panel = try JSONDecoder().decode([PanelMember].self, from: Data(panel.utf8))
        let raw = try JSONDecoder().decode([String: String].self, from: Data(ratings.utf8))
        for (key, value) in raw {
            guard let criterion = EvaluationCriterion(rawValue: key), let rating = EvaluationRating(rawValue: value) else {
                throw StoredValueError(field: "unit_evaluations.ratings", value: "\(key)=\(value)")
            }
            e.ratings[criterion] = rating
        }
        e.authenticityChecked = authenticityChecked
        if let opinion { e.opinion = try JSONDecoder().decode(AppraisalOpinion.self, from: Data(opinion.utf8)) }
        e.unitCommitmentSigned = unitCommitmentAt != nil
        for p in publicities { let value = try p.publicity(); e.publicities[value.kind] = value }
        return e
    }

    func store(panel members: [PanelMember]) throws {
        panel = String(decoding: try JSONEncoder.sorted.encode(members), as: UTF8.self)
    }

    func store(ratings values: [EvaluationCriterion: EvaluationRating]) throws {
        let raw = Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value.rawValue) })
        ratings = String(decoding: try JSONEncoder.sorted.encode(raw), as: UTF8.self)
    }

    func store(opinion value: AppraisalOpinion) throws {
        opinion = String(decoding: try JSONEncoder.sorted.encode(value), as: UTF8.self)
    }
}

/// One of the three publicities of an application, with its objections.
final class PublicityRecord: Model, @unchecked Sendable {
    static let schema = "publicities"

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: ApplicationRecord
    /// `PublicityKind` raw value.
    @Field(key: "kind") var kind: String
    @Field(key: "starts") var starts: String
    /// Computed on the official calendar when the publicity is recorded.
    @Field(key: "ends") var ends: String
    /// JSON array of `Objection`.
    @Field(key: "objections") var objections: String
    /// The submission (1, 2, …) the publicity covered; nil only for rows written
    /// without it (the demo's, made for a first submission).
    @OptionalField(key: "covers_submission") var coversSubmission: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(applicationID: UUID, publicity: Publicity, coversSubmission: Int? = nil) throws {
        self.$application.id = applicationID
        self.coversSubmission = coversSubmission
        try update(from: publicity)
    }

    func update(from p: Publicity) throws {
        kind = p.kind.rawValue
        starts = p.starts.iso
        ends = p.ends.iso
        objections = String(decoding: try JSONEncoder.sorted.encode(p.objections), as: UTF8.self)
    }

    func publicity() throws -> Publicity {
        guard let kind = PublicityKind(rawValue: kind) else { throw StoredValueError(field: "publicities.kind", value: self.kind) }
        guard let s = LocalDate(iso: starts), let e = LocalDate(iso: ends) else {
            throw StoredValueError(field: "publicities.starts/ends", value: "\(starts)/\(ends)")
        }
        return Publicity(kind: kind, starts: s, ends: e,
                         objections: try JSONDecoder().decode([Objection].self, from: Data(objections.utf8)))
    }
}
