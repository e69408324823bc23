import Fluent
import FluentSQLiteDriver
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
import Domain

/// The demo password every test account gets (demo data loaded per test).
let demoPassword = "Demo#2022pass"

/// Runs `body` against a fresh application: an in-memory SQLite database, or,
/// when DATABASE_URL is set, a PostgreSQL schema of its own that is dropped
/// afterwards, so tests can run in parallel on one server.
func withTestApp(demo: Bool = true, configure adjust: (inout AppConfig) -> Void = { _ in },
                 _ body: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    app.logger.logLevel = .error
    let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
    var config: AppConfig
    if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty {
        config = AppConfig(store: .postgres(url: url, schema: schema))
    } else {
        config = AppConfig(store: .sqliteMemory)
    }
    config.filesPath = NSTemporaryDirectory() + "title-review-tests/" + schema
    config.bcryptCost = 4
    config.logRequests = false
    // Sweeps are tested by calling `SessionSweeper.sweep` (LimitsTests), never in the background.
    config.sweepsSessions = false
    config.connectionPoolTimeoutSeconds = 60
    config.demoPassword = demoPassword
    adjust(&config)
    do {
        try await configure(app, config: config, migrate: false)
        if case .postgres = config.store, let sql = app.db as? any SQLDatabase {
            try await sql.raw("CREATE SCHEMA IF NOT EXISTS \(unsafeRaw: schema)").run()
        }
        try await app.autoMigrate()
        // The one clock sits inside the year's declaration period (ten days before it
        // closes), as in the demo; tests that need another day set their own.
        app.clock = .fixed(LocalDate(dayNumber: app.policies.current.declaration.closes.dayNumber - 10).beijingMorning)
        if demo { try await DemoData.load(into: app, quiet: true, applications: false) }
        try await body(app)
    } catch {
        try await cleanUp(app, config: config, schema: schema)
        throw error
    }
    try await cleanUp(app, config: config, schema: schema)
}

private func cleanUp(_ app: Application, config: AppConfig, schema: String) async throws {
    if case .postgres = config.store, let sql = app.db as? any SQLDatabase {
        try? await sql.raw("DROP SCHEMA IF EXISTS \(unsafeRaw: schema) CASCADE").run()
    }
    try? FileManager.default.removeItem(atPath: config.filesPath)
    try await app.asyncShutdown()
}
