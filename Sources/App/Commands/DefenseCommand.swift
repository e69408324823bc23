import ArgumentParser
import Domain
import Foundation

/// `title-review defense grade [--policy changzhi-2022] FILE|-` (shared/contracts/scoring.md).
///
/// The command group for the defense (答辩); `grade` grades one panel from its raw
/// scores with the same Domain code the application's panel pages use.
public struct DefenseCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "defense",
        abstract: "Defense panels (答辩): grade a panel's raw scores.",
        subcommands: [DefenseGradeCommand.self]
    )

    public init() {}
}

/// Reads one panel's scores (`{"scores": [...], "quantitative": {...}}`) and prints the
/// defense scores, ranks, 3:6:1 grades, eliminations and review scores as JSON.
/// Invalid input or arguments: one line on stderr naming the place, nothing on stdout, exit 2.
public struct DefenseGradeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade one defense panel: defense scores, ranks, grades in the policy's ratio and review scores as JSON.",
        discussion: """
            FILE holds one JSON object: "scores", one entry per expert and applicant \
            ({"applicant", "expert", "materials", "onsite"}, each score 0-100 with at most one decimal), \
            and optionally "quantitative", a quantitative score per applicant. Use - to read standard input. \
            Weights and the grade ratio come from the policy. See the scoring contract.
            """)

    @Option(name: .long, help: ArgumentHelp("The policy bundle whose weights and grade ratio apply: a shipped id or a bundle file (checked as by `policy check`).", valueName: "ID|FILE"))
    public var policy = "changzhi-2022"

    @Argument(help: ArgumentHelp("The panel's scores, or - for standard input.", valueName: "FILE"))
    public var file: String

    public init() {}

    public func run() throws {
        let loaded = try CommandIO.policy(policy)
        let rules: DefenseRules
        do { rules = try DefenseRules(policy: loaded) } catch { try CommandIO.fail("--policy: \(error.detail)") }
        let input = [UInt8](try CommandIO.input(file))

        let output: [UInt8]
        do {
            output = try DefenseGradeCommandCore.run(input: input, rules: rules)
        } catch {
            try CommandIO.fail(error.description)
        }
        FileHandle.standardOutput.write(Data(output))
    }

}
