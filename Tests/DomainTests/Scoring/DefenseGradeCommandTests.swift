import Testing
@testable import Domain

/// `title-review defense grade`: the scoring contract's input, output and bad-input lines.
@Suite struct DefenseGradeCommandTests {
    // MARK: output

    @Test func contractExampleShape() {
        let out = gradeCommand(#"{"scores":[{"applicant":"A01","expert":"E1","materials":84,"onsite":78.5}],"quantitative":{"A01":61.5}}"#)
        // One applicant alone is 中 by rule 3 (see GradeQuotaTests); the numbers are the contract's.
        #expect(out == #"{"applicants":[{"applicant":"A01","defenseScore":80.7,"rank":1,"grade":"medium","eliminated":false,"reviewScore":67.26}],"counts":{"excellent":0,"medium":1,"poor":0}}"# + "\n")
    }

    @Test func aPanelInRankOrderWithTiesCountsAndReviewScores() {
        let json = """
        {"scores": [
          {"applicant": "A", "expert": "E1", "materials": 70, "onsite": 70},
          {"applicant": "B", "expert": "E1", "materials": 90, "onsite": 85.5},
          {"applicant": "C", "expert": "E1", "materials": 80, "onsite": 80},
          {"applicant": "D", "expert": "E1", "materials": 80, "onsite": 80},
          {"applicant": "E", "expert": "E1", "materials": 50, "onsite": 40},
          {"applicant": "A", "expert": "E2", "materials": 70, "onsite": 71}
        ],
        "quantitative": {"B": 60, "E": 55.5}}
        """
        // B 87.3; C 80; D 80; A (70 + 70.6) / 2 = 70.3; E 44. n = 5: 2/3/0.
        // B review 87.3 × .3 + 60 × .7 = 26.19 + 42 = 68.19; E 13.2 + 38.85 = 52.05.
        #expect(gradeCommand(json) == #"{"applicants":["#
            + #"{"applicant":"B","defenseScore":87.3,"rank":1,"grade":"excellent","eliminated":false,"reviewScore":68.19},"#
            + #"{"applicant":"C","defenseScore":80,"rank":2,"grade":"excellent","eliminated":false},"#
            + #"{"applicant":"D","defenseScore":80,"rank":2,"grade":"excellent","eliminated":false},"#
            + #"{"applicant":"A","defenseScore":70.3,"rank":4,"grade":"medium","eliminated":false},"#
            + #"{"applicant":"E","defenseScore":44,"rank":5,"grade":"medium","eliminated":false,"reviewScore":52.05}],"#
            + #""counts":{"excellent":3,"medium":2,"poor":0}}"# + "\n")
    }

    @Test func poorIsEliminatedInTheOutput() {
        var scores: [String] = []
        for (i, s) in [95, 90, 85, 80, 75, 70, 65].enumerated() {
            scores.append(#"{"applicant":"P\#(i + 1)","expert":"E1","materials":\#(s),"onsite":\#(s)}"#)
        }
        let out = gradeCommand(#"{"scores":[\#(scores.joined(separator: ","))]}"#)
        #expect(out.contains(#"{"applicant":"P7","defenseScore":65,"rank":7,"grade":"poor","eliminated":true}"#))
        #expect(out.hasSuffix(#""counts":{"excellent":2,"medium":4,"poor":1}}"# + "\n"))
    }

    @Test func exactNumbersFromTheirText() {
        // 8.45e1 is 84.5, 78.50 is 78.5 (one decimal in value), -0 is 0.
        let out = gradeCommand(#"{"scores":[{"applicant":"A","expert":"E","materials":8.45e1,"onsite":78.50},{"applicant":"B","expert":"E","materials":-0,"onsite":0}]}"#)
        #expect(out.contains(#""defenseScore":80.9"#))   // 33.8 + 47.1
        #expect(out.contains(#"{"applicant":"B","defenseScore":0,"rank":2"#))
    }

    @Test func unknownFieldsAreSkippedAndNullIsAbsent() {
        let out = gradeCommand(#"{"panel":"G1","scores":[{"applicant":"A","expert":"E","materials":80,"onsite":80,"note":[1,{"x":null}]}],"quantitative":null}"#)
        #expect(out.hasPrefix(#"{"applicants":[{"applicant":"A","defenseScore":80,"#))
        #expect(!out.contains("reviewScore"))
    }

    @Test func decodedEntriesKeepTheirOrder() throws {
        let input = try DefenseGradeInput.decode(#"{"quantitative":{"B":70},"scores":[{"applicant":"B","expert":"E2","materials":60.5,"onsite":70},{"applicant":"A","expert":"E2","materials":1,"onsite":0.1}]}"#)
        #expect(input.entries == [entry("B", "E2", 605, 700), entry("A", "E2", 10, 1)])
        #expect(input.quantitative == ["B": Tenths(700)])
    }

    // MARK: bad input, one line naming the place

    @Test(arguments: [
        (#"{"scores":[{"applicant":"A","expert":"E","materials":80,"onsite":80},{"applicant":"B","expert":"E","materials":80,"onsite":80},{"applicant":"C","expert":"E","materials":80,"onsite":80},{"applicant":"D","expert":"E","materials":80,"onsite":101}]}"#,
         "scores[3].onsite: 101 is above 100"),
        (#"{"scores":[{"applicant":"A","expert":"E","materials":100.1,"onsite":80}]}"#, "scores[0].materials: 100.1 is above 100"),
        (#"{"scores":[{"applicant":"A","expert":"E","materials":100.0000000000000001,"onsite":80}]}"#,
         "scores[0].materials: 100.0000000000000001 is above 100"),
        (#"{"scores":[{"applicant":"A","expert":"E","materials":1e3,"onsite":80}]}"#, "scores[0].materials: 1e3 is above 100"),
        (#"{"scores":[{"applicant":"A","expert":"E","materials":-1,"onsite":80}]}"#, "scores[0].materials: -1 is below 0"),
        (#"{"scores":[{"applicant":"A","expert":"E","materials":-0.1,"onsite":80}]}"#, "scores[0].materials: -0.1 is below 0"),
        (#"{"scores":[{"applicant":"A","expert":"E","materials":84.25,"onsite":80}]}"#, "scores[0].materials: 84.25 has more than one decimal"),
        (#"{"scores":[{"applicant":"A","expert":"E","materials":84,"onsite":0.05}]}"#, "scores[0].onsite: 0.05 has more than one decimal"),
        (#"{"scores":[{"applicant":"A","expert":"E","materials":84,"onsite":1e-400}]}"#, "scores[0].onsite: 1e-400 has more than one decimal"),
        (#"{"scores":[{"applicant":"A","expert":"E","materials":"84","onsite":80}]}"#, "scores[0].materials: expected number, found string"),
        (#"{"scores":[{"applicant":"A","expert":"E","materials":84}]}"#, "scores[0].onsite: missing required field"),
        (#"{"scores":[{"applicant":"A","materials":84,"onsite":80}]}"#, "scores[0].expert: missing required field"),
        (#"{"scores":[{"applicant":null,"expert":"E","materials":84,"onsite":80}]}"#, "scores[0].applicant: missing required field"),
        (#"{"scores":[{"applicant":"","expert":"E","materials":84,"onsite":80}]}"#, "scores[0].applicant: must not be empty"),
        (#"{"scores":[{"applicant":7,"expert":"E","materials":84,"onsite":80}]}"#, "scores[0].applicant: expected string, found number"),
        (#"{"scores":[{"applicant":"A01","expert":"E1","materials":84,"onsite":80},{"applicant":"A02","expert":"E1","materials":84,"onsite":80},{"applicant":"A01","expert":"E1","materials":70,"onsite":70}]}"#,
         #"scores[2]: expert "E1" already scored applicant "A01" (scores[0])"#),
        (#"{"scores":[]}"#, "scores: no scores given"),
        (#"{}"#, "scores: missing required field"),
        (#"{"scores":null}"#, "scores: missing required field"),
        (#"{"scores":{}}"#, "scores: expected array, found object"),
        (#"[]"#, "expected object, found array"),
        (#"{"scores":[{"applicant":"A","expert":"E","materials":84,"onsite":80}],"quantitative":{"A":60,"A09":61.5}}"#,
         #"quantitative.A09: no defense scores for applicant "A09""#),
        (#"{"scores":[{"applicant":"A","expert":"E","materials":84,"onsite":80}],"quantitative":{"A":100.5}}"#, "quantitative.A: 100.5 is above 100"),
        (#"{"scores":[{"applicant":"A","expert":"E","materials":84,"onsite":80}],"quantitative":{"A":-2}}"#, "quantitative.A: -2 is below 0"),
        (#"{"scores":[{"applicant":"A","expert":"E","materials":84,"onsite":80}],"quantitative":{"A":61.25}}"#, "quantitative.A: 61.25 has more than one decimal"),
        (#"{"scores":[{"applicant":"A","expert":"E","materials":84,"onsite":80}],"quantitative":[60]}"#, "quantitative: expected object, found array"),
    ])
    func badInputNamesThePlace(json: String, expected: String) {
        #expect(gradeCommand(json) == "error: " + expected)
    }

    @Test func brokenJSONSaysWhere() {
        #expect(gradeCommand(#"{"scores":[{"applicant":"A",}]}"#).hasPrefix("error: scores[0]: invalid JSON at line 1, column "))
        #expect(gradeCommand("").hasPrefix("error: invalid JSON"))
    }

    @Test func parameterShapesAreChecked() throws {
        #expect(DecimalLiteral("0.4") == DecimalLiteral(0.4))
        #expect(DecimalLiteral(0.4)?.scaled(by: 1) == 4)
        #expect(DecimalLiteral(1e-05)?.decimals == 5)
        #expect(DecimalLiteral("100")?.compare(to: 100) == .equal)
        #expect(DecimalLiteral("99.9")?.compare(to: 100) == .less)
        #expect(DecimalLiteral("1.") == nil && DecimalLiteral(".5") == nil && DecimalLiteral("1e") == nil)
    }
}
