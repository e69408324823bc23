/// The routes of one year's notice, as the bundle's `routes` and `routeSteps`
/// sections state them: which parties an application passes for each kind of unit
/// and level, what each party does, and the readings (W1–W4) the product takes
/// where the notice is silent. Loaded and checked by `RoutesLoader`.
public struct RouteTable: Sendable {
    /// The rules in the bundle's order; for every unit exactly one matches.
    public let rules: [RouteRule]
    /// What each step's party does (every `RouteStep` has an entry).
    public let steps: [RouteStep: RouteStepInfo]
    /// W1–W4, the texts pages show beside a route.
    public let readings: [RouteReading]

    public init(rules: [RouteRule], steps: [RouteStep: RouteStepInfo], readings: [RouteReading]) {
        self.rules = rules
        self.steps = steps
        self.readings = readings
    }

    /// The rule for a unit: the first whose condition it meets.
    public func rule(for unit: RouteUnit) -> RouteRule? { rules.first { $0.condition.matches(unit) } }

    public func reading(_ id: String) -> RouteReading? { readings.first { $0.id == id } }
}

/// One route rule: for units meeting `condition`, the steps per level.
public struct RouteRule: Sendable, Equatable {
    /// `R1`, `R2`, `R3`.
    public let id: String
    /// 市直单位（有主管部门） ...
    public let title: String
    /// The clauses the route rests on (`4.3`, `6.1`, ...).
    public let clauses: [String]
    public let condition: RouteCondition
    /// The steps at each level, some only for some units (the personnel agency).
    public let steps: [TargetLevel: [RouteRule.Entry]]
    /// The readings (`W1` ...) this rule applies.
    public let readings: [String]

    /// A step of a rule, taken only when the unit meets `condition` (nil: always).
    public struct Entry: Sendable, Equatable {
        public let step: RouteStep
        public let condition: RouteCondition?

        public init(step: RouteStep, condition: RouteCondition? = nil) {
            self.step = step
            self.condition = condition
        }
    }

    public init(id: String, title: String, clauses: [String], condition: RouteCondition,
                steps: [TargetLevel: [RouteRule.Entry]], readings: [String]) {
        self.id = id; self.title = title; self.clauses = clauses
        self.condition = condition; self.steps = steps; self.readings = readings
    }

    /// The steps this unit passes at this level.
    public func steps(level: TargetLevel, unit: RouteUnit) -> [RouteStep] {
        (steps[level] ?? []).filter { $0.condition?.matches(unit) ?? true }.map(\.step)
    }
}

/// A condition on the unit: any of `alternatives` holds, each requiring all the
/// facts it names (a fact it leaves out may be anything).
public struct RouteCondition: Sendable, Equatable {
    public struct Facts: Sendable, Equatable {
        public var ownership: UnitOwnership?
        public var cityDirect: Bool?
        public var hasCompetentDepartment: Bool?
        public var personnelAgency: Bool?

        public init(ownership: UnitOwnership? = nil, cityDirect: Bool? = nil, hasCompetentDepartment: Bool? = nil,
                    personnelAgency: Bool? = nil) {
            self.ownership = ownership; self.cityDirect = cityDirect
            self.hasCompetentDepartment = hasCompetentDepartment; self.personnelAgency = personnelAgency
        }

        public func matches(_ unit: RouteUnit) -> Bool {
            (ownership.map { $0 == unit.ownership } ?? true)
                && (cityDirect.map { $0 == unit.cityDirect } ?? true)
                && (hasCompetentDepartment.map { $0 == unit.hasCompetentDepartment } ?? true)
                && (personnelAgency.map { $0 == unit.personnelAgency } ?? true)
        }
    }

    public let alternatives: [Facts]

    public init(anyOf alternatives: [Facts]) { self.alternatives = alternatives }

    public func matches(_ unit: RouteUnit) -> Bool { alternatives.contains { $0.matches(unit) } }
}

/// What one step's party does, from the bundle's `routeSteps`.
public struct RouteStepInfo: Sendable, Equatable {
    /// Where the acting body sits: it decides whether a route needs the unit's county.
    public enum Scope: String, Sendable, CaseIterable {
        /// The employer itself.
        case unit
        /// The agency holding the personnel file.
        case agency
        /// A body of the unit's county or district: the route needs the county.
        case county
        /// A body of the city.
        case city
    }

    public let step: RouteStep
    /// 县（区）工业和信息化局.
    public let party: String
    /// 审核并填写评审材料汇总表.
    public let duty: String
    /// The clauses the step rests on, the main one first.
    public let clauses: [String]
    public let scope: Scope

    public init(step: RouteStep, party: String, duty: String, clauses: [String], scope: Scope) {
        self.step = step; self.party = party; self.duty = duty; self.clauses = clauses; self.scope = scope
    }
}

/// A reading the product takes where the notice names no route (W1–W4).
public struct RouteReading: Sendable, Equatable {
    public let id: String
    public let title: String
    public let clauses: [String]
    /// Shown to users beside a route it shaped.
    public let text: String

    public init(id: String, title: String, clauses: [String], text: String) {
        self.id = id; self.title = title; self.clauses = clauses; self.text = text
    }
}
