import Testing
@testable import Domain

/// The review routes (`shared/contracts/workflow.md`, rules 1–4 and readings W1–W4;
/// notice 四（三）, 六（一）, 六（二）, 六（四）) computed from the shipped bundle.
@Suite struct RouteTests {
    let policy = shippedPolicy

    static let counties = AdministrativeDivision.changzhiCounties.compactMap(\.code)

    func unit(cityDirect: Bool = false, county: String? = "140404", ownership: UnitOwnership = .publicSector,
              department: Bool = true, agency: Bool = false) -> RouteUnit {
        RouteUnit(cityDirect: cityDirect, county: county, ownership: ownership, hasCompetentDepartment: department,
                  personnelAgency: agency)
    }

    func steps(_ level: TargetLevel, _ unit: RouteUnit) throws -> [RouteStep] {
        try policy.route(level: level, unit: unit).steps
    }

    // MARK: rule 1 — public, city-direct, with a competent department (四（三）, 六（二）)

    @Test func rule1CityDirectEngineerIsReviewedByTheCityHRBureau() throws {
        let r = try policy.route(level: .engineer, unit: unit(cityDirect: true))
        #expect(r.steps == [.unit, .competentDepartment, .cityHRReview, .committeeOffice])
        #expect(r.ruleID == "R1")
        #expect(r.county == nil)   // W4: a city-direct route names no county, even when one is given
    }

    @Test(arguments: [TargetLevel.assistantEngineer, .technician])
    func rule1CityDirectJuniorGoesFromTheDepartmentToTheOffice(level: TargetLevel) throws {
        let r = try policy.route(level: level, unit: unit(cityDirect: true))
        #expect(r.steps == [.unit, .competentDepartment, .committeeOffice])
        #expect(r.county == nil)
        #expect(r.ruleID == "R1")
    }

    @Test(arguments: TargetLevel.allCases)
    func rule1NeedsNoCounty(level: TargetLevel) throws {
        // The contract: county is required "unless the route never needs it".
        let absent = try policy.route(level: level, unit: unit(cityDirect: true, county: nil))
        #expect(absent.county == nil)
        #expect(absent.steps.first == .unit && absent.steps.last == .committeeOffice)
        // Not needed, so not checked: an unknown code is ignored rather than refused.
        let unknown = try policy.route(level: level, unit: unit(cityDirect: true, county: "999999"))
        #expect(unknown == absent)
    }

    @Test func rule1IgnoresAPublicUnitsPersonnelAgency() throws {
        let r = try policy.route(level: .engineer, unit: unit(cityDirect: true, agency: true))
        #expect(r.steps == [.unit, .competentDepartment, .cityHRReview, .committeeOffice])
    }

    // MARK: rule 2 — public, in a county, with a competent department (六（一）, W1)

    @Test func rule2CountyEngineerIsFiledWithTheCityHRBureau() throws {
        let r = try policy.route(level: .engineer, unit: unit())
        #expect(r.steps == [.unit, .countyIndustryBureau, .cityHRFiling, .committeeOffice])
        #expect(r.county == "140404")
        #expect(r.ruleID == "R2")
    }

    @Test(arguments: [TargetLevel.assistantEngineer, .technician])
    func rule2CountyJuniorIsNotFiled(level: TargetLevel) throws {
        // W1: the county bureau reviews; filing with the city HR bureau is for intermediate titles only.
        let r = try policy.route(level: level, unit: unit(county: "140431"))
        #expect(r.steps == [.unit, .countyIndustryBureau, .committeeOffice])
        #expect(r.county == "140431")
        #expect(r.ruleID == "R2")
    }

    @Test func rule2IgnoresAPublicUnitsPersonnelAgency() throws {
        #expect(try steps(.engineer, unit(agency: true)) == [.unit, .countyIndustryBureau, .cityHRFiling, .committeeOffice])
    }

    @Test(arguments: RouteTests.counties)
    func everyOneOfTheTwelveCountiesIsAccepted(code: String) throws {
        #expect(try policy.route(level: .engineer, unit: unit(county: code)).county == code)
        #expect(try policy.route(level: .technician, unit: unit(county: code)).county == code)
        let nonPublic = unit(cityDirect: true, county: code, ownership: .nonPublic, agency: true)
        #expect(try policy.route(level: .assistantEngineer, unit: nonPublic).county == code)
    }

