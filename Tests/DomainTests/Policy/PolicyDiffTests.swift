import Testing
@testable import Domain

/// `policy diff` (issue 19) and the shipped example of a next year.
@Suite struct PolicyDiffTests {
    let example: Policy = try! Policy.load(id: "changzhi-2023-example")

    func edited(_ path: [BrokenBundleTests.Step], _ value: JSONValue?) throws -> Policy {
        try Policy.load(json: BrokenBundleTests().bundle(setting: path, to: value).serialized)
    }

    // MARK: the example next year

    @Test func theExampleIsWholeAndMarkedAsAnExample() throws {
        let bytes = try Policy.bundleBytes(id: "changzhi-2023-example")
        let report = try PolicyCheck.check(json: bytes)
        #expect(report.testCasesPassed == shippedPolicy.testCases.count)
        let root = try JSONValue.parse(bytes)
        #expect(root["example"] == .bool(true))
        guard case .string(let note)? = root["exampleNote"] else { Issue.record("no exampleNote"); return }
        #expect(note.hasPrefix("示例"))
        #expect(example.title.contains("示例") && example.documentNumber.contains("示例"))
    }

    /// Being shipped beside it changes nothing about the 2022 bundle's lookup.
    @Test func theShippedIdStillFindsThe2022Bundle() throws {
        let p = try Policy.load(id: "changzhi-2022")
        #expect(p.id == "changzhi-2022" && p.referenceDate == day("2022-12-31"))
        #expect(Policy.availableIDs == ["changzhi-2022", "changzhi-2023-example"])
    }

    @Test func the2022To2023DiffIsOnlyDates() {
        let diff = PolicyDiff(old: shippedPolicy, new: example)
        #expect(diff.onlyDatesChanged)
        #expect(diff.json == #"{"old":"changzhi-2022","new":"changzhi-2023-example","#
            + #""clauses":{"added":[],"removed":[],"changed":[]},"parameters":{"added":[],"removed":[],"changed":[]},"#
            + #""dates":{"applicationDate":{"old":"2022-08-25","new":"2023-08-25"},"#
            + #""declaration.closes":{"old":"2022-08-25","new":"2023-08-25"},"#
            + #""declaration.opens":{"old":"2022-06-01","new":"2023-06-01"},"#
            + #""intake.closes":{"old":"2022-08-25","new":"2023-08-25"},"#
            + #""intake.opens":{"old":"2022-07-25","new":"2023-07-25"},"#
            + #""referenceDate":{"old":"2022-12-31","new":"2023-12-31"}}}"#)
    }

    /// The example's own cases are the 2022 cases a year later: the same verdicts.
    @Test func theExampleCasesAreThe2022CasesShifted() {
        #expect(example.testCases.count == shippedPolicy.testCases.count)
        for (a, b) in zip(shippedPolicy.testCases, example.testCases) {
            #expect(a.verdict == b.verdict && a.failing == b.failing && a.review == b.review && a.route == b.route, "\(a)")
        }
    }

