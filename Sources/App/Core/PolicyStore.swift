import Foundation
import Domain
import Vapor

/// The year's policy bundle, loaded and validated once at start (a malformed
/// bundle stops the server with a message naming the place).
struct PolicyStore: Sendable {
    static let currentID = "changzhi-2022"

    let current: Policy
    let engine: EligibilityEngine
    /// The year's values the pages and messages show (fees, dates, copies, ratios).
    let year: ReviewYear

    static func load() throws -> PolicyStore {
        do {
            return try make(try Policy.load(id: currentID))
        } catch {
            throw PolicyLoadError(message: String(describing: error))
        }
    }

    /// A store for a loaded bundle; its yearly values are checked here, at start.
    static func make(_ policy: Policy) throws(PolicyError) -> PolicyStore {
        PolicyStore(current: policy, engine: EligibilityEngine(policy), year: try ReviewYear(policy))
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

    /// The store when `configure()` has loaded it (error pages may render before).
    var loadedPolicies: PolicyStore? { storage[PolicyKey.self] }
}

extension Request {
    var policies: PolicyStore { application.policies }
}

extension Application {
    private struct WorkingDaysKey: StorageKey { typealias Value = WorkingDaysBox }

    /// The official working-day calendar (State Council schedules) the publicities count
    /// on: the bundled years plus those the office added (`holiday_schedules`).
    var workingDays: WorkingDayCalendar {
        get {
            guard let box = storage[WorkingDaysKey.self] else { fatalError("configure() loads the calendar first") }
            return box.value
        }
        set {
            if let box = storage[WorkingDaysKey.self] { box.value = newValue } else { storage[WorkingDaysKey.self] = WorkingDaysBox(newValue) }
        }
    }
}

/// The calendar behind a lock: the office may add a year while requests read it.
final class WorkingDaysBox: @unchecked Sendable {
    private let lock = NSLock()
    private var calendar: WorkingDayCalendar
    init(_ calendar: WorkingDayCalendar) { self.calendar = calendar }
    var value: WorkingDayCalendar {
        get { lock.withLock { calendar } }
        set { lock.withLock { calendar = newValue } }
    }
}

extension Request {
    var workingDays: WorkingDayCalendar { application.workingDays }

    /// The year's publicity rules: the official calendar and the policy's minimum of working days.
    func publicityRules() throws -> UnitEvaluation.Rules {
        guard case .integer(let days)? = policies.current.parameter("publicityMinimumWorkingDays")?.value else {
            throw StoredValueError(field: "policy.publicityMinimumWorkingDays", value: "missing")
        }
        return UnitEvaluation.Rules(calendar: workingDays, minimumWorkingDays: days)
    }
}
