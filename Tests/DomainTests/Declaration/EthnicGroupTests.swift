import Testing
@testable import Domain

/// Issue 8, item 10: 民族 is chosen from the 56 ethnic groups of GB/T 3304, not typed.
@Suite struct EthnicGroupTests {
    @Test func fiftySixGroupsWithTheStandardsCodes() {
        #expect(EthnicGroup.all.count == 56)
        #expect(Set(EthnicGroup.all.map(\.name)).count == 56)
        #expect(EthnicGroup.all.map(\.code) == (1...56).map { $0 < 10 ? "0\($0)" : "\($0)" })
        #expect(EthnicGroup.named("汉族")?.code == "01")
        #expect(EthnicGroup.named("回族")?.code == "03")
        #expect(EthnicGroup.named("满族")?.code == "11")
        #expect(EthnicGroup.named("基诺族")?.code == "56")
    }

    @Test func theBasicsFormOffersThemAndRefusesAnythingElse() throws {
        let spec = try #require(BasicsForm.fields.first { $0.name == "ethnicity" })
        guard case .choice(let choices) = spec.kind else { Issue.record("民族 is not a choice"); return }
        #expect(choices.count == 56)
        let today = LocalDate(iso: "2022-07-01")!
        #expect(FieldValidation.validate(["ethnicity": "回族"], specs: [spec], today: today)["ethnicity"] == nil)
        #expect(FieldValidation.validate(["ethnicity": "汉"], specs: [spec], today: today)["ethnicity"] != nil)
    }
}
