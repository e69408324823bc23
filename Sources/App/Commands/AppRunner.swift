import Foundation
import Logging
import Vapor

/// Builds the Vapor application the server commands share.
enum AppRunner {
    static func makeApp(arguments: [String], migrate: Bool = true) async throws -> Application {
        var env = try Environment.detect(arguments: arguments)
        try LoggingSystem.bootstrap(from: &env)
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
