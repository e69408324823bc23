import ArgumentParser
import Domain
import Foundation

/// The command-line contract (shared/contracts/cli.md) in one place: invalid
/// arguments or input exit 2 with one line on stderr naming the place and the
/// problem, and nothing on stdout.
enum CommandIO {
    /// One line on stderr, exit code 2.
    static func fail(_ message: String) throws -> Never {
        let line = message.replacingOccurrences(of: "\n", with: " ") + "\n"
        FileHandle.standardError.write(Data(line.utf8))
        throw ExitCode(2)
    }

    /// FILE, or `-` for standard input, read whole.
    static func input(_ file: String, mapped: Bool = false) throws -> Data {
        if file == "-" { return EligibilityCommand.readStandardInput() }
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: file), options: mapped ? .alwaysMapped : []) else {
            try fail("FILE: cannot read \"\(file)\"")
        }
        return data
    }

    /// A shipped policy bundle, or the contract's failure naming `--policy`.
    static func policy(_ id: String) throws -> Policy {
        do { return try Policy.load(id: id) } catch { try fail("--policy: \(error.detail)") }
    }
}
