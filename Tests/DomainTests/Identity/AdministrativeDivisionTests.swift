import Testing
@testable import Domain

@Suite("AdministrativeDivision (长治市, GB/T 2260 2022)")
struct AdministrativeDivisionTests {
    @Test func city() {
        #expect(AdministrativeDivision.changzhi.code == "140400")
        #expect(AdministrativeDivision.changzhi.name == "长治市")
        #expect(AdministrativeDivision.changzhi.kind == .city)
    }

    @Test(arguments: [
        ("140403", "潞州区"), ("140404", "上党区"), ("140405", "屯留区"), ("140406", "潞城区"),
        ("140423", "襄垣县"), ("140425", "平顺县"), ("140426", "黎城县"), ("140427", "壶关县"),
        ("140428", "长子县"), ("140429", "武乡县"), ("140430", "沁县"), ("140431", "沁源县"),
    ])
    func countyCodes(code: String, name: String) throws {
        let division = try #require(AdministrativeDivision.code(code))
        #expect(division.name == name)
        #expect(AdministrativeDivision.named(name) == division)
        #expect(division.kind == (name.hasSuffix("区") ? .district : .county))
    }

    @Test func twelveCountyLevelDivisionsInCodeOrder() {
        let counties = AdministrativeDivision.changzhiCounties
        #expect(counties.count == 12)
        #expect(counties.filter { $0.kind == .district }.count == 4)
        #expect(counties.filter { $0.kind == .county }.count == 8)
        let codes = counties.compactMap(\.code)
        #expect(codes.count == 12)
        #expect(codes == codes.sorted())
        #expect(codes.allSatisfy { $0.hasPrefix("1404") && $0.count == 6 })
    }

    @Test(arguments: ["140402", "140411", "140421", "140424", "140481", "140401", "", "999999"])
    func retiredOrUnknownCodesAreAbsent(code: String) {
        #expect(AdministrativeDivision.code(code) == nil)
    }

    @Test func oldNamesAreAbsent() {
        for old in ["城区", "郊区", "长治县", "屯留县", "潞城市"] {
            #expect(AdministrativeDivision.named(old) == nil, "\(old)")
        }
    }

    @Test func highTechZoneHasNoCode() throws {
        let zone = AdministrativeDivision.changzhiHighTechZone
        #expect(zone.code == nil)
        #expect(zone.kind == .developmentZone)
        #expect(zone.kind.label == "开发区")
        #expect(AdministrativeDivision.named("长治高新技术产业开发区") == zone)
        #expect(AdministrativeDivision.named(" 长治高新区 ") == zone)
        #expect(zone.id == "长治高新技术产业开发区")
        #expect(AdministrativeDivision.changzhiReportingAreas.count == 13)
        #expect(!AdministrativeDivision.changzhiCounties.contains(zone))
    }

    @Test func allIsUniqueAndDescribed() {
        let all = AdministrativeDivision.all
        #expect(all.count == 14)
        #expect(Set(all.map(\.id)).count == 14)
        #expect(Set(all.map(\.name)).count == 14)
        #expect(AdministrativeDivision.code("140430")?.description == "沁县（140430）")
    }

    @Test func changzhiAddressCodesAreAcceptedInResidentIDs() throws {
        for division in AdministrativeDivision.changzhiCounties {
            let text = IdentityFixtures.residentID(division.code! + "19900101001")
            let id = try ResidentIDNumber(text, today: IdentityFixtures.today)
            #expect(id.addressCode == division.code)
        }
    }
}
