import ArgumentParser
import Foundation
import Vapor

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit-log tools.",
        subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check the audit log's hash chain; exit 1 and name the first broken record if it is broken.")

        func run() async throws {
            let app = try await AppRunner.makeApp(arguments: ["title-review"])
            let result: AuditLog.VerifyResult
            do {
                result = try await AuditLog.verify(on: app.db)
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
            switch result {
            case .intact(let count):
                print("audit chain intact: \(count) records")
            case .broken(let seq, let reason):
                print("audit chain broken at record \(seq): \(reason)")
                throw ExitCode(1)
            }
        }
    }
}
