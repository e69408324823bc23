/// Builds a `Policy` from the bundle's JSON, checking every reference: a clause,
/// parameter or interpretation that does not exist, or a parameter the rules need
/// that is missing or of the wrong kind, stops the load with the place named.
///
/// The bundle (`Resources/policies/<id>.json`):
/// - `id`, `title`, `documentNumber`, `issuers`, `applicationDate`, `referenceDate`,
///   `intake: {opens, closes}`, `declaration: {opens, closes, clause, note}` (when
///   declarations may be started and submitted; `DeclarationPeriod`);
/// - `clauses`: `[{id, heading, text}]` in the notice's order, ids as in the
///   eligibility contract (`3.1.3`), at most 15 ASCII characters;
/// - `parameters`: `{id: {value, unit, clause, description}}`; a value is a number,
///   a string (dates, contract enum names) or a list of them;
/// - `rules`: `{rule: {engineer|assistant_engineer|technician|transfer: clause}}`,
///   the clause each eligibility rule cites at each level;
/// - `interpretations`: `[{id, title, clauses, parameters, text}]`, all of
///   `InterpretationID`'s ids present;
/// - `testBases` (named profiles) and `testCases`: `[{name, clause, base, profile,
///   expect: {verdict, fail, review, route?, earliestEligible?}}]`, where `profile`
///   is a JSON merge patch (RFC 7396) on the base and `fail` / `review` list the
///   clauses of exactly the findings with that outcome;
/// - `routeSteps` and `routes`: the review routes (`RoutesLoader`).
struct PolicyLoader {
    let root: BundleNode

    init(root: JSONValue) { self.root = BundleNode(value: root, path: []) }

    func load() throws(JSONInputError) -> Policy {
        let id = try root.field("id").nonEmptyString()
        let intakeNode = try root.field("intake")
        let opens = try intakeNode.field("opens").date(), closes = try intakeNode.field("closes").date()
        guard opens <= closes else { throw intakeNode.error("the intake closes before it opens") }
        let issuers = try root.field("issuers").strings()
        if issuers.isEmpty { throw try root.field("issuers").error("must not be empty") }

        let clauses = try loadClauses()
        let clauseIDs = Set(clauses.map(\.id))
        func checkClause(_ node: BundleNode) throws(JSONInputError) -> String {
            let c = try node.string()
            guard clauseIDs.contains(c) else { throw node.error("unknown clause \"\(c)\"") }
            return c
        }

        var parameters: [Parameter] = []
        var parameterNodes: [String: BundleNode] = [:]
        for (key, node) in try root.field("parameters").members() {
            let p = Parameter(id: key, value: try node.field("value").parameterValue(),
                              unit: try node.field("unit").string(),
                              description: try node.field("description").nonEmptyString(),
                              clause: try checkClause(node.field("clause")))
            parameters.append(p)
            parameterNodes[key] = node
        }

        var interpretations: [Interpretation] = []
        for node in try root.field("interpretations").elements() {
            let iid = try node.field("id").nonEmptyString()
            if interpretations.contains(where: { $0.id == iid }) { throw try node.field("id").error("duplicate interpretation id \"\(iid)\"") }
            var cited: [String] = []
            for c in try node.field("clauses").elements() { cited.append(try checkClause(c)) }
            var params: [String] = []
            for p in try node.optionalField("parameters")?.elements() ?? [] {
                let pid = try p.string()
                guard parameterNodes[pid] != nil else { throw p.error("unknown parameter \"\(pid)\"") }
                params.append(pid)
            }
            interpretations.append(Interpretation(id: iid, title: try node.field("title").nonEmptyString(), clauses: cited,
                                                  parameters: params, text: try node.field("text").nonEmptyString()))
        }
        for needed in InterpretationID.allCases where !interpretations.contains(where: { $0.id == needed.rawValue }) {
            throw try root.field("interpretations").error("missing interpretation \"\(needed.rawValue)\" (the eligibility rules apply it)")
        }

        let citations = try loadCitations(checkClause)
        let eligibility = try EligibilityParameters(
            parameters: ParameterSource(nodes: parameterNodes),
            applicationDate: try root.field("applicationDate").date(),
            referenceDate: try root.field("referenceDate").date(),
            citations: citations)

        var policy = Policy(
            id: id, title: try root.field("title").nonEmptyString(),
            documentNumber: try root.field("documentNumber").nonEmptyString(), issuers: issuers,
            applicationDate: eligibility.applicationDate, referenceDate: eligibility.referenceDate,
            intake: opens...closes, declaration: try loadDeclarationPeriod(checkClause), clauses: clauses, parameters: parameters, interpretations: interpretations,
            citations: citations, testCases: [], routes: try RoutesLoader(root: root, checkClause: checkClause).load(),
            eligibility: eligibility)
        policy = policy.with(testCases: try loadTestCases(checkClause))
        return policy
    }

    private func loadDeclarationPeriod(_ checkClause: (BundleNode) throws(JSONInputError) -> String) throws(JSONInputError) -> DeclarationPeriod {
        let node = try root.field("declaration")
        let opens = try node.field("opens").date(), closes = try node.field("closes").date()
        guard opens <= closes else { throw node.error("declarations close before they open") }
        return DeclarationPeriod(opens: opens, closes: closes, clause: try checkClause(node.field("clause")),
                                 note: try node.field("note").nonEmptyString())
    }

