import Testing
@testable import Domain

/// Deliberately broken copies of the shipped bundle must not load, and the error
/// must name the place.
@Suite struct BrokenBundleTests {
    enum Step { case key(String), index(Int) }

    /// The bundle with the value at `path` replaced (or removed when `value` is nil).
    func bundle(setting path: [Step], to value: JSONValue?) -> JSONValue {
        func apply(_ node: JSONValue, _ rest: ArraySlice<Step>) -> JSONValue {
            guard let step = rest.first else { return value ?? .null }
            switch (node, step) {
            case (.object(var members), .key(let k)):
                if let i = members.firstIndex(where: { $0.key == k }) {
                    if rest.count == 1 && value == nil { members.remove(at: i) } else { members[i].value = apply(members[i].value, rest.dropFirst()) }
                } else if let value, rest.count == 1 {
                    members.append((k, value))
                }
                return .object(members)
            case (.array(var items), .index(let i)):
                if rest.count == 1 && value == nil { items.remove(at: i) } else { items[i] = apply(items[i], rest.dropFirst()) }
                return .array(items)
            default: return node
            }
        }
        return apply(bundleJSON, ArraySlice(path))
    }

    static func replace(_ root: JSONValue, interpretation i: Int, parameters: [JSONValue]) -> JSONValue {
        guard case .object(var members) = root, let k = members.firstIndex(where: { $0.key == "interpretations" }),
              case .array(var items) = members[k].value, case .object(var entry) = items[i],
              let p = entry.firstIndex(where: { $0.key == "parameters" }) else { return root }
        entry[p].value = .array(parameters)
        items[i] = .object(entry)
        members[k].value = .array(items)
        return .object(members)
    }

    func loadError(_ v: JSONValue) -> String {
        do { _ = try Policy.load(json: v.serialized); return "loaded" } catch { return error.description }
    }

    @Test func theUnbrokenCopyLoads() throws {
        let p = try Policy.load(json: bundleJSON.serialized)
        #expect(p.testCases.count == shippedPolicy.testCases.count)
    }

    @Test func unknownClauseInAParameter() {
        let v = bundle(setting: [.key("parameters"), .key("engineerBachelorYears"), .key("clause")], to: .string("3.9.9"))
        #expect(loadError(v) == "parameters.engineerBachelorYears.clause: unknown clause \"3.9.9\"")
    }

    @Test func missingParameterTheRulesRead() {
        // Interpretation I7 lists the parameter too; take it out there first.
        var v = bundle(setting: [.key("parameters"), .key("engineerBachelorYears")], to: nil)
        #expect(loadError(v) == "interpretations[6].parameters[1]: unknown parameter \"engineerBachelorYears\"")
        if case .array(let items)? = v["interpretations"], case .array(let params)? = items[6]["parameters"] {
            let kept = params.filter { $0 != .string("engineerBachelorYears") }
            v = BrokenBundleTests.replace(v, interpretation: 6, parameters: kept)
        }
        #expect(loadError(v) == "parameters.engineerBachelorYears: missing required field (the eligibility rules read it)")
    }

    @Test func parameterOfTheWrongKind() {
        let v = bundle(setting: [.key("parameters"), .key("engineerBachelorYears"), .key("value")], to: .string("四"))
        #expect(loadError(v) == "parameters.engineerBachelorYears.value: expected integer, found string")
        let w = bundle(setting: [.key("parameters"), .key("educationMinimumEngineer"), .key("value")], to: .string("phd"))
        #expect(loadError(w).hasPrefix("parameters.educationMinimumEngineer.value: unknown value \"phd\" (expected one of: doctorate, master,"))
        let x = bundle(setting: [.key("parameters"), .key("backboneRanksCity"), .key("value")], to: .array([.number(8), .number(2)]))
        #expect(loadError(x) == "parameters.backboneRanksCity.value: lowest rank 8 is above highest 2")
        let y = bundle(setting: [.key("parameters"), .key("governmentSanctionMinimum"), .key("value")], to: .string("serious_warning"))
        #expect(loadError(y) == "parameters.governmentSanctionMinimum.value: \"serious_warning\" is not a government sanction")
    }

    @Test func parameterWithoutDescription() {
        let v = bundle(setting: [.key("parameters"), .key("reviewFeeJunior"), .key("description")], to: nil)
        #expect(loadError(v) == "parameters.reviewFeeJunior.description: missing required field")
    }

