import Domain
import Fluent
import Foundation

/// One applicant's declaration (申报) for one year and level. Named
/// `ApplicationRecord` because `Application` is Vapor's.
final class ApplicationRecord: Model, @unchecked Sendable {
    static let schema = "applications"

    @ID(key: .id) var id: UUID?
    @Parent(key: "applicant_id") var applicant: UserAccount
    /// The employer at the time of declaring (the applicant's organization).
    @Parent(key: "unit_id") var unit: Organization
    @Field(key: "year") var year: Int
    @Field(key: "policy_id") var policyID: String
    /// `TargetLevel.jsonName`: engineer | assistant_engineer | technician.
    @Field(key: "target_level") var targetLevel: String
    /// regular | transfer.
    @Field(key: "track") var track: String
    /// 申报专业.
    @Field(key: "specialty") var specialty: String
    /// `ApplicationState` raw value; changed only through `Workflow`.
    @Field(key: "state") var state: String
    /// Everything else of the basic sections (民族、政治面貌、岗位、现职称 ...,
    /// the status flags, probation), as JSON of field values: see `BasicsForm`.
    @Field(key: "basics") var basics: String
    /// 专业技术工作报告 / 工作总结 written in the page.
    @Field(key: "work_report") var workReport: String
    @OptionalField(key: "commitment_signed_at") var commitmentSignedAt: Date?
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(applicantID: UUID, unitID: UUID, year: Int, policyID: String, targetLevel: TargetLevel,
         track: Track, specialty: String) {
        self.$applicant.id = applicantID
        self.$unit.id = unitID
        self.year = year
        self.policyID = policyID
        self.targetLevel = targetLevel.jsonName
        self.track = track.jsonName
        self.specialty = specialty
        self.state = ApplicationState.draft.rawValue
        self.basics = "{}"
        self.workReport = ""
    }

    var level: TargetLevel { TargetLevel(jsonName: targetLevel) ?? .engineer }
    var trackValue: Track { Track(jsonName: track) ?? .regular }
    var stateValue: ApplicationState { ApplicationState(rawValue: state) ?? .draft }

    var facts: ApplicationFacts {
        ApplicationFacts(id: id!, applicantID: $applicant.id, unitID: $unit.id, state: stateValue)
    }

    var basicValues: FieldValues {
        get { (try? JSONDecoder().decode(FieldValues.self, from: Data(basics.utf8))) ?? [:] }
        set { basics = String(decoding: (try? JSONEncoder.sorted.encode(newValue)) ?? Data("{}".utf8), as: UTF8.self) }
    }
}

extension JSONEncoder {
    /// Stable key order, so stored JSON diffs cleanly and hashes reproducibly.
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}
