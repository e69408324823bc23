import Domain
import Vapor

/// The year's policy bundle, loaded and validated once at start (a malformed
/// bundle stops the server with a message naming the place).
struct PolicyStore: Sendable {
    static let currentID = "changzhi-2022"

    let current: Policy
    let engine: EligibilityEngine

    static func load() throws -> PolicyStore {
        do {
            let policy = try Policy.load(id: currentID)
            return PolicyStore(current: policy, engine: EligibilityEngine(policy))
        } catch {
            throw PolicyLoadError(message: String(describing: error))
        }
    }

    struct PolicyLoadError: Error, CustomStringConvertible {
        let message: String
        var description: String { "policy bundle \(PolicyStore.currentID) failed to load: \(message)" }
    }
}

extension Application {
    private struct PolicyKey: StorageKey { typealias Value = PolicyStore }

    var policies: PolicyStore {
        get {
            guard let store = storage[PolicyKey.self] else { fatalError("configure() loads the policy first") }
            return store
        }
        set { storage[PolicyKey.self] = newValue }
    }
}

extension Request {
    var policies: PolicyStore { application.policies }
}
