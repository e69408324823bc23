import ArgumentParser
import Foundation

/// `title-review`: the server and the batch tools (shared/contracts/cli.md).
public struct TitleReviewCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "title-review",
        abstract: "长治市工程系列中、初级职称评审系统 (the professional-title review system).",
        subcommands: [ServeCommand.self, MigrateCommand.self, AuditCommand.self, EligibilityCommand.self, DefenseCommand.self, RouteCommand.self, PolicyCommand.self, CalendarCommand.self, SimilarityCommand.self, SeedCommand.self, BackupCommand.self, RestoreCommand.self, ConsistencyCommand.self]
    )

    public init() {}

    /// Runs the command line with the contract's exit codes: invalid arguments
    /// exit 2 with one line on stderr (ArgumentParser's own default is 64).
    public static func start(_ arguments: [String]? = nil) async -> Never {
        do {
            // Long date lists skip ArgumentParser, which is quadratic in repeated arguments (issue 18).
            var command = try CalendarCommand.parseDirectly(arguments) ?? parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
