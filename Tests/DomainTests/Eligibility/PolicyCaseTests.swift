import Testing
@testable import Domain

/// The bundle's own test cases: every clause, route, exclusion, interpretation and
/// boundary date, as data beside the rules.
@Suite struct PolicyCaseTests {
    @Test(arguments: shippedPolicy.testCases)
    func bundleCase(_ c: PolicyTestCase) {
        let answer = shippedEngine.evaluate(c.profile)
        let failing = Set(answer.findings.filter { $0.outcome == .fail }.map(\.clause))
        let review = Set(answer.findings.filter { $0.outcome == .review }.map(\.clause))
        let messages = answer.findings.map { "\($0.outcome.jsonName) \($0.clause) \($0.message)" }.joined(separator: "\n")
        #expect(answer.verdict == c.verdict, "\(c)\n\(messages)")
        #expect(failing == c.failing, "\(c)\n\(messages)")
        #expect(review == c.review, "\(c)\n\(messages)")
        if let route = c.route { #expect(answer.route.jsonName == route, "\(c)") }
        switch c.earliestEligible {
        case .unchecked: break
        case .absent: #expect(answer.earliestEligible == nil, "\(c)\n\(messages)")
        case .date(let d): #expect(answer.earliestEligible == d, "\(c)\n\(messages)")
        }
    }

    @Test func atLeastEightyCases() {
        #expect(shippedPolicy.testCases.count >= 80)
    }

    /// Every clause the contract's rule table names is the subject of some case, and
    /// every interpretation shapes a finding in some case.
    @Test func casesCoverClausesAndInterpretations() {
        let table = ["2", "3.1.2", "3.1.3", "3.1.4", "3.1.5", "3.1.6", "3.1.7", "3.2.2", "3.2.3", "3.2.4",
                     "3.2.5", "3.2.6", "3.3.2", "3.3.3", "3.3.4", "3.4"]
        let cited = Set(shippedPolicy.testCases.map(\.clause))
        let failed = Set(shippedPolicy.testCases.flatMap { $0.failing.union($0.review) })
        for clause in table {
            #expect(cited.contains(clause), "no case is about clause \(clause)")
            #expect(failed.contains(clause), "no case fails or reviews clause \(clause)")
        }
        var seen = Set<String>()
        for c in shippedPolicy.testCases {
            for f in shippedEngine.evaluate(c.profile).findings where f.outcome != .pass {
                for i in f.interpretations { seen.insert(i.rawValue) }
            }
        }
        for i in InterpretationID.allCases { #expect(seen.contains(i.rawValue), "no failing case shows \(i.rawValue)") }
    }

    @Test func everyLevelAndTrackIsCovered() {
        let routes = Set(shippedPolicy.testCases.map { shippedEngine.evaluate($0.profile).route })
        for r in Route.allCases { #expect(routes.contains(r), "no case takes route \(r.jsonName)") }
    }
}
