import Foundation
import Testing
@testable import Domain

/// The shipped policy, loaded once for all tests.
let shippedPolicy: Policy = {
    do { return try Policy.load(id: "changzhi-2022") } catch { fatalError("policy bundle does not load: \(error)") }
}()
let shippedEngine = EligibilityEngine(shippedPolicy)

/// The shipped bundle as a JSON tree, for tests that build profiles from its bases
/// or load deliberately broken copies of it.
let bundleJSON: JSONValue = {
    do { return try JSONValue.parse(Policy.bundleBytes(id: "changzhi-2022")) } catch { fatalError("\(error)") }
}()

func day(_ s: String) -> LocalDate { LocalDate(iso: s)! }

/// One of the bundle's test bases with a JSON merge patch applied.
func baseProfile(_ base: String, _ patch: String = "{}") throws -> Profile {
    var value = bundleJSON["testBases"]?[base] ?? .object([])
    value = value.merged(with: try JSONValue.parse(Array(patch.utf8)))
    return try ProfileJSON.decode(value.serialized)
}

/// The findings of one rule in an answer.
func ruleFindings(_ answer: EligibilityAnswer, _ rule: EligibilityRule) -> [Finding] {
    answer.findings.filter { $0.rule == rule }
}

/// The shipped policy with another reference date (durations are measured to it),
/// cached: the metOn properties ask for the same few dates many times.
nonisolated(unsafe) private var enginesByReferenceDate: [LocalDate: EligibilityEngine] = [:]
private let enginesLock = NSLock()
func engine(referenceDate d: LocalDate) throws -> EligibilityEngine {
    enginesLock.lock(); defer { enginesLock.unlock() }
    if let e = enginesByReferenceDate[d] { return e }
    let v = bundleJSON.merged(with: .object([("referenceDate", .string(d.iso))]))
    let e = EligibilityEngine(try Policy.load(json: v.serialized))
    enginesByReferenceDate[d] = e
    return e
}

/// The tenure finding of one route (an engineer's route held fixed; the other levels
/// have one route for a profile).
func tenure(_ e: EligibilityEngine, _ p: Profile, _ route: Route) -> Finding? {
    if p.targetLevel == .engineer && p.track == .regular { return e.engineerRoute(route, p).tenure }
    return e.evaluate(p).findings.first { $0.rule == .tenure }
}
