import Fluent
import Foundation
import Domain

/// A body of the review: a bureau, the committee office, a competent
/// department, an employer (用人单位) or a personnel agency.
final class Organization: Model, StoredValuesChecked, @unchecked Sendable {
    static let schema = "organizations"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    /// `OrganizationKind` raw value; strings keep the schema portable.
    @Field(key: "kind") var kindRaw: String
    /// 行政区划代码 of where it sits: 140400 for city level, a county's code otherwise.
    @Field(key: "division_code") var divisionCode: String
    /// Employers only: `UnitKind` raw value.
    @OptionalField(key: "unit_kind") var unitKindRaw: String?
    /// 统一社会信用代码, checked by its GB 32100 check character.
    @OptionalField(key: "credit_code") var creditCode: String?
    /// 市直单位: reports to a city department rather than a county bureau.
    @Field(key: "is_city_direct") var isCityDirect: Bool
    /// 规模以上企业 (规上).
    @Field(key: "is_above_scale") var isAboveScale: Bool
    /// The unit's competent department (主管部门), if any.
    @OptionalParent(key: "competent_department_id") var competentDepartment: Organization?
    /// For non-public units whose staff files are held by an agency (人事档案代理).
    @OptionalParent(key: "personnel_agency_id") var personnelAgency: Organization?
    @Field(key: "is_active") var isActive: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    /// The properties listed, not found by reflection: FluentKit's default walks a
    /// Mirror on every row it loads, a tenth of a page's time (issue 12's profile).
    /// `ModelPropertiesTests` checks this list against the reflected one.
    var properties: [any AnyProperty] {
        [$id, $name, $kindRaw, $divisionCode, $unitKindRaw, $creditCode, $isCityDirect, $isAboveScale,
         $competentDepartment, $personnelAgency, $isActive, $createdAt, $updatedAt]
    }

    init() {}

    init(id: UUID? = nil, name: String, kind: OrganizationKind, divisionCode: String,
         unitKind: UnitKind? = nil, creditCode: String? = nil, isCityDirect: Bool = false,
         isAboveScale: Bool = false, competentDepartmentID: UUID? = nil, personnelAgencyID: UUID? = nil) {
        self.id = id
        self.name = name
        self.kindRaw = kind.rawValue
        self.divisionCode = divisionCode
        self.unitKindRaw = unitKind?.code
        self.creditCode = creditCode
        self.isCityDirect = isCityDirect
        self.isAboveScale = isAboveScale
        self.$competentDepartment.id = competentDepartmentID
        self.$personnelAgency.id = personnelAgencyID
        self.isActive = true
    }

    // Checked when the row loads or saves (`checkStoredValues`): never a guessed default.
    var kind: OrganizationKind { StoredValue.checked("organizations.kind", kindRaw, OrganizationKind.init(rawValue:)) }
    var unitKind: UnitKind? { unitKindRaw.map { StoredValue.checked("organizations.unit_kind", $0, { UnitKind(code: $0) }) } }

    func output(from output: any DatabaseOutput) throws { try loadCheckingStoredValues(from: output) }

    func checkStoredValues() throws {
        if let raw = $kindRaw.value { _ = try StoredValue.decode("organizations.kind", raw, OrganizationKind.init(rawValue:)) }
        if let raw = $unitKindRaw.value ?? nil { _ = try StoredValue.decode("organizations.unit_kind", raw, { UnitKind(code: $0) }) }
    }

    var facts: OrganizationFacts {
        OrganizationFacts(id: id!, kind: kind, competentDepartmentID: $competentDepartment.id)
    }
}

extension Organization {
    /// Every organization by name as a select's choices, each with its kind (so the role
    /// rule is visible) and, when inactive, saying so. `activeOnly`: leave the inactive out.
    static func choices(activeOnly: Bool, on db: any Database) async throws -> [Choice] {
        var q = Organization.query(on: db)
        if activeOnly { q = q.filter(\.$isActive == true) }
        return try await q.sort(\.$name).all().map { org in
            Choice(value: org.id!.uuidString, label: "\(org.name)（\(org.kind.label)\(org.isActive ? "" : "，已停用")）")
        }
    }

    /// The active units by name: the employers an applicant or a reopening can name.
    static func activeUnits(on db: any Database) async throws -> [Organization] {
        try await Organization.query(on: db).filter(\.$kindRaw == OrganizationKind.unit.rawValue).filter(\.$isActive == true)
            .sort(\.$name).all()
    }

    /// Names of the departments and agencies units point to, by id (one query).
    static func departmentAndAgencyNames(on db: any Database) async throws -> [UUID: String] {
        let kinds = [OrganizationKind.competentDepartment.rawValue, OrganizationKind.personnelAgency.rawValue]
        let orgs = try await Organization.query(on: db).filter(\.$kindRaw ~~ kinds).all()
        return Dictionary(orgs.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
    }
}

extension Organization {
    /// The units whose competent department is the actor's organization, each confirmed by
    /// the access policy so the list and the checks cannot drift apart (one query).
    static func unitsSupervised(by actor: AccessActor, activeOnly: Bool, on db: any Database) async throws -> [Organization] {
        var q = Organization.query(on: db).filter(\.$kindRaw == OrganizationKind.unit.rawValue)
            .filter(\.$competentDepartment.$id == actor.organizationID)
        if activeOnly { q = q.filter(\.$isActive == true) }
        return try await q.sort(\.$name).all().filter {
            AccessPolicy.decide(actor, .manageUnitClerks, .organization($0.facts)).isAllowed
        }
    }
}
