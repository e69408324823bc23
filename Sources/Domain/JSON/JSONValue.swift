/// A parsed JSON document, objects keeping their key order. Used for the policy
/// bundle, which is read once and checked field by field with precise paths; the
/// hot path (profiles) decodes straight from bytes instead.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// Parses a whole document.
    public static func parse(_ bytes: [UInt8]) throws(JSONInputError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONInputError) -> JSONValue in
            var s = JSONScanner(buffer)
            let v = try parse(&s)
            try s.expectEnd()
            return v
        }
    }

    static func parse(_ s: inout JSONScanner) throws(JSONInputError) -> JSONValue {
        switch s.peekKind() {
        case .object:
            try s.beginObject()
            var members: [(key: String, value: JSONValue)] = []
            var first = true
            while let k = try s.nextKey(first: &first) {
                let key = s.string(k)
                let value = try at(.key(key)) { () throws(JSONInputError) in try parse(&s) }
                if let i = members.firstIndex(where: { $0.key == key }) { members[i].value = value } else { members.append((key, value)) }
            }
            return .object(members)
        case .array:
            try s.beginArray()
            var items: [JSONValue] = []
            var first = true
            while try s.nextElement(first: &first) {
                let i = items.count
                items.append(try at(.index(i)) { () throws(JSONInputError) in try parse(&s) })
            }
            return .array(items)
        case .string: return .string(try s.readString())
        case .number: return .number(try s.readDouble())
        case .boolean: return .bool(try s.readBool())
        case .null: _ = try s.skipNull(); return .null
        case .end: throw s.syntaxError("unexpected end of input")
        case .invalid: throw s.syntaxError("unexpected character")
        }
    }

    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first(where: { $0.key == key })?.value
    }

    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// RFC 7396 merge patch: objects merge key by key, `null` removes, anything else replaces.
    /// The policy's test cases are written as patches on a few base profiles.
    public func merged(with patch: JSONValue) -> JSONValue {
        guard case .object(let patchMembers) = patch else { return patch }
        var members: [(key: String, value: JSONValue)]
        if case .object(let m) = self { members = m } else { members = [] }
        for (key, value) in patchMembers {
            let i = members.firstIndex(where: { $0.key == key })
            if value == .null {
                if let i { members.remove(at: i) }
            } else if let i {
                members[i].value = members[i].value.merged(with: value)
            } else {
                members.append((key, JSONValue.null.merged(with: value)))
            }
        }
        return .object(members)
    }

    /// Compact JSON text.
    public var serialized: [UInt8] {
        var out = TextBuffer()
        write(to: &out)
        return out.bytes
    }

    func write(to out: inout TextBuffer) {
        switch self {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .number(let n): out.append(number: n)
        case .string(let s): out.appendJSONString(s)
        case .array(let items):
            out.append(byte: UInt8(ascii: "["))
            for (i, v) in items.enumerated() {
                if i > 0 { out.append(byte: UInt8(ascii: ",")) }
                v.write(to: &out)
            }
            out.append(byte: UInt8(ascii: "]"))
        case .object(let members):
            out.append(byte: UInt8(ascii: "{"))
            for (i, m) in members.enumerated() {
                if i > 0 { out.append(byte: UInt8(ascii: ",")) }
                out.appendJSONString(m.key)
                out.append(byte: UInt8(ascii: ":"))
                m.value.write(to: &out)
            }
            out.append(byte: UInt8(ascii: "}"))
        }
    }
}
