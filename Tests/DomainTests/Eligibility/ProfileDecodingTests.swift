import Foundation
import Testing
@testable import Domain

/// Reading profiles: the exact one-line messages the command prints on invalid input.
@Suite struct ProfileDecodingTests {
    static let minimal = #"{"targetLevel":"engineer","unit":{"kind":"enterprise"},"education":[],"assessments":[]}"#

    func error(_ json: String) -> String {
        do { _ = try ProfileJSON.decode(json); return "decoded" } catch { return error.description }
    }

    static let errorCases: [(String, String)] = [
        (#"{"targetLevel":"engineer","unit":{"kind":"enterprise"},"education":[{"level":"phd"}],"assessments":[]}"#,
         #"education[0].level: unknown value "phd" (expected one of: doctorate, master, second_bachelor, bachelor, associate, secondary_vocational, high_school)"#),
        (#"{"unit":{"kind":"enterprise"},"education":[],"assessments":[]}"#, "targetLevel: missing required field"),
        (#"{"targetLevel":"engineer","education":[],"assessments":[]}"#, "unit: missing required field"),
        (#"{"targetLevel":"engineer","unit":{"kind":"enterprise"},"assessments":[]}"#, "education: missing required field"),
        (#"{"targetLevel":"engineer","unit":{"kind":"enterprise"},"education":[]}"#, "assessments: missing required field"),
        (#"{"targetLevel":"engineer","unit":{"professionalPost":true},"education":[],"assessments":[]}"#, "unit.kind: missing required field"),
        (#"{"targetLevel":"senior","unit":{"kind":"enterprise"},"education":[],"assessments":[]}"#,
         #"targetLevel: unknown value "senior" (expected one of: engineer, assistant_engineer, technician)"#),
        (#"{"targetLevel":"engineer","unit":{"kind":"government"},"education":[],"assessments":[]}"#,
         #"unit.kind: unknown value "government" (expected one of: public_institution, enterprise, non_public, social_organization)"#),
        (#"{"targetLevel":"engineer","unit":{"kind":"enterprise"},"education":[],"assessments":[],"titles":[{"series":"engineering","tier":"assistant","qualified":"2018-6-30"}]}"#,
         #"titles[0].qualified: malformed date "2018-6-30" (expected YYYY-MM-DD)"#),
        (#"{"targetLevel":"engineer","unit":{"kind":"enterprise"},"education":[],"assessments":[],"titles":[{"series":"engineering","tier":"assistant","qualified":"2022-02-30"}]}"#,
         #"titles[0].qualified: malformed date "2022-02-30" (expected YYYY-MM-DD)"#),
        (#"{"targetLevel":"engineer","unit":{"kind":"enterprise"},"education":[],"assessments":[],"titles":[{"series":"engineering","tier":"assistant","qualified":20180630}]}"#,
         "titles[0].qualified: expected date string YYYY-MM-DD, found number"),
        (#"{"targetLevel":"engineer","unit":{"kind":"enterprise"},"education":[],"assessments":[],"titles":[{"series":"engineering","tier":"assistant"}]}"#,
         "titles[0].qualified: missing required field"),
        (#"{"targetLevel":"engineer","unit":{"kind":"enterprise"},"education":[],"assessments":[],"workReport":"yes"}"#,
         "workReport: expected boolean, found string"),
        (#"{"targetLevel":"engineer","unit":{"kind":"enterprise"},"education":[],"assessments":[{"year":2021,"result":"competent"},{"year":"2022","result":"competent"}]}"#,
         "assessments[1].year: expected integer, found string"),
        (#"{"targetLevel":"engineer","unit":{"kind":"enterprise"},"education":[],"assessments":[{"year":2021.5,"result":"competent"}]}"#,
         "assessments[0].year: expected integer, found 2021.5"),
        (#"{"targetLevel":"engineer","unit":{"kind":"enterprise"},"education":{},"assessments":[]}"#,
         "education: expected array, found object"),
        (#"{"targetLevel":"engineer","unit":{"kind":"enterprise"},"education":[],"assessments":[],"status":{"sanctions":[{"kind":"government","severity":"serious_warning","from":"2022-01-01"}]}}"#,
         #"status.sanctions[0].severity: unknown value "serious_warning" (expected one of: warning, demerit, major_demerit, demotion, dismissal_from_post, expulsion)"#),
        (#"{"targetLevel":"engineer","unit":{"kind":"enterprise"},"education":[],"assessments":[],"status":{"sanctions":[{"severity":"demerit","kind":"party","from":"2022-01-01"}]}}"#,
         #"status.sanctions[0].severity: unknown value "demerit" (expected one of: warning, serious_warning, removal_from_post, probation, expulsion)"#),
        (#"{"targetLevel":"engineer","unit":{"kind":"enterprise"},"education":[],"assessments":[],"achievements":[{"kind":"project","level":"city","accepted":true,"date":"2021-01-01"}]}"#,
         "achievements[0].rank: missing required field"),
        (#"{"targetLevel":"engineer","unit":{"kind":"enterprise"},"education":[],"assessments":[],"papers":[{"characters":"3000","published":"2021-01-01"}]}"#,
         "papers[0].characters: expected integer, found string"),
        (#"{"targetLevel":"engineer","unit":{"kind":"enterprise"},"education":[],"assessments":[],"track":"fast"}"#,
         #"track: unknown value "fast" (expected one of: regular, transfer)"#),
        (#"{"targetLevel":"engineer","unit":{"kind":"enterprise"},"education":[], "assessments":[] "x":1}"#,
         "invalid JSON at line 1, column 89: expected ',' or '}'"),
        (#"{"targetLevel":"engineer""#, "invalid JSON at line 1, column 26: unexpected end of input, expected '}'"),
        (#"{"targetLevel":"engin"#, "targetLevel: invalid JSON at line 1, column 16: unterminated string"),
        ("{\n\"targetLevel\": tru}", "targetLevel: invalid JSON at line 2, column 16: unexpected character"),
        (minimal + " {}", "invalid JSON at line 1, column 89: unexpected data after the JSON value"),
        ("[]", "expected object, found array"),
        ("", "invalid JSON at line 1, column 1: unexpected end of input"),
    ]

    @Test(arguments: errorCases)
    func invalidInput(_ json: String, _ message: String) {
        #expect(error(json) == message)
    }

    @Test func unknownFieldsAreIgnoredAndDefaultsApply() throws {
        let p = try ProfileJSON.decode(#"""
        {"targetLevel":"technician","unit":{"kind":"public_institution","x":[1,{"y":null}]},"education":[{"level":"bachelor","discipline":"science","extra":"z"}],
         "assessments":[{"year":2021,"result":"excellent","note":"优秀"}],"future":{"a":[true,false,null,1e5,"\u4e2d"]},"probation":null,"status":null,"titles":null}
        """#)
        #expect(p.targetLevel == .technician)
        #expect(p.track == .regular)
        #expect(p.unit == Profile.Unit(kind: .publicInstitution, professionalPost: false))
        #expect(p.education == [Profile.Education(level: .bachelor, discipline: .science)])
        #expect(p.probation == nil && p.titles.isEmpty && p.status == Profile.Status())
        #expect(p.workReport == false)
    }

    @Test func nullsAndEscapes() throws {
        let p = try ProfileJSON.decode(#"""
        {"targetLevel":"\u0065ngineer","specialty":"\u673a\u68b0\"\\","unit":{"kind":"enterprise"},"education":[],"assessments":[],
         "titles":[{"series":"engineering","tier":"assistant","qualified":"2018-06-30","appointed":null}],
         "work":[{"from":"2014-07-01","to":null}],"papers":[{"title":"a\nb","published":"2020-01-01"}]}
        """#)
        #expect(p.targetLevel == .engineer)
        #expect(p.specialty == "机械\"\\")
        #expect(p.titles[0].appointed == nil)
        #expect(p.work[0].to == nil)
        #expect(p.papers[0].title == "a\nb")
        #expect(p.papers[0].authorship == .other)
    }

    @Test func encodeThenDecodeGivesTheSameProfile() throws {
        var g = ProfileGenerator(seed: 7)
        for _ in 0..<500 {
            let p = g.profile()
            #expect(try ProfileJSON.decode(ProfileJSON.encode(p)) == p)
        }
    }

    /// Our encoder's output is ordinary JSON that Foundation reads too.
    @Test func encodedProfilesAreValidJSON() throws {
        var g = ProfileGenerator(seed: 8)
        for _ in 0..<50 {
            let object = try JSONSerialization.jsonObject(with: Data(ProfileJSON.encode(g.profile())))
            #expect(object is [String: Any])
        }
    }
}
