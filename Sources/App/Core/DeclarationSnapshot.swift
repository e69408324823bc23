import Domain
import Fluent
import Foundation
import Vapor

/// A declaration with everything derived from it: its items and files, the
/// eligibility profile and answer, and the completeness checklist. Loaded in
/// two queries; pages and the submit step read from it.
struct DeclarationSnapshot {
    let application: ApplicationRecord
    let items: [ApplicationItem]
    let files: [StoredFile]
    let answer: EligibilityAnswer
    let checklist: [ChecklistEntry]
    /// Why it came back, when it is returned for correction: shown at the top of
    /// every page of the declaration (issue 17, item 7).
    var returnNote: ReturnNote? = nil

    struct ReturnNote {
        var when: String
        var organization: String
        var reason: String
    }

    static func load(_ application: ApplicationRecord, on db: any Database, engine: EligibilityEngine) async throws -> DeclarationSnapshot {
        let id = try application.requireID()
        let items = try await ApplicationItem.query(on: db).filter(\.$application.$id == id)
            .sort(\.$section).sort(\.$position).all()
        let files = try await StoredFile.query(on: db).filter(\.$application.$id == id).sort(\.$uploadedAt).all()
        let unitKind = try await application.$unit.get(on: db).unitKind ?? .enterprise
        let year = try ReviewYear(engine.policy)
        let input = checklistInput(application, unitKind: unitKind, items: items, files: files, rules: .init(year))
        let profile = Self.profile(application, unitKind: unitKind, items: items,
                                   reportFile: files.contains { $0.slot == DossierSlot.category8.rawValue })
        var snapshot = DeclarationSnapshot(application: application, items: items, files: files,
                                           answer: engine.evaluate(profile), checklist: Checklist.entries(input))
        if application.stateValue == .returned,
           let event = try await WorkflowEvent.query(on: db).filter(\.$application.$id == id)
            .filter(\.$transition == ApplicationTransition.returnForCorrection.rawValue)
            .sort(\.$occurredAt, .descending).first() {
            snapshot.returnNote = ReturnNote(when: BeijingTime.text(event.occurredAt), organization: event.organizationName,
                                             reason: event.opinion)
        }
        return snapshot
    }

    /// The eligibility profile of a declaration: its basic information and items, the
    /// same for the applicant's self-check, the reviewers and a policy rehearsal.
    /// `reportFile`: a work report uploaded as a file (category 8) counts as one written.
    static func profile(_ application: ApplicationRecord, unitKind: UnitKind, items: [ApplicationItem], reportFile: Bool) -> Profile {
        let hasReport = application.workReport.count >= Checklist.minimumReportCharacters || reportFile
        let basics = BasicsForm.basics(level: application.level, track: application.trackValue,
                                       specialty: application.specialty, unitKind: unitKind,
                                       values: application.basicValues, hasWorkReport: hasReport)
        return DeclarationProfile.build(basics, items: items.compactMap { item in
            item.sectionValue.map { ($0, item.values) }
        })
    }

    static func checklistInput(_ application: ApplicationRecord, unitKind: UnitKind, items: [ApplicationItem],
                               files: [StoredFile], rules: ChecklistInput.Rules) -> ChecklistInput {
        ChecklistInput(
            level: application.level, track: application.trackValue, unitKind: unitKind,
            missingBasics: BasicsForm.missing(application.basicValues),
            workReportCharacters: application.workReport.count,
            items: items.compactMap { item in
                item.sectionValue.map { ChecklistInput.Item(id: item.id!.uuidString, section: $0, values: item.values) }
            },
            files: files.compactMap { file in
                DossierSlot(rawValue: file.slot).map { ChecklistInput.File(slot: $0, itemID: file.$item.id?.uuidString) }
            },
            defenseItemID: application.defenseItemID?.uuidString, rules: rules)
    }

    func items(in section: DeclarationSection) -> [ApplicationItem] {
        items.filter { $0.section == section.rawValue }
    }

    var missing: [String] {
        checklist.filter(\.isMissing).map { entry in entry.detail.map { "\(entry.title)（\($0)）" } ?? entry.title }
    }
}
