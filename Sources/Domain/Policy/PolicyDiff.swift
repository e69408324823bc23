/// What changes from one year's bundle to the next (`title-review policy diff`, the
/// office's comparison page): clauses added, removed or reworded; parameters
/// added, removed or given another value or unit; dates moved.
///
/// ```swift
/// let diff = PolicyDiff(old: policy2022, new: policy2023)
/// diff.dates          // [("applicationDate", 2022-08-25, 2023-08-25), ...]
/// diff.json           // {"old":"changzhi-2022","new":"changzhi-2023-example","clauses":{...},...}
/// ```
///
/// Names and ids are sorted as plain strings, so two runs print the same bytes.
/// A parameter's description is explanation, not rule: a reworded description
/// alone is not a change.
public struct PolicyDiff: Sendable {
    public struct ParameterChange: Sendable, Equatable {
        public let name: String
        public let old: Parameter
        public let new: Parameter
    }

    public struct DateChange: Sendable, Equatable {
        /// The date's JSON path: `referenceDate`, `intake.opens`.
        public let name: String
        public let old: LocalDate
        public let new: LocalDate
    }

    public let oldID: String
    public let newID: String
    public let clausesAdded: [String]
    public let clausesRemoved: [String]
    /// Clauses whose heading or text differ.
    public let clausesChanged: [String]
    public let parametersAdded: [String]
    public let parametersRemoved: [String]
    /// Parameters whose value or unit differ.
    public let parametersChanged: [ParameterChange]
    public let dates: [DateChange]

    public init(old: Policy, new: Policy) {
        oldID = old.id
        newID = new.id
        let oldClauses = Set(old.clauses.map(\.id)), newClauses = Set(new.clauses.map(\.id))
        clausesAdded = newClauses.subtracting(oldClauses).sorted()
        clausesRemoved = oldClauses.subtracting(newClauses).sorted()
        clausesChanged = oldClauses.intersection(newClauses).filter { id in
            let a = old.clause(id)!, b = new.clause(id)!
            return a.heading != b.heading || a.text != b.text
        }.sorted()

        let oldParameters = Set(old.parameters.map(\.id)), newParameters = Set(new.parameters.map(\.id))
        parametersAdded = newParameters.subtracting(oldParameters).sorted()
        parametersRemoved = oldParameters.subtracting(newParameters).sorted()
        parametersChanged = oldParameters.intersection(newParameters).sorted().compactMap { name in
            let a = old.parameter(name)!, b = new.parameter(name)!
            return a.value != b.value || a.unit != b.unit ? ParameterChange(name: name, old: a, new: b) : nil
        }

        func days(_ p: Policy) -> [LocalDate] {
            [p.applicationDate, p.referenceDate, p.intake.lowerBound, p.intake.upperBound, p.declaration.opens, p.declaration.closes]
        }
        let names = PolicyCheck.datePaths.map { $0.joined(separator: ".") }
        dates = zip(names, zip(days(old), days(new))).filter { $1.0 != $1.1 }
            .map { DateChange(name: $0, old: $1.0, new: $1.1) }.sorted { $0.name < $1.name }
    }

    /// True when the two bundles differ only in their ids and dates.
    public var onlyDatesChanged: Bool {
        clausesAdded.isEmpty && clausesRemoved.isEmpty && clausesChanged.isEmpty
            && parametersAdded.isEmpty && parametersRemoved.isEmpty && parametersChanged.isEmpty
    }

    /// The command's JSON: `{"old", "new", "clauses": {"added", "removed", "changed"},
    /// "parameters": {"added", "removed", "changed": [{"name", "old", "new"}]}, "dates":
    /// {"referenceDate": {"old", "new"}}}`. A parameter whose unit changed also carries
    /// `"oldUnit"` and `"newUnit"`; `dates` holds the dates that moved.
    public var jsonValue: JSONValue {
        func strings(_ s: [String]) -> JSONValue { .array(s.map { .string($0) }) }
        let changed: [JSONValue] = parametersChanged.map { c in
            var members: [(key: String, value: JSONValue)] = [
                ("name", .string(c.name)), ("old", c.old.value.jsonValue), ("new", c.new.value.jsonValue),
            ]
            if c.old.unit != c.new.unit { members += [("oldUnit", .string(c.old.unit)), ("newUnit", .string(c.new.unit))] }
            return .object(members)
        }
        return .object([
            ("old", .string(oldID)), ("new", .string(newID)),
            ("clauses", .object([("added", strings(clausesAdded)), ("removed", strings(clausesRemoved)),
                                 ("changed", strings(clausesChanged))])),
            ("parameters", .object([("added", strings(parametersAdded)), ("removed", strings(parametersRemoved)),
                                    ("changed", .array(changed))])),
            ("dates", .object(dates.map { ($0.name, .object([("old", .string($0.old.iso)), ("new", .string($0.new.iso))])) })),
        ])
    }

    /// Compact JSON text, as the command prints it (without the newline).
    public var json: String { String(decoding: jsonValue.serialized, as: UTF8.self) }
}

extension ParameterValue {
    /// The value as the bundle writes it.
    public var jsonValue: JSONValue {
        switch self {
        case .integer(let n): .number(Double(n))
        case .decimal(let d): .number(d)
        case .text(let s): .string(s)
        case .flag(let b): .bool(b)
        case .list(let items): .array(items.map(\.jsonValue))
        }
    }

    /// The value in one line for a page: `4`, `0.25`, `associate`, `[2, 15]`.
    public var text: String {
        switch self {
        case .list(let items): "[" + items.map(\.text).joined(separator: ", ") + "]"
        case .text(let s): s
        default: String(decoding: jsonValue.serialized, as: UTF8.self)
        }
    }
}
