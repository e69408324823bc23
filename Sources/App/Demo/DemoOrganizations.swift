import Domain
import Fluent
import Foundation

/// The organizations of the demo, created in dependency order.
enum DemoOrganizations {
    struct Created {
        var cityHR: UUID
        var industryBureau: UUID
        var committeeOffice: UUID
        var waterBureau: UUID
        var assetsCommission: UUID
        var agency: UUID
        var countyBureaus: [String: UUID]
        var countyHRBureaus: [String: UUID]
        var units: [String: UUID]
    }

    static let city = "140400"
    static let counties = ["潞州区": "140403", "襄垣县": "140423", "长子县": "140428", "沁源县": "140431"]

    static func create(on db: any Database) async throws -> Created {
        func make(_ org: Organization) async throws -> UUID {
            try await org.create(on: db)
            return org.id!
        }
        let cityHR = try await make(Organization(name: "长治市人力资源和社会保障局", kind: .cityHR, divisionCode: city, isCityDirect: true))
        let bureau = try await make(Organization(name: "长治市工业和信息化局", kind: .cityIndustryBureau, divisionCode: city, isCityDirect: true))
        let office = try await make(Organization(name: "长治市工程系列中初级评审委员会办公室（市工信局编制人事科）",
                                                 kind: .committeeOffice, divisionCode: city, isCityDirect: true))
        let water = try await make(Organization(name: "长治市水务局", kind: .competentDepartment, divisionCode: city, isCityDirect: true))
        let assets = try await make(Organization(name: "长治市人民政府国有资产监督管理委员会", kind: .competentDepartment,
                                                 divisionCode: city, isCityDirect: true))
        let agency = try await make(Organization(name: "长治市公共就业和人才服务中心", kind: .personnelAgency, divisionCode: city, isCityDirect: true))
        var countyBureaus: [String: UUID] = [:]
        var countyHRBureaus: [String: UUID] = [:]
        for (name, code) in counties.sorted(by: { $0.value < $1.value }) {
            countyBureaus[name] = try await make(Organization(name: "\(name)工业和信息化局", kind: .countyBureau, divisionCode: code))
            countyHRBureaus[name] = try await make(Organization(name: "\(name)人力资源和社会保障局", kind: .countyHR, divisionCode: code))
        }
        // A county's own competent department, for a county enterprise under it: the route
        // of workflow.md rule 2 (county industry bureau, then city HR filing for engineers).
        let countyWater = try await make(Organization(name: "襄垣县水利局", kind: .competentDepartment,
                                                      divisionCode: counties["襄垣县"]!, isCityDirect: false))
        var units: [String: UUID] = [:]
        let unitSpecs: [(String, String, UnitKind, String, Bool, Bool, UUID?, UUID?)] = [
            // name, key, kind, division, city-direct, above-scale, competent department, agency; credit-code body
            ("长治市示例水利勘测设计院", "water", .publicInstitution, city, true, false, water, nil),
            ("长治示例重工机械有限公司", "heavy", .enterprise, city, true, true, assets, nil),
            ("襄垣县示例煤机制造有限公司", "coal", .enterprise, counties["襄垣县"]!, false, true, nil, nil),
            ("潞州区示例智能科技有限公司", "tech", .nonPublic, counties["潞州区"]!, false, false, nil, agency),
            ("长子县示例农机技术推广站", "farm", .publicInstitution, counties["长子县"]!, false, false, nil, nil),
            ("沁源县示例能源技术协会", "assoc", .socialOrganization, counties["沁源县"]!, false, false, nil, nil),
            ("襄垣县示例供水有限公司", "supply", .enterprise, counties["襄垣县"]!, false, false, countyWater, nil),
        ]
        for (index, spec) in unitSpecs.enumerated() {
            let prefix: String = switch spec.2 {
            case .publicInstitution: "12"
            case .enterprise, .nonPublic: "91"
            case .socialOrganization: "51"
            }
            let body = prefix + spec.3 + String(format: "MA0%06dX", 100_000 + index * 1_117).prefix(9)
            let code = UnifiedSocialCreditCode.completing(String(body.prefix(17)))
            units[spec.1] = try await make(Organization(
                name: spec.0, kind: .unit, divisionCode: spec.3, unitKind: spec.2, creditCode: code,
                isCityDirect: spec.4, isAboveScale: spec.5, competentDepartmentID: spec.6, personnelAgencyID: spec.7))
        }
        return Created(cityHR: cityHR, industryBureau: bureau, committeeOffice: office, waterBureau: water,
                       assetsCommission: assets, agency: agency, countyBureaus: countyBureaus, countyHRBureaus: countyHRBureaus, units: units)
    }
}