    private func loadClauses() throws(JSONInputError) -> [Clause] {
        var clauses: [Clause] = []
        var seen = Set<String>()
        for node in try root.field("clauses").elements() {
            let cid = try node.field("id").nonEmptyString()
            guard seen.insert(cid).inserted else { throw try node.field("id").error("duplicate clause id \"\(cid)\"") }
            // Findings carry clause ids inline (ShortID) and write them into JSON unescaped.
            guard cid.count <= ShortID.maxLength, cid.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") && $0 >= 0x20 }) else {
                throw try node.field("id").error("a clause id must be at most \(ShortID.maxLength) ASCII characters")
            }
            clauses.append(Clause(id: cid, heading: try node.field("heading").nonEmptyString(),
                                  text: try node.field("text").nonEmptyString()))
        }
        return clauses
    }

    private func loadCitations(_ checkClause: (BundleNode) throws(JSONInputError) -> String) throws(JSONInputError) -> [RuleCitation] {
        let rulesNode = try root.field("rules")
        var citations: [RuleCitation] = []
        for (key, node) in try rulesNode.members() {
            guard let rule = EligibilityRule(jsonName: key) else {
                throw node.error("unknown rule \"\(key)\" (expected one of: \(EligibilityRule.jsonNames.map(\.description).joined(separator: ", ")))")
            }
            var clauses: [EligibilityContext: String] = [:]
            for (ctxName, clauseNode) in try node.members() {
                guard let ctx = EligibilityContext(jsonName: ctxName) else {
                    throw clauseNode.error("unknown level \"\(ctxName)\" (expected one of: engineer, assistant_engineer, technician, transfer)")
                }
                clauses[ctx] = try checkClause(clauseNode)
            }
            for ctx in rule.contexts where clauses[ctx] == nil {
                throw JSONInputError(path: node.path + [.key(ctx.jsonName)], problem: "missing required field")
            }
            citations.append(RuleCitation(rule: rule, clauses: clauses))
        }
        for rule in EligibilityRule.allCases where !citations.contains(where: { $0.rule == rule }) {
            throw JSONInputError(path: rulesNode.path + [.key(rule.jsonName)], problem: "missing required field")
        }
        return citations
    }

    private func loadTestCases(_ checkClause: (BundleNode) throws(JSONInputError) -> String) throws(JSONInputError) -> [PolicyTestCase] {
        guard let casesNode = try root.optionalField("testCases") else { return [] }
        let bases = try root.optionalField("testBases")
        var cases: [PolicyTestCase] = []
        for node in try casesNode.elements() {
            var profileJSON = JSONValue.object([])
            if let baseNode = try node.optionalField("base") {
                let name = try baseNode.string()
                guard let base = try bases?.optionalField(name) else { throw baseNode.error("unknown test base \"\(name)\"") }
                profileJSON = base.value
            }
            let patch = try node.optionalField("profile")
            if let patch { profileJSON = profileJSON.merged(with: patch.value) }
            let profile: Profile
            do { profile = try ProfileJSON.decode(profileJSON.serialized) } catch {
                throw JSONInputError(path: (patch ?? node).path + error.path, problem: error.problem)
            }
            let expect = try node.field("expect")
            let verdictNode = try expect.field("verdict")
            guard let verdict = Verdict(jsonName: try verdictNode.string()) else {
                throw verdictNode.error("unknown verdict \"\(try verdictNode.string())\" (expected one of: eligible, ineligible, manual_review)")
            }
            func clauseSet(_ key: String) throws(JSONInputError) -> Set<String> {
                var out = Set<String>()
                for c in try expect.optionalField(key)?.elements() ?? [] { out.insert(try checkClause(c)) }
                return out
            }
            var earliest = PolicyTestCase.EarliestExpectation.unchecked
            if case .object(let members) = expect.value, let m = members.first(where: { $0.key == "earliestEligible" }) {
                earliest = m.value == .null ? .absent : .date(try expect.field("earliestEligible").date())
            }
            cases.append(PolicyTestCase(
                name: try node.field("name").nonEmptyString(), clause: try checkClause(node.field("clause")),
                profile: profile, verdict: verdict, failing: try clauseSet("fail"), review: try clauseSet("review"),
                route: try expect.optionalField("route")?.string(), earliestEligible: earliest))
        }
        return cases
    }
}

extension Policy {
    func with(testCases: [PolicyTestCase]) -> Policy {
        Policy(id: id, title: title, documentNumber: documentNumber, issuers: issuers, applicationDate: applicationDate,
               referenceDate: referenceDate, intake: intake, declaration: declaration, clauses: clauses, parameters: parameters,
               interpretations: interpretations, citations: citations, testCases: testCases, routes: routes,
               eligibility: eligibility)
    }
}

/// A test case the bundle carries: a profile and what the engine must answer.
public struct PolicyTestCase: Sendable, CustomStringConvertible {
    public enum EarliestExpectation: Sendable, Equatable {
        case unchecked, absent, date(LocalDate)
    }
    public let name: String
    /// The clause the case is about.
    public let clause: String
    public let profile: Profile
    public let verdict: Verdict
    /// The clauses of the findings that must fail (exactly these).
    public let failing: Set<String>
    /// The clauses of the findings that must be `review` (exactly these).
    public let review: Set<String>
    public let route: String?
    public let earliestEligible: EarliestExpectation

    public var description: String { "[\(clause)] \(name)" }
}
