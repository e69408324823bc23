import Testing
@testable import Domain

/// Issue 18, item 3: an error line quotes at most `ErrorLine.quoteLimit` (200) characters
/// of the bad input, cut with "…", whatever the size of what was typed or pasted; short
/// values are quoted whole, as before.
@Suite struct ErrorLineBoundTests {
    /// 10,000 characters, not all alike, so a cut in the wrong place shows.
    static let long = String((0..<10_000).map { i -> Character in
        let s = Array("职称评审abcXYZ0123")
        return s[i % s.count]
    })
    static var first200: String { String(long.prefix(200)) }

    @Test func aLongQuotedValueIsCutTo200CharactersAndTheRestOfTheLineStays() {
        let line = ErrorLine.bounded("education[0].level: unknown value \"\(Self.long)\" (expected one of: bachelor, master)")
        #expect(line == "education[0].level: unknown value \"\(Self.first200)…\" (expected one of: bachelor, master)")
    }

    @Test func aLongUnquotedRunAndAQuoteWithSpacesAreCutToo() {
        let digits = String(repeating: "9", count: 10_000)
        #expect(ErrorLine.bounded("scores[0].onsite: \(digits) is above 100")
                == "scores[0].onsite: \(String(repeating: "9", count: 200))… is above 100")
        let spaced = String(repeating: "a b ", count: 2_500)
        #expect(ErrorLine.bounded("FILE: cannot read \"\(spaced)\"")
                == "FILE: cannot read \"\(spaced.prefix(200))…\"")
    }

    @Test func shortQuotesAndEscapesAreLeftAsTheyWere() {
        let line = #"scores[4]: expert "E\"1" already scored applicant "A01" (scores[0])"#
        #expect(ErrorLine.bounded(line + String(repeating: " ", count: 300)) == line + String(repeating: " ", count: 300))
        let exact = String(repeating: "x", count: 200)
        #expect(ErrorLine.bounded("DATE \"\(exact)\": not a valid date" + String(repeating: " ", count: 10))
                == "DATE \"\(exact)\": not a valid date" + String(repeating: " ", count: 10))
    }

    @Test func eligibilityProfileWithA10000CharacterValue() {
        let json = #"{"targetLevel":"engineer","unit":{"kind":"enterprise"},"education":[{"level":""# + Self.long + #""}],"assessments":[]}"#
        var line = ""
        do { _ = try ProfileJSON.decode(json) } catch { line = error.description }
        #expect(line.hasPrefix("education[0].level: unknown value \"\(Self.first200)…\" (expected one of: doctorate"))
        #expect(line.count < 400)
    }

    @Test func routeInputWithA10000CharacterLevel() {
        let json = #"{"level": ""# + Self.long + #"", "unit": {"cityDirect": false, "county": "140404", "ownership": "public", "hasCompetentDepartment": true, "personnelAgency": false}}"#
        var line = ""
        do { _ = try RouteInput.decode(json) } catch { line = error.description }
        #expect(line.hasPrefix("level: unknown value \"\(Self.first200)…\""))
        #expect(line.count < 400)
    }

    @Test func defenseGradeWithA10000CharacterApplicantAndNumber() {
        let key = #"{"scores":[{"applicant":"A01","expert":"E1","materials":84,"onsite":78.5}],"quantitative":{""# + Self.long + #"":61.5}}"#
        var line = ""
        do { _ = try DefenseGradeInput.decode(key) } catch { line = error.description }
        // The applicant is named twice, in the path and quoted; each is cut (the path's run
        // `quantitative.…` counts its prefix among the 200).
        #expect(line.hasPrefix("quantitative.\(Self.long.prefix(200 - "quantitative.".count))…: "), "\(line.prefix(600))")
        #expect(line.hasSuffix("\"\(Self.first200)…\""), "\(line.prefix(600))")
        #expect(line.count < 600)
        let number = #"{"scores":[{"applicant":"A01","expert":"E1","materials":84,"onsite":1"# + String(repeating: "0", count: 10_000) + "}]}"
        do { _ = try DefenseGradeInput.decode(number); line = "decoded" } catch { line = error.description }
        #expect(line.count < 400, "\(line.prefix(600))")
        #expect(line.contains("…"))
    }

    @Test func calendarDateOf10000Characters() {
        let calendar = try! WorkingDayCalendar.official()
        var line = ""
        do { _ = try CalendarQuery.isWorkdayLines([Self.long], calendar: calendar) } catch { line = error.description }
        #expect(line == "DATE \"\(Self.first200)…\": not a valid date (expected YYYY-MM-DD)")
    }
}
