@testable import Domain

/// The 2022 rules from the shipped bundle (0.4 / 0.6, 3:6:1, 0.3).
let shippedRules: DefenseRules = {
    do { return try DefenseRules(policy: shippedPolicy) } catch { fatalError("scoring parameters do not load: \(error)") }
}()

/// A small deterministic generator so random panels repeat from run to run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One expert's entry from decimal literals in tenths: `entry("A1", "E1", 845, 780)` is 84.5 and 78.
func entry(_ applicant: String, _ expert: String, _ materials: Int, _ onsite: Int) -> DefenseScoreEntry {
    DefenseScoreEntry(applicant: applicant, expert: expert, materials: Tenths(materials), onsite: Tenths(onsite))
}

/// A panel in which each applicant gets one expert's identical materials and on-site
/// score, so the defense score is exactly that score: `panel([90, 85, 85])`.
func panel(_ wholeScores: [Int]) -> [DefenseScoreEntry] {
    wholeScores.enumerated().map { entry("A\($0.offset + 1)", "E1", $0.element * 10, $0.element * 10) }
}

/// The command core's output for a JSON text, or the error line.
func gradeCommand(_ json: String) -> String {
    do {
        let out = try DefenseGradeCommandCore.run(input: Array(json.utf8), rules: shippedRules)
        return String(decoding: out, as: UTF8.self)
    } catch { return "error: \(error.description)" }
}
