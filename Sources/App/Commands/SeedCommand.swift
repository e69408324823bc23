import ArgumentParser
import Domain
import Foundation
import Vapor

/// `title-review seed --applications N [--year 2022]`: a realistic year in an empty
/// database, for load tests and benchmarks (issue 12). Every seeded account's
/// password is --password (or a generated one, printed).
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Fill the database with a realistic year of organizations, applicants, declarations, history, the committee stage to certificates, and audit trail.")

    @ArgumentParser.Option(help: "How many applications (a city: about 3000; a province: about 100000).") var applications: Int
    @ArgumentParser.Option(help: "The review year; it must be the policy bundle's.") var year: Int?
    @ArgumentParser.Option(help: "Password of every seeded account (default: generated and printed).") var password: String?
    @ArgumentParser.Option(help: "Random seed: the same seed gives the same data.") var seed: UInt64 = 2022

    static let maximum = 900_000

    func validate() throws {
        guard (1...Self.maximum).contains(applications) else {
            throw ValidationError("--applications: must be between 1 and \(Self.maximum)")
        }
        if let password, password.count < 8 { throw ValidationError("--password: must be at least 8 characters") }
    }

    func run() async throws {
        let app = try await AppRunner.makeApp(arguments: ["title-review"])
        do {
            let policy = app.policies.current
            if let year, year != policy.applicationDate.year {
                throw SeedFailure("--year: \(year) has no policy bundle (the bundle is \(policy.id), year \(policy.applicationDate.year))")
            }
            let password = self.password ?? DemoData.generatePassword()
            let cost = app.config.bcryptCost
            let hash = try await app.threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
            let summary: Seeder.Summary
            do {
                summary = try await Seeder.run(on: app.db, applications: applications, policy: policy, calendar: app.workingDays,
                                               passwordHash: hash, seed: seed) { line in
                    FileHandle.standardError.write(Data(("seed: " + line + "\n").utf8))
                }
            } catch let error as Seeder.SeedError {
                throw SeedFailure(error.description)
            }
            print(Self.report(summary, password: password, generated: self.password == nil))
        } catch let failure as SeedFailure {
            try? await app.asyncShutdown()
            FileHandle.standardError.write(Data((failure.message + "\n").utf8))
            throw ExitCode(2)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    struct SeedFailure: Error { var message: String; init(_ m: String) { message = m } }

    static func report(_ s: Seeder.Summary, password: String, generated: Bool) -> String {
        var lines = [
            "seeded \(s.applications) applications in \(String(format: "%.1f", s.seconds)) s",
            "  organizations \(s.organizations), accounts \(s.accounts), declaration items \(s.items), file records \(s.files) (seeded, no file on disk)",
            "  workflow events \(s.events), audit records \(s.auditRecords)" + (s.unroutableUnits > 0 ? ", units without a route skipped \(s.unroutableUnits)" : ""),
            "  committee stage: experts \(s.experts), panels \(s.panels), meetings \(s.meetings), result publicities \(s.publicities), "
                + "certificates \(s.certificates) (" + s.certificatesByLevel.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                + "), revoked \(s.revoked)",
            "  by level: " + s.byLevel.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "),
            "  by state: " + s.byState.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "),
            "accounts (password \(password)\(generated ? ", generated" : "")): seed-admin, seed-office, seed-cityhr, seed-dept-1..8,",
            "  seed-county-<code>, seed-countyhr-<code>, seed-agency-<code>, seed-unit-00001.., applicants seed-a000001..,",
            "  experts seed-expert-001..",
        ]
        lines.append("")
        return lines.joined(separator: "\n")
    }
}
