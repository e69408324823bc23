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

/// The years the application answers from (issue 19): the shipped bundle and the
/// bundles the committee office activated (`policy_bundles.active_year`), one per
/// review year. Which one is "the year in use" depends on the day: a new year opens
/// on its own declaration dates, so until its declaration opens the year before
/// stays in use. An application is always answered by the bundle it was declared
/// under (`applications.policy_id`), whatever year is in use.
final class PolicyRegistry: @unchecked Sendable {
    private let lock = NSLock()
    /// Sorted by review year, one per year.
    private var stores: [PolicyStore]

    init(_ base: PolicyStore) { stores = [base] }

    /// Every known year's store, earliest first.
    var all: [PolicyStore] { lock.withLock { stores } }
    /// The earliest year (the shipped one): the demo's year.
    var earliest: PolicyStore { lock.withLock { stores[0] } }
    /// The latest year known, open or not yet.
    var latest: PolicyStore { lock.withLock { stores[stores.count - 1] } }

    func store(id: String) -> PolicyStore? { lock.withLock { stores.first { $0.current.id == id } } }
    func store(year: Int) -> PolicyStore? { lock.withLock { stores.first { $0.year.year == year } } }

    /// The year in use on `day`: the latest year whose declaration has opened by
    /// then; before the first one opens, the earliest.
    func current(on day: LocalDate) -> PolicyStore {
        lock.withLock { stores.last { $0.current.declaration.opens <= day } ?? stores[0] }
    }

    /// Adds an activated year. The caller has checked that no bundle holds that year;
    /// a store for a year already known is refused, never swapped in.
    @discardableResult
    func add(_ store: PolicyStore) -> Bool {
        lock.withLock {
            guard !stores.contains(where: { $0.year.year == store.year.year || $0.current.id == store.current.id }) else { return false }
            stores.append(store)
            stores.sort { $0.year.year < $1.year.year }
            return true
        }
    }
}

extension Application {
    private struct PolicyKey: StorageKey { typealias Value = PolicyRegistry }

    var policyRegistry: PolicyRegistry {
        guard let registry = storage[PolicyKey.self] else { fatalError("configure() loads the policy first") }
        return registry
    }

    /// The year in use by the application's clock. Setting it starts a registry with
    /// that one bundle (start-up; tests that try a changed bundle).
    var policies: PolicyStore {
        get { policyRegistry.current(on: clock.today) }
        set { storage[PolicyKey.self] = PolicyRegistry(newValue) }
    }

    /// The store when `configure()` has loaded it (error pages may render before).
    var loadedPolicies: PolicyStore? { storage[PolicyKey.self]?.current(on: clock.today) }
}

extension Request {
    /// The year in use today: what new declarations, the year's lists and the pages' yearly values read.
    var policies: PolicyStore { application.policyRegistry.current(on: today) }

    /// The bundle an application was declared under: its verdicts never move with the year in use.
    func policies(for record: ApplicationRecord) throws -> PolicyStore {
        guard let store = application.policyRegistry.store(id: record.policyID) else {
            throw StoredValueError(field: "applications.policy_id", value: record.policyID)
        }
        return store
    }
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
