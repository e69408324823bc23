import ArgumentParser
import Foundation
import Vapor

/// `title-review consistency`: checks the database against the dossier files and
/// itself (`ConsistencyCheck`); exit 0 when consistent, 1 with one line per
/// problem otherwise. Safe beside a running server (it only reads).
struct ConsistencyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consistency",
        abstract: "Check that file records and files, application states, workflow events and audit records agree; exit 1 and list the problems if not.")

    @ArgumentParser.Flag(help: "Also compare every file's SHA-256 with its record (reads every byte).") var sha256 = false

    /// Lines printed before the rest are only counted.
    static let maxLines = 50

    func run() async throws {
        let app = try await AppRunner.makeApp(arguments: ["title-review"])
        let report: ConsistencyCheck.Report
        do {
            report = try await ConsistencyCheck.run(on: app.db, filesPath: app.config.filesPath,
                                                    filesAtRest: Self.filesAtRest(app.config.store), digests: sha256)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        print(Self.render(report).joined(separator: "\n"))
        if !report.isConsistent { throw ExitCode(1) }
    }

    /// No server can be writing: SQLite whose single-instance lock is free.
    static func filesAtRest(_ store: AppConfig.Store) -> Bool {
        guard case .sqliteFile(let path) = store else { return false }
        return !SingleInstanceLock.isHeld(SingleInstanceLock.path(forDatabase: path))
    }

    /// The output: the problems (at most `maxLines`, then how many more), the notes, the summary.
    static func render(_ report: ConsistencyCheck.Report) -> [String] {
        var lines = report.problems.prefix(maxLines).map(\.text)
        if report.problems.count > maxLines { lines.append("… and \(report.problems.count - maxLines) more problems") }
        lines += report.notes.map { "note: " + $0 }
        lines.append(report.isConsistent ? "consistent: \(report.summary)"
                                         : "inconsistent: \(report.problems.count) problems in \(report.summary)")
        return lines
    }
}
