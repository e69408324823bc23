import Testing
@testable import Domain

/// Broken copies of the bundle's `routes` and `routeSteps` sections do not load,
/// and the error names the place (as for the other sections).
@Suite struct RouteBundleTests {
    enum Step { case key(String), index(Int) }

    /// The shipped bundle with the value at `path` replaced (removed when `value` is nil).
    func bundle(_ path: [Step], _ value: JSONValue?) -> JSONValue {
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

    func loadError(_ path: [Step], _ value: JSONValue?) -> String {
        do { _ = try Policy.load(json: bundle(path, value).serialized); return "loaded" } catch { return error.description }
    }

    func json(_ text: String) -> JSONValue { try! JSONValue.parse(Array(text.utf8)) }

    static let rules: [Step] = [.key("routes"), .key("rules")]

    @Test func theShippedRoutesLoad() {
        let policy = try? Policy.load(json: bundleJSON.serialized)
        #expect(policy?.routes.rules.count == 3)
        #expect(policy?.routes.steps.count == RouteStep.allCases.count)
    }

    @Test func unknownStepInARule() {
        #expect(loadError(Self.rules + [.index(0), .key("steps"), .key("engineer"), .index(1)], .string("countyBureau"))
                == "routes.rules[0].steps.engineer[1]: unknown step \"countyBureau\" (expected one of: unit, personnelAgency, countyHR, countyIndustryBureau, competentDepartment, cityHRFiling, cityHRReview, committeeOffice)")
        #expect(loadError(Self.rules + [.index(2), .key("steps"), .key("technician"), .index(1), .key("step")], .string("agency"))
                .hasPrefix("routes.rules[2].steps.technician[1].step: unknown step \"agency\""))
    }

    @Test func missingLevel() {
        #expect(loadError(Self.rules + [.index(1), .key("steps"), .key("technician")], nil)
                == "routes.rules[1].steps.technician: missing required field")
    }

    @Test func unknownLevel() {
        #expect(loadError(Self.rules + [.index(1), .key("steps"), .key("senior")], json(#"["unit", "committeeOffice"]"#))
                .hasPrefix("routes.rules[1].steps.senior: unknown level \"senior\""))
    }

    @Test func unknownClause() {
        #expect(loadError(Self.rules + [.index(0), .key("clauses"), .index(1)], .string("6.9"))
                == "routes.rules[0].clauses[1]: unknown clause \"6.9\"")
        #expect(loadError([.key("routeSteps"), .key("countyHR"), .key("clauses"), .index(0)], .string("四（三）"))
                == "routeSteps.countyHR.clauses[0]: unknown clause \"四（三）\"")
        #expect(loadError([.key("routes"), .key("readings"), .index(0), .key("clauses"), .index(0)], .string("x"))
                == "routes.readings[0].clauses[0]: unknown clause \"x\"")
    }

    @Test func stepTable() {
        #expect(loadError([.key("routeSteps"), .key("cityHRReview")], nil) == "routeSteps.cityHRReview: missing required field")
        #expect(loadError([.key("routeSteps"), .key("cityHR")], json(#"{"party": "p", "duty": "d", "clauses": ["4.3"], "scope": "city"}"#))
                .hasPrefix("routeSteps.cityHR: unknown step \"cityHR\""))
        #expect(loadError([.key("routeSteps"), .key("unit"), .key("duty")], .string(" "))
                == "routeSteps.unit.duty: must not be empty")
        #expect(loadError([.key("routeSteps"), .key("countyHR"), .key("scope")], .string("province"))
                == "routeSteps.countyHR.scope: unknown scope \"province\" (expected one of: unit, agency, county, city)")
        #expect(loadError([.key("routeSteps")], nil) == "routeSteps: missing required field")
        #expect(loadError([.key("routes")], nil) == "routes: missing required field")
    }

    @Test func routesStartAtTheUnitAndEndAtTheOffice() {
        #expect(loadError(Self.rules + [.index(0), .key("steps"), .key("engineer")], json(#"["competentDepartment", "committeeOffice"]"#))
                == "routes.rules[0].steps.engineer: a route must start with \"unit\", taken by every unit")
        #expect(loadError(Self.rules + [.index(0), .key("steps"), .key("engineer")], json(#"["unit", "competentDepartment"]"#))
                == "routes.rules[0].steps.engineer: a route must end with \"committeeOffice\", taken by every unit")
        #expect(loadError(Self.rules + [.index(0), .key("steps"), .key("engineer")], json(#"["unit", "unit", "committeeOffice"]"#))
                == "routes.rules[0].steps.engineer[1]: step \"unit\" appears twice")
    }

    @Test func conditions() {
        #expect(loadError(Self.rules + [.index(0), .key("when"), .key("ownership")], .string("private"))
                == "routes.rules[0].when.ownership: unknown ownership \"private\" (expected one of: public, non_public)")
        #expect(loadError(Self.rules + [.index(0), .key("when"), .key("cityDirect")], .string("yes"))
                == "routes.rules[0].when.cityDirect: expected boolean, found string")
        #expect(loadError(Self.rules + [.index(0), .key("when"), .key("kind")], .string("enterprise"))
                .hasPrefix("routes.rules[0].when.kind: unknown fact \"kind\""))
        #expect(loadError(Self.rules + [.index(2), .key("when")], .array([])) == "routes.rules[2].when: must not be empty")
    }

    @Test func everyUnitHasExactlyOneRule() {
        // Without rule 3 non-public units have no route.
        #expect(loadError(Self.rules + [.index(2)], nil)
                == "routes.rules: no rule for a public unit with cityDirect false, hasCompetentDepartment false, personnelAgency false")
        // Rule 2 widened to city-direct units overlaps rule 1.
        #expect(loadError(Self.rules + [.index(1), .key("when"), .key("cityDirect")], nil)
                == "routes.rules: rules R1 and R2 both match a public unit with cityDirect true, hasCompetentDepartment true, personnelAgency false")
    }

    @Test func readingsAndIDs() {
        #expect(loadError(Self.rules + [.index(1), .key("readings"), .index(0)], .string("W9"))
                == "routes.rules[1].readings[0]: unknown reading \"W9\"")
        #expect(loadError(Self.rules + [.index(1), .key("id")], .string("R1")) == "routes.rules[1].id: duplicate rule id \"R1\"")
        #expect(loadError([.key("routes"), .key("readings"), .index(3), .key("text")], nil)
                == "routes.readings[3].text: missing required field")
    }
}
