import Foundation
import Logging
import Vapor

/// Builds the Vapor application the server commands share.
enum AppRunner {
    static func makeApp(arguments: [String], migrate: Bool = true) async throws -> Application {
        var env = try Environment.detect(arguments: arguments)
        if ProcessInfo.processInfo.environment["LOG_FORMAT"] == "json" {
            // One JSON object per line (issue 12 item 6); LOG_LEVEL still applies.
            let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
        } else {
            try LoggingSystem.bootstrap(from: &env)
        }
        let app = try await Application.make(env)
        do {
            try await configure(app, config: AppConfig.fromEnvironment(), migrate: migrate)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        return app
    }
}
