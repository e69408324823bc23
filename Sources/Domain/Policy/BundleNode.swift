/// A value inside the policy bundle together with its path, so every check can say
/// where it failed: `parameters.engineerBachelorYears.clause: unknown clause "3.9.9"`.
struct BundleNode {
    let value: JSONValue
    let path: [JSONPathComponent]

    func error(_ problem: String) -> JSONInputError { JSONInputError(path: path, problem: problem) }

    func typeError(_ expected: String) -> JSONInputError { error("expected \(expected), found \(value.kindName)") }

    /// A required member of an object.
    func field(_ key: String) throws(JSONInputError) -> BundleNode {
        guard case .object(let members) = value else { throw typeError("object") }
        guard let m = members.first(where: { $0.key == key }), m.value != .null else {
            throw JSONInputError(path: path + [.key(key)], problem: "missing required field")
        }
        return BundleNode(value: m.value, path: path + [.key(key)])
    }

    func optionalField(_ key: String) throws(JSONInputError) -> BundleNode? {
        guard case .object(let members) = value else { throw typeError("object") }
        guard let m = members.first(where: { $0.key == key }), m.value != .null else { return nil }
        return BundleNode(value: m.value, path: path + [.key(key)])
    }

    func members() throws(JSONInputError) -> [(key: String, node: BundleNode)] {
        guard case .object(let members) = value else { throw typeError("object") }
        return members.map { ($0.key, BundleNode(value: $0.value, path: path + [.key($0.key)])) }
    }

    func elements() throws(JSONInputError) -> [BundleNode] {
        guard case .array(let items) = value else { throw typeError("array") }
        return items.enumerated().map { BundleNode(value: $1, path: path + [.index($0)]) }
    }

    func string() throws(JSONInputError) -> String {
        guard case .string(let s) = value else { throw typeError("string") }
        return s
    }

    func nonEmptyString() throws(JSONInputError) -> String {
        let s = try string()
        if s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw error("must not be empty") }
        return s
    }

    func strings() throws(JSONInputError) -> [String] {
        var out: [String] = []
        for e in try elements() { out.append(try e.string()) }
        return out
    }

    func date() throws(JSONInputError) -> LocalDate {
        let s = try string()
        guard let d = LocalDate(iso: s) else { throw error("malformed date \"\(s)\" (expected YYYY-MM-DD)") }
        return d
    }

    func int() throws(JSONInputError) -> Int {
        guard case .number(let n) = value, n == n.rounded(), abs(n) < 1e15 else { throw typeError("integer") }
        return Int(n)
    }

    func parameterValue() throws(JSONInputError) -> ParameterValue {
        switch value {
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? .integer(Int(n)) : .decimal(n)
        case .string(let s): return .text(s)
        case .bool(let b): return .flag(b)
        case .array:
            var items: [ParameterValue] = []
            for e in try elements() {
                let v = try e.parameterValue()
                if case .list = v { throw e.error("nested lists are not supported") }
                items.append(v)
            }
            return .list(items)
        default: throw typeError("number, string, boolean or list")
        }
    }
}

import Foundation
