import Fluent
import Foundation

/// A defense panel (答辩评审组) for one specialty group, drawn at random from the pool.
final class DefensePanel: Model, @unchecked Sendable {
    static let schema = "defense_panels"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "specialty") var specialty: String
    /// The draw's seed as decimal text (a UInt64), so the draw can be replayed.
    @Field(key: "seed") var seed: String
    /// The experts set aside by recusal, one line each: name and reasons.
    @Field(key: "excluded") var excluded: String
    @Field(key: "room") var room: String
    /// open | closed.
    @Field(key: "state") var state: String
    @OptionalField(key: "closed_at") var closedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(year: Int, specialty: String, seed: UInt64, excluded: String, room: String) {
        self.year = year; self.specialty = specialty; self.seed = String(seed); self.excluded = excluded
        self.room = room; self.state = "open"
    }

    var isClosed: Bool { Self.isClosed(state: state) }
    /// A stored state column read back (also from a list's columns).
    static func isClosed(state: String) -> Bool { state == "closed" }
}

/// An expert seated on a panel; a swapped-out member stays with `active` false and the reason.
final class DefensePanelMember: Model, @unchecked Sendable {
    static let schema = "panel_members"

    @ID(key: .id) var id: UUID?
    @Parent(key: "panel_id") var panel: DefensePanel
    @Parent(key: "expert_id") var expert: Expert
    @Field(key: "position") var position: Int
    @Field(key: "is_lead") var isLead: Bool
    @Field(key: "active") var active: Bool
    @OptionalField(key: "removed_reason") var removedReason: String?

    init() {}

    init(panelID: UUID, expertID: UUID, position: Int, isLead: Bool) {
        self.$panel.id = panelID; self.$expert.id = expertID; self.position = position; self.isLead = isLead
        self.active = true
    }
}

/// An applicant's place on a panel: room and time (the admission notice).
final class DefenseSlot: Model, @unchecked Sendable {
    static let schema = "defense_slots"

    @ID(key: .id) var id: UUID?
    @Parent(key: "panel_id") var panel: DefensePanel
    @Parent(key: "application_id") var application: ApplicationRecord
    @Field(key: "room") var room: String
    /// `YYYY-MM-DD HH:MM`, Beijing time.
    @Field(key: "starts_at") var startsAt: String

    init() {}

    init(panelID: UUID, applicationID: UUID, room: String, startsAt: String) {
        self.$panel.id = panelID; self.$application.id = applicationID; self.room = room; self.startsAt = startsAt
    }
}

/// One expert's raw scores for one applicant, in tenths (78.5 is 785): what is kept;
/// every other number is derived by `DefenseGrading`.
final class DefenseScoreRecord: Model, @unchecked Sendable {
    static let schema = "defense_scores"

    @ID(key: .id) var id: UUID?
    @Parent(key: "panel_id") var panel: DefensePanel
    @Parent(key: "application_id") var application: ApplicationRecord
    @Parent(key: "expert_id") var expert: Expert
    @Field(key: "materials") var materials: Int
    @Field(key: "onsite") var onsite: Int
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(panelID: UUID, applicationID: UUID, expertID: UUID, materials: Int, onsite: Int) {
        self.$panel.id = panelID; self.$application.id = applicationID; self.$expert.id = expertID
        self.materials = materials; self.onsite = onsite
    }
}

/// A recorded decision of the committee stage with its reason: a swap, a reopening, a
/// quantitative adjustment. The audit log has it too; this is what the pages show.
final class CommitteeNote: Model, @unchecked Sendable {
    static let schema = "committee_notes"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "text") var text: String
    @Field(key: "actor_name") var actorName: String
    @Field(key: "at") var at: Date

    init() {}

    init(subjectID: UUID, kind: String, text: String, actorName: String, at: Date) {
        self.subjectID = subjectID; self.kind = kind; self.text = text; self.actorName = actorName; self.at = at
    }
}

/// 量化赋分: the points of one item kind for one application, in tenths.
final class QuantitativePoints: Model, @unchecked Sendable {
    static let schema = "quantitative_points"

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: ApplicationRecord
    /// `QuantitativeKind` raw value.
    @Field(key: "kind") var kind: String
    @Field(key: "points") var points: Int
    @Field(key: "reason") var reason: String

    init() {}

    init(applicationID: UUID, kind: String, points: Int, reason: String) {
        self.$application.id = applicationID; self.kind = kind; self.points = points; self.reason = reason
    }
}
