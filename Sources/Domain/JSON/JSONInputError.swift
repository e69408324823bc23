/// One step of the path to a value inside a JSON document: `education[0].level`.
public enum JSONPathComponent: Sendable, Equatable {
    case field(StaticString)
    case key(String)
    case index(Int)

    public static func == (a: Self, b: Self) -> Bool { a.text == b.text }

    var text: String {
        switch self {
        case .field(let s): return s.description
        case .key(let s): return s
        case .index(let i): return "[\(i)]"
        }
    }
}

/// A problem with JSON input, at a path. Its description is the single stderr line
/// of the command-line contract: `education[0].level: unknown value "phd" (expected one of: ...)`.
public struct JSONInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: [JSONPathComponent]
    public var problem: String

    public init(path: [JSONPathComponent] = [], problem: String) {
        self.path = path
        self.problem = problem
    }

    /// `education[0].level`, or empty for the document itself.
    public var pathText: String {
        var out = ""
        for c in path {
            if case .index = c { out += c.text } else { out += out.isEmpty ? c.text : "." + c.text }
        }
        return out
    }

    public var description: String { path.isEmpty ? problem : "\(pathText): \(problem)" }

    /// The same error one level further out: errors are built where they happen and
    /// gain their path while they travel up, so the success path pays nothing for paths.
    public func prefixed(_ c: JSONPathComponent) -> JSONInputError {
        var e = self
        e.path.insert(c, at: 0)
        return e
    }
}

/// Runs `body`, prefixing the path of any error it throws with `c`.
@inline(__always)
func at<T>(_ c: JSONPathComponent, _ body: () throws(JSONInputError) -> T) throws(JSONInputError) -> T {
    do { return try body() } catch { throw error.prefixed(c) }
}
