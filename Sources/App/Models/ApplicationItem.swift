import Domain
import Fluent
import Foundation

/// One entry of a repeated declaration section (a diploma, a title, a paper ...):
/// its field values as typed, validated against `DeclarationSection.fields`.
final class ApplicationItem: Model, StoredValuesChecked, @unchecked Sendable {
    static let schema = "application_items"

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: ApplicationRecord
    /// `DeclarationSection` raw value.
    @Field(key: "section") var section: String
    /// Order within the section, as the applicant entered them.
    @Field(key: "position") var position: Int
    @Field(key: "payload") var payload: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    /// The properties listed, not found by reflection: FluentKit's default walks a
    /// Mirror on every row it loads, a tenth of a page's time (issue 12's profile).
    /// `ModelPropertiesTests` checks this list against the reflected one.
    var properties: [any AnyProperty] {
        [$id, $application, $section, $position, $payload, $createdAt, $updatedAt]
    }

    init() {}

    init(applicationID: UUID, section: DeclarationSection, position: Int, values: FieldValues) {
        self.$application.id = applicationID
        self.section = section.rawValue
        self.position = position
        self.payload = "{}"
        self.values = values
    }

    var sectionValue: DeclarationSection? { DeclarationSection(rawValue: section) }

    private var payloadCache = FieldValuesCache()

    var values: FieldValues {
        get { payloadCache.values("application_items.payload", payload) }
        set { payload = JSONEncoder.sorted.string(newValue) }
    }

    func output(from output: any DatabaseOutput) throws { try loadCheckingStoredValues(from: output) }

    func checkStoredValues() throws {
        if let raw = $section.value { _ = try StoredValue.decode("application_items.section", raw, DeclarationSection.init(rawValue:)) }
        if let raw = $payload.value { try payloadCache.check("application_items.payload", raw) }
    }
}

extension ApplicationItem {
    /// An item of this application (of `section`, when given); another application's item is nil.
    static func find(_ id: UUID, of application: UUID, section: DeclarationSection? = nil,
                     on db: any Database) async throws -> ApplicationItem? {
        var query = ApplicationItem.query(on: db).filter(\.$id == id).filter(\.$application.$id == application)
        if let section { query = query.filter(\.$section == section.rawValue) }
        return try await query.first()
    }
}

extension ApplicationItem {
    /// The sections whose items fill a column of 评审材料汇总表: education and titles by
    /// value, the rest counted.
    static let summaryTableSections: [DeclarationSection] = [.education, .titles, .papers, .books, .technicalMaterials,
                                                             .technicalReports, .achievements]

    /// These applications' items of the summary table's sections, by application (one query).
    static func summaryTableItems(of applications: [UUID], on db: any Database) async throws -> [UUID: [ApplicationItem]] {
        let items = applications.isEmpty ? [] : try await ApplicationItem.query(on: db).filter(\.$application.$id ~~ applications)
            .filter(\.$section ~~ summaryTableSections.map(\.rawValue)).all()
        return Dictionary(grouping: items, by: { $0.$application.id })
    }
}
