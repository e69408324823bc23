/// Whether a bundle file is whole enough to run a year on (`title-review policy
/// check`, `--policy FILE`, the office's upload): it parses, its dates are real
/// and in order, every parameter a rule reads is there with its kind and unit,
/// every clause it cites exists (the loader), the pages' and the scoring's values
/// read, and every one of its own test cases gives its expected answer.
///
/// ```swift
/// let report = try PolicyCheck.check(json: bytes)
/// report.summary   // changzhi-2022: 55 clauses, 60 parameters, 170 of 170 test cases passed
/// ```
///
/// On failure the `PolicyError` names the first problem by its place
/// (`parameters.engineerBachelorYears: missing required field ...`); its `detail`
/// is the one line the command prints.
public enum PolicyCheck {
    /// What a whole bundle holds.
    public struct Report: Sendable {
        public let policy: Policy
        public let clauses: Int
        public let parameters: Int
        public let testCasesPassed: Int

        /// The command's one line.
        public var summary: String {
            "\(policy.id): \(clauses) clauses, \(parameters) parameters, \(testCasesPassed) of \(policy.testCases.count) test cases passed"
        }
    }

    /// Checks a bundle's bytes; the error's path is inside the bundle (no file name).
    public static func check(json bytes: [UInt8]) throws(PolicyError) -> Report {
        do throws(JSONInputError) {
            let root = BundleNode(value: try JSONValue.parse(bytes), path: [])
            guard case .object = root.value else {
                throw JSONInputError(problem: "a policy bundle must be a JSON object, found \(root.value.kindName)")
            }
            try checkDates(root)
            let parameters = try root.field("parameters")
            for requirement in ParameterRequirement.all { try requirement.check(in: parameters) }
            let policy = try PolicyLoader(root: root.value).load()
            return try check(policy)
        } catch {
            throw PolicyError(file: nil, problem: error.problem, path: error.path)
        }
    }

    public static func check(json text: String) throws(PolicyError) -> Report { try check(json: Array(text.utf8)) }

    /// The checks on a loaded bundle: the values the pages and the scoring read, then
    /// the bundle's own test cases.
    static func check(_ policy: Policy) throws(JSONInputError) -> Report {
        do {
            _ = try ReviewYear(policy)
            _ = try DefenseRules(policy: policy)
            _ = try QuantitativeTable(policy: policy)
            _ = try CommitteeRules(policy: policy)
        } catch {
            throw JSONInputError(path: error.path, problem: error.problem)
        }
        let engine = EligibilityEngine(policy)
        for (i, testCase) in policy.testCases.enumerated() {
            if let problem = failure(of: testCase, engine: engine) {
                throw JSONInputError(path: [.key("testCases"), .index(i)], problem: problem)
            }
        }
        return Report(policy: policy, clauses: policy.clauses.count, parameters: policy.parameters.count,
                      testCasesPassed: policy.testCases.count)
    }

    /// Why a test case does not give its expected answer, or nil when it does.
    public static func failure(of testCase: PolicyTestCase, engine: EligibilityEngine) -> String? {
        let answer = engine.evaluate(testCase.profile)
        let name = "test case \"\(testCase.name)\""
        func list(_ s: Set<String>) -> String { s.isEmpty ? "none" : s.sorted().joined(separator: ", ") }
        if answer.verdict != testCase.verdict {
            let why = answer.findings.filter { $0.outcome != .pass }.map { "\($0.outcome.jsonName) \($0.clause) \($0.message)" }
            let detail = why.isEmpty ? "" : " (\(why.joined(separator: "; ")))"
            return "\(name) expected verdict \(testCase.verdict.jsonName), got \(answer.verdict.jsonName)\(detail)"
        }
        let failing = Set(answer.findings.filter { $0.outcome == .fail }.map(\.clause))
        if failing != testCase.failing {
            return "\(name) expected failing clauses \(list(testCase.failing)), got \(list(failing))"
        }
        let review = Set(answer.findings.filter { $0.outcome == .review }.map(\.clause))
        if review != testCase.review {
            return "\(name) expected review clauses \(list(testCase.review)), got \(list(review))"
        }
        if let route = testCase.route, answer.route.jsonName != route {
            return "\(name) expected route \(route), got \(answer.route.jsonName)"
        }
        switch testCase.earliestEligible {
        case .unchecked: break
        case .absent:
            if let d = answer.earliestEligible { return "\(name) expected no earliestEligible, got \(d.iso)" }
        case .date(let d):
            if answer.earliestEligible != d {
                return "\(name) expected earliestEligible \(d.iso), got \(answer.earliestEligible?.iso ?? "none")"
            }
        }
        return nil
    }

    /// The bundle's dates, by their JSON paths, in the order they are checked.
    public static let datePaths: [[String]] = [
        ["applicationDate"], ["referenceDate"], ["intake", "opens"], ["intake", "closes"],
        ["declaration", "opens"], ["declaration", "closes"],
    ]

    /// Real days (no 2022-02-30), and declaration opens ≤ closes, intake opens ≤
    /// closes ≤ referenceDate: the error names the later path of the pair.
    static func checkDates(_ root: BundleNode) throws(JSONInputError) {
        var dates: [String: LocalDate] = [:]
        for path in datePaths {
            var node = root
            for key in path { node = try node.field(key) }
            dates[path.joined(separator: ".")] = try node.date()
        }
        func ordered(_ early: String, _ late: String, at place: String, _ problem: String) throws(JSONInputError) {
            guard let a = dates[early], let b = dates[late], a > b else { return }
            let path = place.split(separator: ".").map { JSONPathComponent.key(String($0)) }
            throw JSONInputError(path: path, problem: problem.replacingOccurrences(of: "$a", with: a.iso).replacingOccurrences(of: "$b", with: b.iso))
        }
        try ordered("intake.opens", "intake.closes", at: "intake.closes", "$b is before intake.opens $a")
        try ordered("intake.closes", "referenceDate", at: "intake.closes", "$a is after referenceDate $b")
        try ordered("declaration.opens", "declaration.closes", at: "declaration.closes", "$b is before declaration.opens $a")
    }
}
