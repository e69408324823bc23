import ArgumentParser
import Domain
import Foundation

/// `title-review policy check FILE` and `title-review policy diff OLD NEW`
/// (shared/contracts/cli.md, "Policy bundles"): a new year's bundle is checked and
/// compared before anyone runs a review on it. The checks and the comparison live in
/// Domain (`PolicyCheck`, `PolicyDiff`) so the office's page gives the same answers.
public struct PolicyCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Check a year's policy bundle, or compare two bundles.",
        discussion: "The bundle's format is described in docs/policy-bundle.md.",
        subcommands: [Check.self, Diff.self])

    public init() {}

    public struct Check: ParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check that a bundle is whole; print one summary line (exit 0) or the first problem (exit 2).",
            discussion: """
                Whole means: every parameter a rule reads is present with the right type and unit, \
                every clause a rule, parameter, interpretation, route or test case cites exists, the \
                dates are real and ordered (declaration opens <= closes; intake opens <= closes <= \
                referenceDate), and every one of the bundle's own testCases gives its expected answer. \
                FILE may be - for standard input, or a shipped bundle's id.
                """)

        @Argument(help: ArgumentHelp("The bundle file (JSON).", valueName: "FILE"))
        public var file: String

        public init() {}

        public func run() throws {
            let bytes = try CommandIO.bundleBytes(file, argument: "FILE")
            let report: PolicyCheck.Report
            do { report = try PolicyCheck.check(json: bytes) } catch { try CommandIO.fail(error.detail) }
            FileHandle.standardOutput.write(Data((report.summary + "\n").utf8))
        }
    }

    public struct Diff: ParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "Print, as JSON, the clauses, parameters and dates that differ between two bundles.",
            discussion: """
                Output: {"old": id, "new": id, "clauses": {"added", "removed", "changed"}, \
                "parameters": {"added", "removed", "changed": [{"name", "old", "new"}]}, \
                "dates": {"<path>": {"old", "new"}}}, names and ids sorted; dates lists the dates that \
                moved. Both bundles must pass `policy check`. OLD and NEW are files or shipped ids.
                """)

        @Argument(help: ArgumentHelp("The earlier bundle.", valueName: "OLD"))
        public var old: String

        @Argument(help: ArgumentHelp("The later bundle.", valueName: "NEW"))
        public var new: String

        public init() {}

        public func run() throws {
            let oldPolicy = try Self.checked(old, argument: "OLD")
            let newPolicy = try Self.checked(new, argument: "NEW")
            let diff = PolicyDiff(old: oldPolicy, new: newPolicy)
            FileHandle.standardOutput.write(Data((diff.json + "\n").utf8))
        }

        static func checked(_ path: String, argument: String) throws -> Policy {
            let bytes = try CommandIO.bundleBytes(path, argument: argument)
            do { return try PolicyCheck.check(json: bytes).policy } catch { try CommandIO.fail("\(argument): \(error.detail)") }
        }
    }
}
