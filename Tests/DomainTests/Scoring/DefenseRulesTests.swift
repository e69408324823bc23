import Testing
@testable import Domain

/// The weights and the ratio come from the policy bundle (九), read exactly; a bundle with
/// unusable scoring parameters is refused with the parameter named.
@Suite struct DefenseRulesTests {
    /// The shipped bundle with one parameter's value replaced (or the parameter removed).
    func rulesError(_ id: String, value: JSONValue?) -> String {
        guard case .object(var root) = bundleJSON, let p = root.firstIndex(where: { $0.key == "parameters" }),
              case .object(var params) = root[p].value, let i = params.firstIndex(where: { $0.key == id }),
              case .object(var param) = params[i].value, let v = param.firstIndex(where: { $0.key == "value" }) else {
            return "no such parameter"
        }
        if let value { param[v].value = value; params[i].value = .object(param) } else { params.remove(at: i) }
        root[p].value = .object(params)
        do {
            let policy = try Policy.load(json: JSONValue.object(root).serialized)
            _ = try DefenseRules(policy: policy)
            return "loaded"
        } catch { return "\(error)" }
    }

    @Test func theShippedParametersLoad() {
        #expect(rulesError("defenseMaterialWeight", value: .number(0.4)) == "loaded")
        #expect(rulesError("defenseMaterialWeight", value: .number(0.35)) == "changzhi-2022.json: parameters.defenseLiveWeight.value: defenseMaterialWeight and defenseLiveWeight must add up to 1")
    }

    @Test func unusableValuesAreNamed() {
        #expect(rulesError("reviewScoreDefenseWeight", value: .number(1.5)) == "changzhi-2022.json: parameters.reviewScoreDefenseWeight.value: expected a share between 0 and 1")
        #expect(rulesError("reviewScoreDefenseWeight", value: .string("30%")) == "changzhi-2022.json: parameters.reviewScoreDefenseWeight.value: expected a share between 0 and 1")
        #expect(rulesError("defenseGradeRatio", value: .array([.number(3), .number(6)])).hasPrefix("changzhi-2022.json: parameters.defenseGradeRatio.value: expected three whole non-negative shares"))
        #expect(rulesError("defenseGradeRatio", value: .array([.number(3), .number(6.5), .number(1)])).hasPrefix("changzhi-2022.json: parameters.defenseGradeRatio.value: expected three"))
        #expect(rulesError("defenseGradeRatio", value: nil) == "changzhi-2022.json: parameters.defenseGradeRatio: missing required field")
    }

    @Test func anotherYearsWeightsAreReadExactly() throws {
        guard case .object(var root) = bundleJSON, let p = root.firstIndex(where: { $0.key == "parameters" }),
              case .object(var params) = root[p].value else { Issue.record("no parameters"); return }
        func set(_ id: String, _ value: Double) {
            guard let i = params.firstIndex(where: { $0.key == id }), case .object(var param) = params[i].value,
                  let v = param.firstIndex(where: { $0.key == "value" }) else { return }
            param[v].value = .number(value)
            params[i].value = .object(param)
        }
        set("defenseMaterialWeight", 0.35); set("defenseLiveWeight", 0.65); set("reviewScoreDefenseWeight", 0.125)
        root[p].value = .object(params)
        let rules = try DefenseRules(policy: Policy.load(json: JSONValue.object(root).serialized))
        #expect(rules.weights == DefenseWeights(materials: 350, onsite: 650, reviewDefense: 125, denominator: 1000))
        #expect(rules.weights.percent(125) == "12.5%")
    }
}
