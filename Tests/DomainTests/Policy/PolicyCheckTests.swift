import Testing
@testable import Domain

/// `policy check` (issue 19): a bundle is whole or the first problem is named by
/// its place. Each kind of failure the contract lists has a case here.
@Suite struct PolicyCheckTests {
    /// The shipped bundle with the value at a path replaced (nil removes it).
    func edited(_ path: [BrokenBundleTests.Step], _ value: JSONValue?) -> JSONValue {
        BrokenBundleTests().bundle(setting: path, to: value)
    }

    func problem(_ v: JSONValue) -> String {
        do { return "passed: " + (try PolicyCheck.check(json: v.serialized)).summary } catch { return error.detail }
    }

    // MARK: whole bundles

    @Test func theShippedBundleIsWhole() throws {
        let report = try PolicyCheck.check(json: Policy.bundleBytes(id: "changzhi-2022"))
        #expect(report.policy.id == "changzhi-2022")
        #expect(report.summary == "changzhi-2022: \(shippedPolicy.clauses.count) clauses, \(shippedPolicy.parameters.count) parameters, "
                + "\(shippedPolicy.testCases.count) of \(shippedPolicy.testCases.count) test cases passed")
        #expect(report.testCasesPassed == shippedPolicy.testCases.count && report.testCasesPassed >= 80)
    }

    /// The table of what the rules read agrees with the shipped bundle: each name
    /// once, each with the bundle's kind of value and unit.
    @Test func theRequirementsAreTheShippedBundles() {
        #expect(Set(ParameterRequirement.all.map(\.name)).count == ParameterRequirement.all.count)
        for r in ParameterRequirement.all { #expect(shippedPolicy.parameter(r.name)?.unit == r.unit, "\(r.name)") }
    }

    // MARK: each kind of failure, named by its place

    @Test func notJSON() {
        do { _ = try PolicyCheck.check(json: "{\"id\": \"x\","); Issue.record("passed") } catch {
            #expect(error.detail == "invalid JSON at line 1, column 12: expected object key")
        }
        do { _ = try PolicyCheck.check(json: "[1]"); Issue.record("passed") } catch {
            #expect(error.detail == "a policy bundle must be a JSON object, found array")
        }
        do { _ = try PolicyCheck.check(json: ""); Issue.record("passed") } catch {
            #expect(error.detail.hasPrefix("invalid JSON"))
        }
    }

    @Test func missingParameter() {
        // Interpretation I7 names engineerBachelorYears too; the check still names the parameter itself.
        #expect(problem(edited([.key("parameters"), .key("engineerBachelorYears")], nil))
                == "parameters.engineerBachelorYears: missing required field (the eligibility rules read it)")
        #expect(problem(edited([.key("parameters"), .key("reviewFeeJunior")], nil))
                == "parameters.reviewFeeJunior: missing required field (the pages read it)")
        #expect(problem(edited([.key("parameters"), .key("defenseGradeRatio")], nil))
                == "parameters.defenseGradeRatio: missing required field (the defense scoring reads it)")
        #expect(problem(edited([.key("parameters")], nil)) == "parameters: missing required field")
    }

    @Test func wrongType() {
        #expect(problem(edited([.key("parameters"), .key("engineerBachelorYears"), .key("value")], .string("四")))
                == "parameters.engineerBachelorYears.value: expected integer, found string")
        #expect(problem(edited([.key("parameters"), .key("engineerBachelorYears"), .key("value")], .number(4.5)))
                == "parameters.engineerBachelorYears.value: expected integer, found a number with decimals")
        #expect(problem(edited([.key("parameters"), .key("copyRatioAtLimitDefends"), .key("value")], .string("true")))
                == "parameters.copyRatioAtLimitDefends.value: expected boolean, found string")
        #expect(problem(edited([.key("parameters"), .key("relatedDisciplines"), .key("value")], .string("engineering")))
                == "parameters.relatedDisciplines.value: expected list, found string")
        // The right JSON kind with a value the rules do not know: the loader's own check.
        #expect(problem(edited([.key("parameters"), .key("educationMinimumEngineer"), .key("value")], .string("phd")))
                .hasPrefix("parameters.educationMinimumEngineer.value: unknown value \"phd\""))
        // A share above the whole: the scoring's own check.
        #expect(problem(edited([.key("parameters"), .key("defenseMaterialWeight"), .key("value")], .number(1.4)))
                == "parameters.defenseMaterialWeight.value: expected a number between 0 and 1")
    }

    @Test func wrongUnit() {
        #expect(problem(edited([.key("parameters"), .key("engineerBachelorYears"), .key("unit")], .string("月")))
                == "parameters.engineerBachelorYears.unit: expected unit \"年\", found \"月\"")
        #expect(problem(edited([.key("parameters"), .key("reviewFeeIntermediate"), .key("unit")], nil))
                == "parameters.reviewFeeIntermediate.unit: missing required field")
    }

    @Test func missingCitedClause() {
        // Cited by a parameter, a rule, an interpretation, a route and a test case.
        #expect(problem(edited([.key("parameters"), .key("engineerBachelorYears"), .key("clause")], .string("3.9.9")))
                == "parameters.engineerBachelorYears.clause: unknown clause \"3.9.9\"")
        #expect(problem(edited([.key("rules"), .key("tenure"), .key("engineer")], .string("3.1.9")))
                == "rules.tenure.engineer: unknown clause \"3.1.9\"")
        #expect(problem(edited([.key("interpretations"), .index(2), .key("clauses"), .index(0)], .string("9.9")))
                == "interpretations[2].clauses[0]: unknown clause \"9.9\"")
        #expect(problem(edited([.key("routes"), .key("rules"), .index(1), .key("clauses"), .index(0)], .string("6.9")))
                == "routes.rules[1].clauses[0]: unknown clause \"6.9\"")
        #expect(problem(edited([.key("testCases"), .index(3), .key("clause")], .string("2.1")))
                == "testCases[3].clause: unknown clause \"2.1\"")
        // A clause taken out of the list: the first place that cites it is named.
        guard case .array(let clauses)? = bundleJSON["clauses"],
              let i = clauses.firstIndex(where: { $0["id"] == .string("7.2") }) else { Issue.record("no clause 7.2"); return }
        #expect(problem(edited([.key("clauses"), .index(i)], nil))
                == "parameters.expertRecommendationsRequired.clause: unknown clause \"7.2\"")
    }

    @Test func datesOutOfOrderOrNotReal() {
        #expect(problem(edited([.key("intake"), .key("closes")], .string("2023-01-05")))
                == "intake.closes: 2023-01-05 is after referenceDate 2022-12-31")
        #expect(problem(edited([.key("referenceDate")], .string("2022-08-24")))
                == "intake.closes: 2022-08-25 is after referenceDate 2022-08-24")
        #expect(problem(edited([.key("intake"), .key("opens")], .string("2022-08-26")))
                == "intake.closes: 2022-08-25 is before intake.opens 2022-08-26")
        #expect(problem(edited([.key("declaration"), .key("opens")], .string("2022-09-01")))
                == "declaration.closes: 2022-08-25 is before declaration.opens 2022-09-01")
        #expect(problem(edited([.key("declaration"), .key("closes")], .string("2022-02-30")))
                == "declaration.closes: malformed date \"2022-02-30\" (expected YYYY-MM-DD)")
        #expect(problem(edited([.key("applicationDate")], nil)) == "applicationDate: missing required field")
        // Equal ends are in order.
        #expect(problem(edited([.key("referenceDate")], .string("2022-08-25"))).hasPrefix("testCases["))
    }

    @Test func failingTestCase() {
        // Five years instead of four: the base case (an assistant engineer since 2018-07-01) no longer passes.
        let v = edited([.key("parameters"), .key("engineerBachelorYears"), .key("value")], .number(5))
        let p = problem(v)
        #expect(p.hasPrefix("testCases[0]: test case \"基准：本科、助理工程师满4年的工程师申报人符合条件\" expected verdict eligible, got ineligible (fail 3.1.3 "), "\(p)")
        #expect(!p.contains("\n"))
        // A wrong expected route, earliest date and failing clauses are each named.
        let route = edited([.key("testCases"), .index(0), .key("expect"), .key("route")], .string("master_or_second_bachelor"))
        #expect(problem(route) == "testCases[0]: test case \"基准：本科、助理工程师满4年的工程师申报人符合条件\" expected route master_or_second_bachelor, got bachelor_or_associate")
        let earliest = edited([.key("testCases"), .index(0), .key("expect"), .key("earliestEligible")], .string("2023-01-01"))
        #expect(problem(earliest).hasSuffix("expected earliestEligible 2023-01-01, got none"))
        let clauses = edited([.key("testCases"), .index(1), .key("expect"), .key("fail")], .array([.string("2"), .string("3.1.3")]))
        #expect(problem(clauses) == "testCases[1]: test case \"公务员不得申报\" expected failing clauses 2, 3.1.3, got 2")
    }
}
