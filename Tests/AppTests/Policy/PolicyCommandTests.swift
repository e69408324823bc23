import Domain
import Foundation
import Testing

/// `title-review policy check|diff` and `--policy ID|FILE` (shared/contracts/cli.md,
/// "Policy bundles"), run as the built executable: what other tools see is the exit
/// code, stdout, and one line on stderr, so that is what these tests read.
@Suite(.serialized) struct PolicyCommandTests {
    struct Run { let code: Int32; let out: String; let err: String }

    /// The `title-review` executable built beside the test bundle (`swift build --build-tests` builds both).
    static let executable: URL? = {
        var dir = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("title-review")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    func run(_ arguments: [String], stdin: Data? = nil) throws -> Run {
        let exe = try #require(Self.executable, "title-review is not built next to the tests")
        let p = Process()
        p.executableURL = exe
        p.arguments = arguments
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out; p.standardError = err; p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(code: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    /// The contract's failure: exit 2, nothing on stdout, exactly one line on stderr.
    func expectOneLineFailure(_ r: Run, _ line: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.code == 2, "\(r.err)", sourceLocation: sourceLocation)
        #expect(r.out.isEmpty, sourceLocation: sourceLocation)
        #expect(r.err == line + "\n", sourceLocation: sourceLocation)
    }

    let dir: URL = {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("policy-command-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }()

    /// A shipped bundle with an RFC 7396 merge patch applied, written to a file.
    func bundleFile(_ id: String = "changzhi-2022", patch: String = "{}", name: String = "bundle.json") throws -> String {
        let v = try JSONValue.parse(Policy.bundleBytes(id: id)).merged(with: JSONValue.parse(Array(patch.utf8)))
        return try write(Data(v.serialized), name)
    }

    func write(_ data: Data, _ name: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    static let profile = #"{"targetLevel": "assistant_engineer", "unit": {"kind": "enterprise"}, "education": [{"level": "associate", "discipline": "engineering", "sameAsSpecialty": true, "graduated": "2010-07-01"}], "titles": [{"series": "engineering", "tier": "entry", "qualified": "2021-06-30"}], "work": [{"from": "2017-07-01", "to": null, "technical": true, "engineeringPost": true}], "assessments": [{"year": 2021, "result": "competent"}, {"year": 2022, "result": "competent"}, {"year": 2023, "result": "competent"}], "technicalReports": [{"title": "A"}, {"title": "B"}], "workReport": true}"#

    // MARK: policy check

    @Test func checkPassesBothShippedBundles() throws {
        let p2022 = try Policy.load(id: "changzhi-2022")
        let r = try run(["policy", "check", try bundleFile(name: "2022.json")])
        #expect(r.code == 0 && r.err.isEmpty)
        #expect(r.out == "changzhi-2022: \(p2022.clauses.count) clauses, \(p2022.parameters.count) parameters, \(p2022.testCases.count) of \(p2022.testCases.count) test cases passed\n")
        let example = try run(["policy", "check", try bundleFile("changzhi-2023-example", name: "2023.json")])
        #expect(example.code == 0 && example.err.isEmpty)
        #expect(example.out.hasPrefix("changzhi-2023-example: ") && example.out.hasSuffix(" test cases passed\n"))
        #expect(example.out.split(separator: "\n").count == 1)
    }

    @Test func checkRefusesWithOneLine() throws {
        expectOneLineFailure(try run(["policy", "check", try write(Data("{\"id\": \"x\",".utf8), "broken.json")]),
                             "invalid JSON at line 1, column 12: expected object key")
        expectOneLineFailure(try run(["policy", "check", try bundleFile(patch: #"{"parameters": {"engineerBachelorYears": null}}"#)]),
                             "parameters.engineerBachelorYears: missing required field (the eligibility rules read it)")
        expectOneLineFailure(try run(["policy", "check", try bundleFile(patch: #"{"parameters": {"engineerBachelorYears": {"value": "四"}}}"#)]),
                             "parameters.engineerBachelorYears.value: expected integer, found string")
        expectOneLineFailure(try run(["policy", "check", try bundleFile(patch: #"{"parameters": {"engineerBachelorYears": {"clause": "3.9.9"}}}"#)]),
                             "parameters.engineerBachelorYears.clause: unknown clause \"3.9.9\"")
        expectOneLineFailure(try run(["policy", "check", try bundleFile(patch: #"{"intake": {"closes": "2023-01-05"}}"#)]),
                             "intake.closes: 2023-01-05 is after referenceDate 2022-12-31")
        let failing = try run(["policy", "check", try bundleFile(patch: #"{"parameters": {"engineerBachelorYears": {"value": 5}}}"#)])
        #expect(failing.code == 2 && failing.out.isEmpty)
        #expect(failing.err.hasPrefix("testCases[0]: test case \"") && failing.err.split(separator: "\n").count == 1)
        expectOneLineFailure(try run(["policy", "check", dir.appendingPathComponent("missing.json").path]),
                             "FILE: cannot read \"\(dir.appendingPathComponent("missing.json").path)\"")
    }

    @Test func checkReadsStandardInput() throws {
        let r = try run(["policy", "check", "-"], stdin: Data(try Policy.bundleBytes(id: "changzhi-2022")))
        #expect(r.code == 0 && r.out.hasPrefix("changzhi-2022: "))
        expectOneLineFailure(try run(["policy", "check", "-"], stdin: Data("[]".utf8)), "a policy bundle must be a JSON object, found array")
    }

    // MARK: policy diff

    @Test func diffOf2022And2023IsOnlyDates() throws {
        let r = try run(["policy", "diff", try bundleFile(name: "old.json"), try bundleFile("changzhi-2023-example", name: "new.json")])
        #expect(r.code == 0 && r.err.isEmpty)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(json["old"] as? String == "changzhi-2022" && json["new"] as? String == "changzhi-2023-example")
        let clauses = try #require(json["clauses"] as? [String: [String]])
        #expect(clauses == ["added": [], "removed": [], "changed": []])
        let parameters = try #require(json["parameters"] as? [String: [Any]])
        #expect(parameters.keys.sorted() == ["added", "changed", "removed"] && parameters.values.allSatisfy(\.isEmpty))
        let dates = try #require(json["dates"] as? [String: [String: String]])
        #expect(dates["referenceDate"] == ["old": "2022-12-31", "new": "2023-12-31"])
        #expect(dates.keys.sorted() == ["applicationDate", "declaration.closes", "declaration.opens", "intake.closes", "intake.opens", "referenceDate"])
        // Shipped ids work as well as files.
        let byID = try run(["policy", "diff", "changzhi-2022", "changzhi-2023-example"])
        #expect(byID.code == 0 && byID.out == r.out)
    }

    @Test func diffNamesChangedParametersSorted() throws {
        let new = try bundleFile(patch: #"{"parameters": {"reviewFeeJunior": {"value": 280}, "engineerBachelorYears": {"value": 4}, "appealDays": {"value": 20}}}"#, name: "new.json")
        let r = try run(["policy", "diff", "changzhi-2022", new])
        #expect(r.code == 0)
        #expect(r.out.contains(#""changed":[{"name":"appealDays","old":30,"new":20},{"name":"reviewFeeJunior","old":260,"new":280}]"#))
        #expect(r.out.hasSuffix(#""dates":{}}"# + "\n"))
    }

    @Test func diffRefusesAnInvalidFile() throws {
        let bad = try bundleFile(patch: #"{"parameters": {"reviewFeeJunior": null}}"#, name: "bad.json")
        expectOneLineFailure(try run(["policy", "diff", "changzhi-2022", bad]),
                             "NEW: parameters.reviewFeeJunior: missing required field (the pages read it)")
        expectOneLineFailure(try run(["policy", "diff", bad, "changzhi-2022"]),
                             "OLD: parameters.reviewFeeJunior: missing required field (the pages read it)")
    }

    // MARK: --policy ID|FILE

    @Test func eligibilityAnswersFromABundleFile() throws {
        let input = try write(Data(Self.profile.utf8), "profile.json")
        // Technician title since 2021-06-30: two years are short in 2022, met in the 2023 example.
        let shipped = try run(["eligibility", input])
        #expect(shipped.code == 0 && shipped.out.contains(#""policy":"changzhi-2022""#) && shipped.out.contains(#""verdict":"ineligible""#))
        let file = try run(["eligibility", "--policy", try bundleFile("changzhi-2023-example", name: "2023.json"), input])
        #expect(file.code == 0 && file.err.isEmpty, "\(file.err)")
        #expect(file.out.contains(#""policy":"changzhi-2023-example""#) && file.out.contains(#""verdict":"eligible""#))
        let byID = try run(["eligibility", "--policy", "changzhi-2023-example", input])
        #expect(byID.out == file.out)
    }

    @Test func aBrokenBundleFileIsRefusedBeforeUse() throws {
        let input = try write(Data(Self.profile.utf8), "profile.json")
        let bad = try bundleFile(patch: #"{"parameters": {"engineerBachelorYears": {"unit": "月"}}}"#, name: "bad.json")
        let problem = "--policy: \(bad): parameters.engineerBachelorYears.unit: expected unit \"年\", found \"月\""
        expectOneLineFailure(try run(["eligibility", "--policy", bad, input]), problem)
        expectOneLineFailure(try run(["route", "--policy", bad, input]), problem)
        expectOneLineFailure(try run(["defense", "grade", "--policy", bad, input]), problem)
        let unknown = try run(["eligibility", "--policy", "changzhi-1999", input])
        #expect(unknown.code == 2 && unknown.out.isEmpty && unknown.err.hasPrefix("--policy: unknown policy \"changzhi-1999\""))
    }

    @Test func routeAndDefenseGradeReadTheFile() throws {
        let route = try write(Data(#"{"level": "engineer", "unit": {"cityDirect": true, "ownership": "public", "hasCompetentDepartment": true}}"#.utf8), "route.json")
        let example = try bundleFile("changzhi-2023-example", name: "2023.json")
        let r = try run(["route", "--policy", example, route]), shipped = try run(["route", route])
        #expect(r.code == 0 && r.out == shipped.out && r.out.hasPrefix(#"{"route":["unit","competentDepartment","cityHRReview","committeeOffice"]"#))
        // Half and half instead of 40 / 60: the file's weights are the ones applied.
        let evenWeights = try bundleFile(patch: #"{"parameters": {"defenseMaterialWeight": {"value": 0.5}, "defenseLiveWeight": {"value": 0.5}}}"#, name: "even.json")
        let scores = try write(Data(#"{"scores": [{"applicant": "A", "expert": "E", "materials": 80, "onsite": 70}]}"#.utf8), "scores.json")
        #expect(try run(["defense", "grade", scores]).out.contains(#""defenseScore":74,"#))
        let even = try run(["defense", "grade", "--policy", evenWeights, scores])
        #expect(even.code == 0 && even.out.contains(#""defenseScore":75,"#), "\(even.err)")
    }
}
