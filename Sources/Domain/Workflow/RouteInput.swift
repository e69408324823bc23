/// Reads the input of `title-review route` (`shared/contracts/workflow.md`):
///
/// ```json
/// {"level": "engineer",
///  "unit": {"cityDirect": false, "county": "140404", "ownership": "public",
///           "hasCompetentDepartment": true, "personnelAgency": false}}
/// ```
///
/// Errors name the field: `level: unknown value "senior" (expected one of: ...)`,
/// `unit.cityDirect: missing required field`, `unit.ownership: expected string,
/// found number`. Unknown extra fields are ignored and `null` counts as absent, as in
/// the eligibility contract.
///
/// Required: `level`, `unit`, `unit.cityDirect`, `unit.ownership`,
/// `unit.hasCompetentDepartment`; `unit.personnelAgency` for a non-public unit only
/// (a public unit's staff never pass through the agency, so it defaults to false).
/// `unit.county` must be a string when given; whether the route needs it, and
/// whether it is one of Changzhi's counties, is `Policy.route`'s check, because only
/// the route knows whether a county body acts.
public enum RouteInput {
    public static func decode(_ bytes: [UInt8]) throws(JSONInputError) -> (TargetLevel, RouteUnit) {
        let root = try JSONValue.parse(bytes)
        let level = try field(root, "level", path: []) { (v) throws(JSONInputError) in try levelValue(v) }
        let unitPath: [JSONPathComponent] = [.field("unit")]
        guard let unitValue = try optional(root, "unit", path: []) else { throw missing(unitPath) }
        guard case .object = unitValue else { throw typeError(unitValue, "object", path: unitPath) }

        let cityDirect = try field(unitValue, "cityDirect", path: unitPath) { (v) throws(JSONInputError) in try bool(v) }
        var county: String?
        if let v = try optional(unitValue, "county", path: unitPath) {
            guard case .string(let s) = v else { throw typeError(v, "string", path: unitPath + [.field("county")]) }
            county = s
        }
        let ownership = try field(unitValue, "ownership", path: unitPath) { (v) throws(JSONInputError) in
            try enumValue(v, UnitOwnership.self)
        }
        let hasDepartment = try field(unitValue, "hasCompetentDepartment", path: unitPath) { (v) throws(JSONInputError) in
            try bool(v)
        }
        // Required where it decides a step (non-public units); for public units it is
        // ignored, but a value of the wrong type is still bad input.
        var agency = false
        if let v = try optional(unitValue, "personnelAgency", path: unitPath) {
            guard case .bool(let b) = v else { throw typeError(v, "boolean", path: unitPath + [.field("personnelAgency")]) }
            agency = b
        } else if ownership == .nonPublic {
            throw missing(unitPath + [.field("personnelAgency")])
        }
        return (level, RouteUnit(cityDirect: cityDirect, county: county, ownership: ownership,
                                 hasCompetentDepartment: hasDepartment, personnelAgency: agency))
    }

    public static func decode(_ text: String) throws(JSONInputError) -> (TargetLevel, RouteUnit) {
        try decode(Array(text.utf8))
    }

    // MARK: helpers

    /// A member of an object, nil when absent or null.
    private static func optional(_ object: JSONValue, _ key: StaticString,
                                 path: [JSONPathComponent]) throws(JSONInputError) -> JSONValue? {
        guard case .object(let members) = object else { throw typeError(object, "object", path: path) }
        guard let m = members.first(where: { $0.key == key.description }), m.value != .null else { return nil }
        return m.value
    }

    /// A required member, read by `read`; errors gain the member's path.
    private static func field<T>(_ object: JSONValue, _ key: StaticString, path: [JSONPathComponent],
                                 _ read: (JSONValue) throws(JSONInputError) -> T) throws(JSONInputError) -> T {
        let here = path + [.field(key)]
        guard let v = try optional(object, key, path: path) else { throw missing(here) }
        do { return try read(v) } catch { throw JSONInputError(path: here + error.path, problem: error.problem) }
    }

    private static func missing(_ path: [JSONPathComponent]) -> JSONInputError {
        JSONInputError(path: path, problem: "missing required field")
    }

    private static func typeError(_ v: JSONValue, _ expected: String, path: [JSONPathComponent] = []) -> JSONInputError {
        JSONInputError(path: path, problem: "expected \(expected), found \(v.kindName)")
    }

    private static func bool(_ v: JSONValue) throws(JSONInputError) -> Bool {
        guard case .bool(let b) = v else { throw typeError(v, "boolean") }
        return b
    }

    private static func levelValue(_ v: JSONValue) throws(JSONInputError) -> TargetLevel {
        guard case .string(let s) = v else { throw typeError(v, "string") }
        guard let level = TargetLevel(jsonName: s) else { throw TargetLevel.unknownValue(s) }
        return level
    }

    private static func enumValue<E: RawRepresentable & CaseIterable>(_ v: JSONValue, _: E.Type) throws(JSONInputError) -> E
    where E.RawValue == String {
        guard case .string(let s) = v else { throw typeError(v, "string") }
        guard let value = E(rawValue: s) else {
            var quoted = TextBuffer()
            quoted.appendJSONString(s)
            let names = E.allCases.map(\.rawValue).joined(separator: ", ")
            throw JSONInputError(problem: "unknown value \(quoted.string) (expected one of: \(names))")
        }
        return value
    }
}
