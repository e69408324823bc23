import ArgumentParser
import Domain
import Foundation

/// `title-review route [--policy changzhi-2022] FILE|-` (shared/contracts/workflow.md)
///
/// Reads one application's level and unit and prints the parties it passes after
/// the employer, from the policy bundle's route rules:
/// `{"route":["unit","countyIndustryBureau","cityHRFiling","committeeOffice"],"county":"140404"}`.
/// Invalid input or arguments: one line on stderr naming the field, nothing on
/// stdout, exit code 2. The rules themselves live in Domain (`Policy.route`).
public struct RouteCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Print the parties an application passes from the employer to the committee office, as JSON.",
        discussion: """
            FILE holds one object {"level": ..., "unit": {"cityDirect", "county", "ownership", \
            "hasCompetentDepartment", "personnelAgency"}}; use - to read standard input. \
            See the workflow contract for the fields and the routes.
            """)

    @Option(name: .long, help: ArgumentHelp("The policy bundle whose routes apply: a shipped id or a bundle file (checked as by `policy check`).", valueName: "ID|FILE"))
    public var policy = "changzhi-2022"

    @Argument(help: ArgumentHelp("The input file, or - for standard input.", valueName: "FILE"))
    public var file: String

    public init() {}

    public func run() throws {
        let loaded = try CommandIO.policy(policy)
        let input = try CommandIO.input(file)

        let level: TargetLevel, unit: RouteUnit
        do { (level, unit) = try RouteInput.decode([UInt8](input)) } catch { try CommandIO.fail(error.description) }
        let route: ApplicationRoute
        do { route = try loaded.route(level: level, unit: unit) } catch { try CommandIO.fail(error.description) }
        FileHandle.standardOutput.write(Data((route.json + "\n").utf8))
    }

}
