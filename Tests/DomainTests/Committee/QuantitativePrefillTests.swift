import Testing
@testable import Domain

/// 量化赋分的预填 (九): the declaration's facts counted by the documented rules and
/// turned into points by the year's table, capped.
@Suite struct QuantitativePrefillTests {
    let table: QuantitativeTable
    let date = LocalDate(iso: "2022-08-31")!

    init() throws { table = try QuantitativeTable(policy: try Policy.load(id: "changzhi-2022")) }

    func line(_ lines: [QuantitativePrefill.Line], _ kind: QuantitativeKind) -> QuantitativePrefill.Line? {
        lines.first { $0.kind == kind }
    }

    @Test func achievementsAreWeightedByLevelAndOnlyAcceptedCountAndCapped() {
        let items: [(DeclarationSection, FieldValues)] = [
            (.achievements, ["level": "national", "accepted": "1"]),
            (.achievements, ["level": "provincial", "accepted": "1"]),
            (.achievements, ["level": "city", "accepted": "1"]),
            (.achievements, ["level": "national"]),   // not accepted: not counted
        ]
        let l = QuantitativePrefill.lines(items: items, table: table, applicationDate: date)
        let p = try! #require(line(l, .projects))
        #expect(p.units == 6)
        // 6 × 5 = 30 points, capped at the table's 20 (九, default table).
        #expect(p.points == Tenths(200))
        #expect(p.basis.contains("国家级1") && p.basis.contains("折合6项"))
    }

    @Test func workYearsCountOnlyTechnicalWorkUpToTheApplicationDate() {
        let items: [(DeclarationSection, FieldValues)] = [
            (.work, ["from": "2015-09-01", "to": "2018-08-31", "technical": "1"]),   // 35 months
            (.work, ["from": "2018-09-01", "technical": "1"]),                       // to 2022-08-31: 47 months
            (.work, ["from": "2010-01-01", "to": "2015-08-31"]),                     // not technical
        ]
        let l = QuantitativePrefill.lines(items: items, table: table, applicationDate: date)
        let w = try! #require(line(l, .workYears))
        #expect(w.units == 6)   // 82 months → 6 full years
        #expect(w.points == Tenths(60))
    }

    @Test func educationTakesTheHighestLevelAndEmptyKindsAreLeftToTheOffice() {
        let items: [(DeclarationSection, FieldValues)] = [
            (.education, ["level": "associate"]), (.education, ["level": "master"]),
            (.papers, [:]), (.books, [:]), (.assessments, ["result": "excellent"]), (.assessments, ["result": "competent"]),
        ]
        let l = QuantitativePrefill.lines(items: items, table: table, applicationDate: date)
        #expect(line(l, .education)?.units == 2 && line(l, .education)?.basis.contains("硕士研究生") == true)
        #expect(line(l, .papers)?.units == 2)
        #expect(line(l, .assessments)?.units == 1)
        #expect(line(l, .hardship) == nil && line(l, .societies) == nil)
    }
}
