import ArgumentParser
import Domain
import Foundation

/// `title-review eligibility [--jsonl] [--policy ID|FILE] FILE|-`
///
/// Reads profiles (contract JSON: one object, an array, or one object per line with
/// `--jsonl`), checks them against the policy and writes the answers to stdout.
/// Exits 0 whatever the verdicts. Invalid input or arguments: one line on stderr
/// naming the place and the problem, nothing on stdout, exit code 2. No server.
public struct EligibilityCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "eligibility",
        abstract: "Check applicant profiles against a year's policy and print the answers as JSON.",
        discussion: """
            FILE holds one profile object or an array of them (answers: an object or an array), \
            or with --jsonl one profile per line (answers: one per line, in the same order). \
            Use - to read standard input. See the eligibility contract for the fields.
            """)

    @Flag(name: .long, help: "Read one profile per line and write one answer per line.")
    public var jsonl = false

    @Option(name: .long, help: ArgumentHelp("The policy bundle to check against: a shipped id or a bundle file (checked as by `policy check`).", valueName: "ID|FILE"))
    public var policy = "changzhi-2022"

    @Argument(help: ArgumentHelp("The profiles file, or - for standard input.", valueName: "FILE"))
    public var file: String

    public init() {}

    public func run() throws {
        let loaded = try CommandIO.policy(policy)
        // Mapped, not copied: the batch reads the file's pages in place.
        let input = try CommandIO.input(file, mapped: true)

        let chunks: [[UInt8]]
        do {
            chunks = try EligibilityBatch.runChunks(input, format: jsonl ? .jsonLines : .document,
                                                    engine: EligibilityEngine(loaded))
        } catch {
            try CommandIO.fail(error.description)
        }
        // Everything is computed before the first byte goes out: on failure nothing is written.
        let out = FileHandle.standardOutput
        for chunk in chunks where !chunk.isEmpty {
            chunk.withUnsafeBytes { raw in
                out.write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: raw.baseAddress!), count: raw.count, deallocator: .none))
            }
        }
    }

    /// All of standard input, read in large blocks into one growing buffer
    /// (`readDataToEndOfFile` grows a `Data` by pipe-sized pieces, which is slow for
    /// a hundred megabytes).
    static func readStandardInput() -> Data {
        var capacity = 1 << 20, count = 0
        var info = stat()
        if fstat(0, &info) == 0 && info.st_size > 0 { capacity = max(capacity, Int(info.st_size) + (1 << 16) + 1) }
        var buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        while true {
            if capacity - count < 1 << 16 {
                let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
                bigger.copyMemory(from: buffer, byteCount: count)
                buffer.deallocate()
                buffer = bigger
                capacity *= 2
            }
            let n = read(0, buffer + count, capacity - count)
            if n > 0 { count += n } else if n < 0 && errno == EINTR { continue } else { break }
        }
        return Data(bytesNoCopy: buffer, count: count, deallocator: .custom { p, _ in p.deallocate() })
    }

}
