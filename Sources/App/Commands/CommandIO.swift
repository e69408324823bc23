import ArgumentParser
import Domain
import Foundation

/// The command-line contract (shared/contracts/cli.md) in one place: invalid
/// arguments or input exit 2 with one line on stderr naming the place and the
/// problem, and nothing on stdout.
enum CommandIO {
    /// One line on stderr, exit code 2.
    static func fail(_ message: String) throws -> Never {
        // Quotes of the input are cut to ErrorLine.quoteLimit characters: a pasted 10 MB value stays one short line.
        let line = ErrorLine.bounded(message.replacingOccurrences(of: "\n", with: " ")) + "\n"
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

    /// `--policy ID|FILE`: a shipped bundle by its id, or a bundle file, checked as by
    /// `policy check` before use (a file that is not whole is refused, never half-used).
    /// Failures are the contract's one line naming `--policy`.
    static func policy(_ idOrFile: String) throws -> Policy {
        if Policy.availableIDs.contains(idOrFile) {
            do { return try Policy.load(id: idOrFile) } catch { try fail("--policy: \(error.detail)") }
        }
        guard FileManager.default.fileExists(atPath: idOrFile) else {
            let known = Policy.availableIDs.joined(separator: ", ")
            try fail("--policy: unknown policy \"\(idOrFile)\" (available: \(known)), and no bundle file at that path")
        }
        guard let data = FileManager.default.contents(atPath: idOrFile) else {
            try fail("--policy: cannot read \"\(idOrFile)\"")
        }
        do { return try PolicyCheck.check(json: [UInt8](data)).policy } catch {
            try fail("--policy: \(idOrFile): \(error.detail)")
        }
    }

    /// A bundle's bytes for `policy check` / `policy diff`: a file, `-` for standard
    /// input, or (when no such file exists) a shipped id. `argument` names the
    /// argument in the failure line (`FILE`, `OLD`, `NEW`).
    static func bundleBytes(_ path: String, argument: String) throws -> [UInt8] {
        if path == "-" { return [UInt8](EligibilityCommand.readStandardInput()) }
        if let data = FileManager.default.contents(atPath: path) { return [UInt8](data) }
        if !FileManager.default.fileExists(atPath: path), Policy.availableIDs.contains(path),
           let bytes = try? Policy.bundleBytes(id: path) {
            return bytes
        }
        try fail("\(argument): cannot read \"\(path)\"")
    }
}