    /// Each year answers from its own bundle: an assistant engineer since 2019-01-01 is
    /// short of four years in 2022 (due 2023-01-01) and meets them in the 2023 example;
    /// the 2022 answer, and the policy it names, stay the 2022 ones.
    @Test func eachYearAnswersFromItsOwnBundle() throws {
        let profile = try baseProfile("engineer", #"{"titles": [{"series": "engineering", "tier": "assistant", "qualified": "2019-01-01", "appointed": null}], "assessments": [{"year": 2019, "result": "competent"}, {"year": 2020, "result": "competent"}, {"year": 2021, "result": "competent"}, {"year": 2022, "result": "competent"}]}"#)
        let in2022 = shippedEngine.evaluate(profile), in2023 = EligibilityEngine(example).evaluate(profile)
        #expect(in2022.policy == "changzhi-2022" && in2022.verdict == .ineligible && in2022.earliestEligible == day("2023-01-01"))
        #expect(in2023.policy == "changzhi-2023-example" && in2023.verdict == .eligible)
        #expect(EligibilityEngine(try Policy.load(id: "changzhi-2022")).evaluate(profile) == in2022)
    }

    // MARK: changes

    @Test func sameBundleNoChanges() {
        let diff = PolicyDiff(old: shippedPolicy, new: shippedPolicy)
        #expect(diff.onlyDatesChanged && diff.dates.isEmpty)
        #expect(diff.json.hasSuffix(#""dates":{}}"#))
    }

    @Test func parameterValueAndUnitChanges() throws {
        let five = try edited([.key("parameters"), .key("engineerBachelorYears"), .key("value")], .number(5))
        let diff = PolicyDiff(old: shippedPolicy, new: five)
        #expect(!diff.onlyDatesChanged)
        #expect(diff.json.contains(#""parameters":{"added":[],"removed":[],"changed":[{"name":"engineerBachelorYears","old":4,"new":5}]}"#))
        let ratio = try edited([.key("parameters"), .key("copyRatioLimit"), .key("value")], .number(0.3))
        #expect(PolicyDiff(old: shippedPolicy, new: ratio).json.contains(#"{"name":"copyRatioLimit","old":0.25,"new":0.3}"#))
        let unit = try edited([.key("parameters"), .key("appealDays"), .key("unit")], .string("工作日"))
        #expect(PolicyDiff(old: shippedPolicy, new: unit).json.contains(#"{"name":"appealDays","old":30,"new":30,"oldUnit":"日","newUnit":"工作日"}"#))
        // A reworded description alone is explanation, not a rule change.
        let described = try edited([.key("parameters"), .key("appealDays"), .key("description")], .string("复查期限。"))
        #expect(PolicyDiff(old: shippedPolicy, new: described).onlyDatesChanged)
    }

    @Test func addedRemovedAndRenamedParametersAreSorted() throws {
        guard case .object(var params)? = bundleJSON["parameters"] else { Issue.record("no parameters"); return }
        params.append((key: "zNewFee", value: .object([("value", .number(1)), ("unit", .string("元")), ("clause", .string("8")), ("description", .string("新增。"))])))
        params.append((key: "aNewCount", value: .object([("value", .number(2)), ("unit", .string("份")), ("clause", .string("5.1")), ("description", .string("新增。"))])))
        let v = BrokenBundleTests().bundle(setting: [.key("parameters")], to: .object(params))
        let new = try Policy.load(json: v.serialized)
        let diff = PolicyDiff(old: shippedPolicy, new: new)
        #expect(diff.parametersAdded == ["aNewCount", "zNewFee"])
        let back = PolicyDiff(old: new, new: shippedPolicy)
        #expect(back.parametersRemoved == ["aNewCount", "zNewFee"] && back.parametersAdded.isEmpty)
    }

    @Test func clausesAddedRemovedAndReworded() throws {
        guard case .array(var clauses)? = bundleJSON["clauses"] else { Issue.record("no clauses"); return }
        clauses.append(.object([("id", .string("11")), ("heading", .string("新增")), ("text", .string("新增条款。"))]))
        clauses.append(.object([("id", .string("10.4")), ("heading", .string("新增")), ("text", .string("新增条款。"))]))
        let i = clauses.firstIndex { $0["id"] == .string("8") }!
        clauses[i] = .object([("id", .string("8")), ("heading", .string("评审收费")), ("text", .string("中级每人350元。"))])
        let new = try Policy.load(json: BrokenBundleTests().bundle(setting: [.key("clauses")], to: .array(clauses)).serialized)
        let diff = PolicyDiff(old: shippedPolicy, new: new)
        // Plain string order: "10.4" before "11".
        #expect(diff.json.contains(#""clauses":{"added":["10.4","11"],"removed":[],"changed":["8"]}"#))
        #expect(PolicyDiff(old: new, new: shippedPolicy).clausesRemoved == ["10.4", "11"])
    }

    @Test func movedDatesOnly() throws {
        let later = try edited([.key("intake"), .key("opens")], .string("2022-07-26"))
        let diff = PolicyDiff(old: shippedPolicy, new: later)
        #expect(diff.dates == [PolicyDiff.DateChange(name: "intake.opens", old: day("2022-07-25"), new: day("2022-07-26"))])
        #expect(diff.json.hasSuffix(#""dates":{"intake.opens":{"old":"2022-07-25","new":"2022-07-26"}}}"#))
    }
}
