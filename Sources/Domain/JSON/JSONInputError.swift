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

    /// The stderr line; a quoted value or key longer than `ErrorLine.quoteLimit` is cut (see `ErrorLine`).
    public var description: String { ErrorLine.bounded(path.isEmpty ? problem : "\(pathText): \(problem)") }

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

/// The one stderr line of a command (shared/contracts/cli.md) quotes what was typed so the
/// user can find it, but a 10 MB value pasted into a field must not become a 10 MB line
/// (a terminal, a log or a CI report would carry it whole). Each quoted segment
/// (`"..."`, JSON escapes kept) and each unquoted run without white space is cut to its
/// first `quoteLimit` characters followed by "…" (a cut path keeps its closing colon);
/// everything shorter is left as it was.
public enum ErrorLine {
    /// Characters (grapheme clusters) of the input an error line quotes at most, per quote.
    public static let quoteLimit = 200

    public static func bounded(_ line: String) -> String {
        // A line this short cannot hold a segment over the limit; most lines stop here.
        guard line.utf8.count > quoteLimit else { return line }
        let characters = Array(line)
        guard characters.count > quoteLimit else { return line }
        var out = ""
        var i = 0
        func excerpt(_ range: Range<Int>) {
            if range.count <= quoteLimit {
                out.append(contentsOf: String(characters[range]))
            } else {
                out.append(contentsOf: String(characters[range.lowerBound..<(range.lowerBound + quoteLimit)]))
                out.append("…")
            }
        }
        while i < characters.count {
            let c = characters[i]
            if c == "\"" {
                // A quoted segment up to the next quote not escaped by a backslash (or the line's end).
                var j = i + 1
                while j < characters.count && characters[j] != "\"" { j += characters[j] == "\\" ? 2 : 1 }
                j = min(j, characters.count)
                out.append("\"")
                excerpt((i + 1)..<j)
                if j < characters.count { out.append("\"") }
                i = j + 1
            } else if c.isWhitespace {
                out.append(c)
                i += 1
            } else {
                var j = i
                while j < characters.count && !characters[j].isWhitespace && characters[j] != "\"" { j += 1 }
                excerpt(i..<j)
                // A long path keeps the colon that separates it from the problem.
                if j - i > quoteLimit && characters[j - 1] == ":" { out.append(":") }
                i = j
            }
        }
        return out
    }
}