    @Test func interpretationCitingAnUnknownClauseOrParameter() {
        let v = bundle(setting: [.key("interpretations"), .index(2), .key("clauses"), .index(0)], to: .string("9.9"))
        #expect(loadError(v) == "interpretations[2].clauses[0]: unknown clause \"9.9\"")
        let w = bundle(setting: [.key("interpretations"), .index(3), .key("parameters"), .index(0)], to: .string("recentYears"))
        #expect(loadError(w) == "interpretations[3].parameters[0]: unknown parameter \"recentYears\"")
    }

    @Test func missingInterpretation() {
        let v = bundle(setting: [.key("interpretations"), .index(2)], to: nil)
        #expect(loadError(v) == "interpretations: missing interpretation \"I3-year-counting\" (the eligibility rules apply it)")
    }

    @Test func ruleCitations() {
        let v = bundle(setting: [.key("rules"), .key("tenure"), .key("engineer")], to: .string("3.1.9"))
        #expect(loadError(v) == "rules.tenure.engineer: unknown clause \"3.1.9\"")
        let w = bundle(setting: [.key("rules"), .key("papers")], to: nil)
        #expect(loadError(w) == "rules.papers: missing required field")
        let x = bundle(setting: [.key("rules"), .key("achievements"), .key("engineer")], to: nil)
        #expect(loadError(x) == "rules.achievements.engineer: missing required field")
        let y = bundle(setting: [.key("rules"), .key("luck")], to: .object([]))
        #expect(loadError(y).hasPrefix("rules.luck: unknown rule \"luck\" (expected one of: exclusions, professional_post,"))
        let z = bundle(setting: [.key("rules"), .key("papers"), .key("senior")], to: .string("3.1.4"))
        #expect(loadError(z) == "rules.papers.senior: unknown level \"senior\" (expected one of: engineer, assistant_engineer, technician, transfer)")
    }

    @Test func clauses() {
        let v = bundle(setting: [.key("clauses"), .index(6), .key("id")], to: .string("3.1.1"))
        #expect(loadError(v) == "clauses[6].id: duplicate clause id \"3.1.1\"")
        let w = bundle(setting: [.key("clauses"), .index(1), .key("text")], to: .string("  "))
        #expect(loadError(w) == "clauses[1].text: must not be empty")
        let x = bundle(setting: [.key("clauses"), .index(1), .key("heading")], to: .number(1))
        #expect(loadError(x) == "clauses[1].heading: expected string, found number")
    }

    @Test func identityAndDates() {
        #expect(loadError(bundle(setting: [.key("id")], to: nil)) == "id: missing required field")
        #expect(loadError(bundle(setting: [.key("referenceDate")], to: .string("2022-12-32")))
                == "referenceDate: malformed date \"2022-12-32\" (expected YYYY-MM-DD)")
        #expect(loadError(bundle(setting: [.key("intake"), .key("opens")], to: .string("2022-09-01")))
                == "intake: the intake closes before it opens")
    }

    @Test func testCases() {
        let v = bundle(setting: [.key("testCases"), .index(0), .key("expect"), .key("fail")], to: .array([.string("3.9.9")]))
        #expect(loadError(v) == "testCases[0].expect.fail[0]: unknown clause \"3.9.9\"")
        let w = bundle(setting: [.key("testCases"), .index(0), .key("profile"), .key("education")],
                       to: .array([.object([("level", .string("phd"))])]))
        #expect(loadError(w) == "testCases[0].profile.education[0].level: unknown value \"phd\" (expected one of: doctorate, master, second_bachelor, bachelor, associate, secondary_vocational, high_school)")
        let x = bundle(setting: [.key("testCases"), .index(1), .key("base")], to: .string("senior"))
        #expect(loadError(x) == "testCases[1].base: unknown test base \"senior\"")
        let y = bundle(setting: [.key("testCases"), .index(1), .key("expect"), .key("verdict")], to: .string("maybe"))
        #expect(loadError(y) == "testCases[1].expect.verdict: unknown verdict \"maybe\" (expected one of: eligible, ineligible, manual_review)")
    }

    @Test func notJSON() {
        #expect(throws: PolicyError.self) { try Policy.load(json: "{\"id\": \"x\",") }
        do { _ = try Policy.load(json: "{\"id\": \"x\",") } catch {
            #expect(error.description == "invalid JSON at line 1, column 12: expected object key")
        }
        do { _ = try Policy.load(json: "[]") } catch {
            #expect(error.description == "id: expected object, found array" || error.description == "expected object, found array")
        }
    }
}