    @Test func thereAreTwelveCountyCodes() {
        #expect(RouteTests.counties.count == 12)
        #expect(Set(RouteTests.counties).count == 12)
    }

    // MARK: rule 3 — non-public units and units without a competent department (四（三）, 六（四）, W2, W3)

    @Test func rule3NonPublicEngineerWithoutAgency() throws {
        let r = try policy.route(level: .engineer, unit: unit(ownership: .nonPublic))
        #expect(r.steps == [.unit, .countyHR, .countyIndustryBureau, .cityHRFiling, .committeeOffice])
        #expect(r.county == "140404")
        #expect(r.ruleID == "R3")
    }

    @Test func rule3NonPublicEngineerThroughTheAgency() throws {
        let r = try policy.route(level: .engineer, unit: unit(ownership: .nonPublic, agency: true))
        #expect(r.steps == [.unit, .personnelAgency, .countyHR, .countyIndustryBureau, .cityHRFiling, .committeeOffice])
        #expect(r.county == "140404")
    }

    @Test(arguments: [TargetLevel.assistantEngineer, .technician])
    func rule3NonPublicJuniorIsNotFiled(level: TargetLevel) throws {
        // W3: cityHRFiling for an engineer only.
        #expect(try steps(level, unit(ownership: .nonPublic)) == [.unit, .countyHR, .countyIndustryBureau, .committeeOffice])
        #expect(try steps(level, unit(ownership: .nonPublic, agency: true))
                == [.unit, .personnelAgency, .countyHR, .countyIndustryBureau, .committeeOffice])
    }

    @Test(arguments: [false, true])
    func rule3NonPublicWithACompetentDepartmentStillGoesByLocality(cityDirect: Bool) throws {
        // "Non-public unit ... city-direct or not": the competent department does not take it.
        let r = try policy.route(level: .engineer, unit: unit(cityDirect: cityDirect, ownership: .nonPublic, department: true))
        #expect(r.ruleID == "R3")
        #expect(r.steps == [.unit, .countyHR, .countyIndustryBureau, .cityHRFiling, .committeeOffice])
        #expect(r.county == "140404")
    }

    @Test func rule3CityDirectNonPublicNeedsItsCounty() throws {
        let u = unit(cityDirect: true, county: nil, ownership: .nonPublic, department: false, agency: true)
        #expect(throws: RouteError.countyMissing) { try policy.route(level: .technician, unit: u) }
    }

    @Test(arguments: [false, true])
    func rule3PublicUnitWithoutACompetentDepartment(cityDirect: Bool) throws {
        // 六（四）: 无主管部门的企业单位 report by locality, city-direct or not; the agency never applies.
        for agency in [false, true] {
            let u = unit(cityDirect: cityDirect, county: "140423", department: false, agency: agency)
            let engineer = try policy.route(level: .engineer, unit: u)
            #expect(engineer.steps == [.unit, .countyHR, .countyIndustryBureau, .cityHRFiling, .committeeOffice])
            #expect(engineer.county == "140423")
            #expect(engineer.ruleID == "R3")
            #expect(try steps(.assistantEngineer, u) == [.unit, .countyHR, .countyIndustryBureau, .committeeOffice])
            #expect(try steps(.technician, u) == [.unit, .countyHR, .countyIndustryBureau, .committeeOffice])
        }
    }

    @Test func cityDirectPublicWithoutADepartmentNeedsItsCounty() {
        let u = unit(cityDirect: true, county: nil, department: false)
        #expect(throws: RouteError.countyMissing) { try policy.route(level: .engineer, unit: u) }
    }

    // MARK: the county where a county body acts (rule 4, W4)

    @Test(arguments: TargetLevel.allCases)
    func countyMissingWhereTheRouteNeedsIt(level: TargetLevel) {
        #expect(throws: RouteError.countyMissing) { try policy.route(level: level, unit: unit(county: nil)) }
        #expect(throws: RouteError.countyMissing) {
            try policy.route(level: level, unit: unit(county: nil, ownership: .nonPublic))
        }
    }

    @Test(arguments: ["140402", "140411", "140481", "140400", "999999", "", "上党区", " 140404"])
    func unknownCountyIsRefused(code: String) {
        // Retired codes (城区 140402, 郊区 140411, 潞城市 140481), the city itself and junk.
        #expect(throws: RouteError.unknownCounty(code)) { try policy.route(level: .engineer, unit: unit(county: code)) }
        #expect(throws: RouteError.unknownCounty(code)) {
            try policy.route(level: .technician, unit: unit(county: code, ownership: .nonPublic))
        }
    }

    @Test func routeErrorsNameTheField() {
        #expect(RouteError.countyMissing.description.hasPrefix("unit.county: missing required field"))
        let unknown = RouteError.unknownCounty("140402").description
        #expect(unknown.hasPrefix("unit.county: unknown county \"140402\" (expected one of: 140403, 140404,"))
        #expect(unknown.hasSuffix("140431)"))
        #expect(!unknown.contains("\n"))
        #expect(RouteError.countyMissing.message.contains("县（区）"))
        #expect(RouteError.unknownCounty("1").message.contains("“1”"))
    }

    // MARK: output

    @Test func outputIsTheContractsJSON() throws {
        let county = try policy.route(level: .engineer, unit: unit())
        #expect(county.json == #"{"route":["unit","countyIndustryBureau","cityHRFiling","committeeOffice"],"county":"140404"}"#)
        let cityDirect = try policy.route(level: .technician, unit: unit(cityDirect: true, county: nil))
        #expect(cityDirect.json == #"{"route":["unit","competentDepartment","committeeOffice"],"county":null}"#)
    }

    @Test func stepNamesAreTheContracts() {
        #expect(RouteStep.allCases.map(\.rawValue) == [
            "unit", "personnelAgency", "countyHR", "countyIndustryBureau", "competentDepartment",
            "cityHRFiling", "cityHRReview", "committeeOffice",
        ])
        #expect(Set(RouteStep.allCases.map(\.label)).count == RouteStep.allCases.count)
        #expect(UnitOwnership.allCases.map(\.rawValue) == ["public", "non_public"])
        #expect(UnitOwnership(.enterprise) == .publicSector)
        #expect(UnitOwnership(.socialOrganization) == .nonPublic)
    }

    // MARK: the bundle's step table and readings

    @Test func everyStepHasAPartyADutyAndAClauseOfTheNotice() {
        for step in RouteStep.allCases {
            let info = policy.routeStepInfo(step)
            #expect(!info.party.isEmpty && !info.duty.isEmpty, "\(step)")
            #expect(policy.clause(info.clause) != nil, "\(step): \(info.clause)")
        }
        #expect(policy.routeStepInfo(.countyIndustryBureau).party == "县（区）工业和信息化局")
        #expect(policy.routeStepInfo(.countyIndustryBureau).duty == "审核并填写评审材料汇总表")
        #expect(policy.routeStepInfo(.countyIndustryBureau).clause == "6.1")
        #expect(policy.routeStepInfo(.personnelAgency).clause == "4.3")
        #expect(policy.routeStepInfo(.committeeOffice).clause == "10.3")
        #expect(policy.routes.steps[.countyHR]?.clauses == ["4.3", "6.4"])
        // Only county bodies make a route need the unit's county.
        let countyScoped = RouteStep.allCases.filter { policy.routes.steps[$0]?.scope == .county }
        #expect(countyScoped == [.countyHR, .countyIndustryBureau])
    }

    @Test func rulesCiteTheNoticeAndTheReadings() throws {
        #expect(policy.routes.rules.map(\.id) == ["R1", "R2", "R3"])
        #expect(policy.routes.readings.map(\.id) == ["W1", "W2", "W3", "W4"])
        for rule in policy.routes.rules {
            for c in rule.clauses { #expect(policy.clause(c) != nil) }
            for r in rule.readings { #expect(policy.routes.reading(r) != nil) }
        }
        #expect(policy.routes.rules[0].clauses == ["4.3", "6.1", "6.2"])
        #expect(policy.routes.rules[2].clauses.contains("6.4"))
        #expect(policy.routes.rules[1].readings.contains("W1"))
        #expect(try #require(policy.routes.reading("W3")).text.contains("工程师"))
    }

    @Test func everyKindOfUnitHasExactlyOneRule() {
        for ownership in UnitOwnership.allCases {
            for cityDirect in [false, true] {
                for department in [false, true] {
                    for agency in [false, true] {
                        let u = unit(cityDirect: cityDirect, ownership: ownership, department: department, agency: agency)
                        let effective = ownership == .publicSector ? unit(cityDirect: cityDirect, ownership: ownership, department: department) : u
                        #expect(policy.routes.rules.filter { $0.condition.matches(effective) }.count == 1, "\(u)")
                    }
                }
            }
        }
    }
}
