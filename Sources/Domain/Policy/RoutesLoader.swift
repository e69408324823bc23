/// Reads and checks the bundle's `routeSteps` and `routes` sections
/// (`shared/contracts/workflow.md`):
///
/// - `routeSteps`: `{step: {party, duty, clauses, scope}}` with an entry for every
///   `RouteStep` and no other; `scope` is `unit`, `agency`, `county` (a county
///   body: the route needs the unit's county) or `city`;
/// - `routes.readings`: `[{id, title, clauses, text}]`, the readings W1–W4;
/// - `routes.rules`: `[{id, title, clauses, when, steps, readings}]`. `when` is a
///   condition on the unit, an object of facts (`ownership`, `cityDirect`,
///   `hasCompetentDepartment`, `personnelAgency`) that must all hold, or an array of
///   such objects of which one must hold. `steps` lists, for each of `engineer`,
///   `assistant_engineer` and `technician`, the step names in order; a step may be
///   `{step, when}` to be taken only for units meeting its condition.
///
/// Every route starts at `unit` and ends at `committeeOffice` without repeating a
/// step, and for every kind of unit exactly one rule matches, so `Policy.route`
/// always has one answer.
struct RoutesLoader {
    let root: BundleNode
    let checkClause: (BundleNode) throws(JSONInputError) -> String

    func load() throws(JSONInputError) -> RouteTable {
        let steps = try loadSteps()
        let readings = try loadReadings()
        let rulesNode = try root.field("routes").field("rules")
        var rules: [RouteRule] = []
        for node in try rulesNode.elements() {
            let rule = try loadRule(node, readings: readings)
            if rules.contains(where: { $0.id == rule.id }) { throw try node.field("id").error("duplicate rule id \"\(rule.id)\"") }
            rules.append(rule)
        }
        if rules.isEmpty { throw rulesNode.error("must not be empty") }
        try checkCoverage(rules, at: rulesNode)
        return RouteTable(rules: rules, steps: steps, readings: readings)
    }

    private func loadSteps() throws(JSONInputError) -> [RouteStep: RouteStepInfo] {
        let stepsNode = try root.field("routeSteps")
        var steps: [RouteStep: RouteStepInfo] = [:]
        for (key, node) in try stepsNode.members() {
            guard let step = RouteStep(rawValue: key) else { throw node.error(Self.unknownStep(key)) }
            let scopeNode = try node.field("scope")
            let scopeName = try scopeNode.string()
            guard let scope = RouteStepInfo.Scope(rawValue: scopeName) else {
                let names = RouteStepInfo.Scope.allCases.map(\.rawValue).joined(separator: ", ")
                throw scopeNode.error("unknown scope \"\(scopeName)\" (expected one of: \(names))")
            }
            steps[step] = RouteStepInfo(step: step, party: try node.field("party").nonEmptyString(),
                                        duty: try node.field("duty").nonEmptyString(),
                                        clauses: try clauses(node.field("clauses")), scope: scope)
        }
        for step in RouteStep.allCases where steps[step] == nil {
            throw JSONInputError(path: stepsNode.path + [.key(step.rawValue)], problem: "missing required field")
        }
        return steps
    }

    private func loadReadings() throws(JSONInputError) -> [RouteReading] {
        var readings: [RouteReading] = []
        for node in try root.field("routes").field("readings").elements() {
            let id = try node.field("id").nonEmptyString()
            if readings.contains(where: { $0.id == id }) { throw try node.field("id").error("duplicate reading id \"\(id)\"") }
            readings.append(RouteReading(id: id, title: try node.field("title").nonEmptyString(),
                                         clauses: try clauses(node.field("clauses")),
                                         text: try node.field("text").nonEmptyString()))
        }
        return readings
    }

    private func loadRule(_ node: BundleNode, readings: [RouteReading]) throws(JSONInputError) -> RouteRule {
        let id = try node.field("id").nonEmptyString()
        let stepsNode = try node.field("steps")
        var steps: [TargetLevel: [RouteRule.Entry]] = [:]
        for (key, levelNode) in try stepsNode.members() {
            guard let level = TargetLevel(jsonName: key) else {
                throw levelNode.error("unknown level \"\(key)\" (expected one of: \(TargetLevel.jsonNames.map(\.description).joined(separator: ", ")))")
            }
            steps[level] = try entries(levelNode)
        }
        for level in TargetLevel.allCases where steps[level] == nil {
            throw JSONInputError(path: stepsNode.path + [.key(level.jsonName)], problem: "missing required field")
        }
        var cited: [String] = []
        for r in try node.optionalField("readings")?.elements() ?? [] {
            let rid = try r.string()
            guard readings.contains(where: { $0.id == rid }) else { throw r.error("unknown reading \"\(rid)\"") }
            cited.append(rid)
        }
        return RouteRule(id: id, title: try node.field("title").nonEmptyString(), clauses: try clauses(node.field("clauses")),
                         condition: try condition(node.field("when")), steps: steps, readings: cited)
    }

