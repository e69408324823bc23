import Testing
@testable import Domain

/// 试运行 (issue 19, item 3): a new bundle's eligibility over the year's declarations,
/// the verdicts that change, and the clauses that change them.
@Suite struct PolicyRehearsalTests {
    /// The 2022 bundle with one parameter changed: an engineer by the bachelor's route
    /// needs five years after the assistant title instead of four.
    static let fiveYears: Policy = {
        let v = BrokenBundleTests().bundle(setting: [.key("id")], to: .string("changzhi-2022-five"))
            .merged(with: .object([("parameters", .object([("engineerBachelorYears", .object([("value", .number(5))]))]))]))
        return try! Policy.load(json: v.serialized)
    }()

    /// Five engineers: 2015 and 2018 titles (eligible in 2022), a 2019 title (short of
    /// four years), a 2018 title without papers (ineligible either way), and an
    /// assistant engineer the parameter does not concern.
    static func declarations() throws -> [PolicyRehearsal.Declaration] {
        let assessments = #""assessments": [{"year": 2016, "result": "competent"}, {"year": 2017, "result": "competent"}, {"year": 2018, "result": "competent"}, {"year": 2019, "result": "competent"}, {"year": 2020, "result": "excellent"}, {"year": 2021, "result": "competent"}]"#
        return [
            .init(key: "老工程", profile: try baseProfile("engineer", #"{"titles": [{"series": "engineering", "tier": "assistant", "qualified": "2015-06-30", "appointed": "2015-07-01"}], "#
                + assessments + "}")),
            .init(key: "四年半", profile: try baseProfile("engineer")),
            .init(key: "三年半", profile: try baseProfile("engineer", #"{"titles": [{"series": "engineering", "tier": "assistant", "qualified": "2019-06-30", "appointed": "2019-07-01"}]}"#)),
            .init(key: "无论文", profile: try baseProfile("engineer", #"{"papers": []}"#)),
            .init(key: "助工", profile: try baseProfile("assistant_engineer")),
        ]
    }

    @Test func aLongerTenureFlipsExactlyTheEngineerShortOfIt() throws {
        let declarations = try Self.declarations()
        // The premise: under 2022 the first two and the assistant engineer are eligible.
        #expect(declarations.map { shippedEngine.evaluate($0.profile).verdict } == [.eligible, .eligible, .ineligible, .ineligible, .eligible])

        let report = PolicyRehearsal(old: shippedPolicy, new: Self.fiveYears, declarations: declarations)
        #expect(report.oldID == "changzhi-2022" && report.newID == "changzhi-2022-five")
        #expect(report.total == 5)
        #expect(report.changes.map(\.key) == ["四年半"])
        #expect(report.becameIneligible.map(\.key) == ["四年半"] && report.becameEligible.isEmpty && report.otherChanges.isEmpty)
        let change = try #require(report.changes.first)
        #expect(change.old == .eligible && change.new == .ineligible)
        // Five years of tenure (3.1.3) and, read from the same parameter, five yearly
        // assessments (3.1.7: one per year of the route).
        #expect(change.clauses == ["3.1.3", "3.1.7"])
        #expect(report.clauseCounts == [.init(clause: "3.1.3", count: 1), .init(clause: "3.1.7", count: 1)])
    }

    @Test func theWayBackFlipsItTheOtherWay() throws {
        let report = PolicyRehearsal(old: Self.fiveYears, new: shippedPolicy, declarations: try Self.declarations())
        #expect(report.becameEligible.map(\.key) == ["四年半"] && report.becameIneligible.isEmpty)
        #expect(report.changes.first?.clauses == ["3.1.3", "3.1.7"])
    }

    @Test func theSameBundleChangesNothing() throws {
        let report = PolicyRehearsal(old: shippedPolicy, new: shippedPolicy, declarations: try Self.declarations())
        #expect(report.total == 5 && report.changes.isEmpty && report.clauseCounts.isEmpty)
        #expect(PolicyRehearsal(old: shippedPolicy, new: Self.fiveYears, declarations: []).total == 0)
    }

    /// The example next year moves only its dates, and that alone changes verdicts: a
    /// declaration of 2022 shows yearly assessments up to 2021, and 2023 asks for one of
    /// 2023 or 2022 (三（一）7, 三（二）6). The engineer short of four years in 2022 has his
    /// years by 2023-12-31 but lacks that assessment too, so he stays not eligible.
    @Test func theExampleYearMeasuresToItsOwnDates() throws {
        let example = try Policy.load(id: "changzhi-2023-example")
        let report = PolicyRehearsal(old: shippedPolicy, new: example, declarations: try Self.declarations())
        #expect(report.becameIneligible.map(\.key) == ["老工程", "四年半", "助工"])
        #expect(report.becameIneligible.map(\.clauses) == [["3.1.7"], ["3.1.7"], ["3.2.6"]])
        #expect(report.becameEligible.isEmpty && report.otherChanges.isEmpty)
        #expect(report.clauseCounts == [.init(clause: "3.1.7", count: 2), .init(clause: "3.2.6", count: 1)])
    }
}