    /// One level's steps: in order, from `unit` to `committeeOffice`, none twice.
    private func entries(_ node: BundleNode) throws(JSONInputError) -> [RouteRule.Entry] {
        var out: [RouteRule.Entry] = []
        for e in try node.elements() {
            let entry: RouteRule.Entry
            if case .object = e.value {
                entry = RouteRule.Entry(step: try step(e.field("step")), condition: try condition(e.field("when")))
            } else {
                entry = RouteRule.Entry(step: try step(e))
            }
            if out.contains(where: { $0.step == entry.step }) { throw e.error("step \"\(entry.step.rawValue)\" appears twice") }
            out.append(entry)
        }
        guard out.first?.step == .unit, out.first?.condition == nil else {
            throw node.error("a route must start with \"unit\", taken by every unit")
        }
        guard out.last?.step == .committeeOffice, out.last?.condition == nil else {
            throw node.error("a route must end with \"committeeOffice\", taken by every unit")
        }
        return out
    }

    private func step(_ node: BundleNode) throws(JSONInputError) -> RouteStep {
        let name = try node.string()
        guard let step = RouteStep(rawValue: name) else { throw node.error(Self.unknownStep(name)) }
        return step
    }

    /// An object of facts, or a non-empty array of them (any of which may hold).
    private func condition(_ node: BundleNode) throws(JSONInputError) -> RouteCondition {
        if case .array = node.value {
            var alternatives: [RouteCondition.Facts] = []
            for e in try node.elements() { alternatives.append(try facts(e)) }
            if alternatives.isEmpty { throw node.error("must not be empty") }
            return RouteCondition(anyOf: alternatives)
        }
        return RouteCondition(anyOf: [try facts(node)])
    }

    private func facts(_ node: BundleNode) throws(JSONInputError) -> RouteCondition.Facts {
        var f = RouteCondition.Facts()
        func flag(_ n: BundleNode) throws(JSONInputError) -> Bool {
            guard case .bool(let b) = n.value else { throw n.typeError("boolean") }
            return b
        }
        for (key, n) in try node.members() {
            switch key {
            case "ownership":
                let name = try n.string()
                guard let o = UnitOwnership(rawValue: name) else {
                    throw n.error("unknown ownership \"\(name)\" (expected one of: public, non_public)")
                }
                f.ownership = o
            case "cityDirect": f.cityDirect = try flag(n)
            case "hasCompetentDepartment": f.hasCompetentDepartment = try flag(n)
            case "personnelAgency": f.personnelAgency = try flag(n)
            default:
                throw n.error("unknown fact \"\(key)\" (expected one of: ownership, cityDirect, hasCompetentDepartment, personnelAgency)")
            }
        }
        return f
    }

    private func clauses(_ node: BundleNode) throws(JSONInputError) -> [String] {
        var out: [String] = []
        for c in try node.elements() { out.append(try checkClause(c)) }
        if out.isEmpty { throw node.error("must not be empty") }
        return out
    }

    /// Exactly one rule for every kind of unit, so every application has a route.
    private func checkCoverage(_ rules: [RouteRule], at node: BundleNode) throws(JSONInputError) {
        for ownership in UnitOwnership.allCases {
            for cityDirect in [false, true] {
                for department in [false, true] {
                    // A public unit's personnelAgency is ignored (`Policy.route`): only false reaches the rules.
                    for agency in ownership == .nonPublic ? [false, true] : [false] {
                        let unit = RouteUnit(cityDirect: cityDirect, county: nil, ownership: ownership,
                                             hasCompetentDepartment: department, personnelAgency: agency)
                        let matching = rules.indices.filter { rules[$0].condition.matches(unit) }
                        let kind = "\(ownership.rawValue) unit with cityDirect \(cityDirect), hasCompetentDepartment \(department), personnelAgency \(agency)"
                        if matching.isEmpty { throw node.error("no rule for a \(kind)") }
                        if matching.count > 1 {
                            throw node.error("rules \(rules[matching[0]].id) and \(rules[matching[1]].id) both match a \(kind)")
                        }
                    }
                }
            }
        }
    }

    private static func unknownStep(_ name: String) -> String {
        "unknown step \"\(name)\" (expected one of: \(RouteStep.allCases.map(\.rawValue).joined(separator: ", ")))"
    }
}
