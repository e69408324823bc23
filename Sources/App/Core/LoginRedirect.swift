import Foundation
import Vapor

/// Where a sign-in (or a registration) may send the browser afterwards: the `next`
/// it was given, only when that is a page of this site (issue 18 item 3).
///
/// Why so strict: a browser does not read a Location header the way a string
/// comparison does. It drops tabs and newlines, turns `\` into `/`, and takes
/// `/ /evil.example` or `/\t/evil.example` for `//evil.example`, another host. A
/// check that looks for bad patterns ("//", "\\") always misses one, so this
/// accepts only what it can vouch for: a path of plain URL characters, no empty
/// or dot segment, that a GET route of the router matches, with an optional query
/// of printable characters. Everything else is refused and the caller falls back
/// to the person's home page.
enum LoginRedirect {
    /// Longer than any address of the site with its query; a longer one is not ours.
    static let maximumLength = 2048

    /// `next` when it is safe to redirect to; nil otherwise. With `routes`, the path
    /// must also be one the router serves to GET (the login form passes them; a
    /// caller without the application still gets the syntactic guarantee).
    static func target(_ next: String?, routes: Routes?) -> String? {
        guard let next, let (path, segments) = wellFormed(next) else { return nil }
        // Back to the sign-in or sign-out page would loop or sign the person out.
        guard path != SiteURL.login.path, path != SiteURL.logout.path else { return nil }
        if let routes, !knownPage(segments, routes: routes) { return nil }
        return next
    }

    /// The path and its decoded segments when `next` is a same-site, path-absolute
    /// address made of characters no browser rewrites; nil otherwise.
    static func wellFormed(_ next: String) -> (path: String, segments: [String])? {
        guard next.utf8.count <= maximumLength, next.hasPrefix("/") else { return nil }
        let parts = next.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        guard path.unicodeScalars.allSatisfy(isPathCharacter),
              parts.count == 1 || parts[1].unicodeScalars.allSatisfy(isQueryCharacter) else { return nil }
        if path == "/" { return (path, []) }
        // "/a/" is as good as "/a"; an empty segment anywhere else ("//x", "/a//b") is not.
        let raw = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        let trimmed = raw.last == "" ? raw.dropLast() : raw[...]
        var segments: [String] = []
        for segment in trimmed {
            guard !segment.isEmpty, let decoded = segment.removingPercentEncoding, !decoded.isEmpty,
                  decoded != ".", decoded != "..",
                  // Decoded, a segment may still hide a separator, a space or a control character.
                  !decoded.unicodeScalars.contains(where: { $0 == "/" || $0 == "\\" || Self.invisible.contains($0) })
            else { return nil }
            segments.append(decoded)
        }
        return (path, segments)
    }

    /// Whether a GET route has these segments: constants equal, a parameter any one
    /// segment, a catch-all the rest.
    static func knownPage(_ segments: [String], routes: Routes) -> Bool {
        routes.all.contains { route in
            guard route.method == .GET else { return false }
            return matches(route.path, segments)
        }
    }

    private static func matches(_ pattern: [PathComponent], _ segments: [String]) -> Bool {
        var index = 0
        for component in pattern {
            switch component {
            case .catchall:
                return index < segments.count
            case .anything, .parameter:
                guard index < segments.count else { return false }
            case .constant(let text):
                guard index < segments.count, segments[index] == text else { return false }
            }
            index += 1
        }
        return index == segments.count
    }

    /// Spaces of every kind and control characters: what a browser may drop or rewrite.
    private static let invisible = CharacterSet.whitespacesAndNewlines.union(.controlCharacters)
        .union(.illegalCharacters).union(CharacterSet(charactersIn: "\u{200B}\u{FEFF}"))

    /// Unreserved characters, "/" and a well-formed "%XX" (checked when decoding).
    private static func isPathCharacter(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "a"..."z", "A"..."Z", "0"..."9", "-", ".", "_", "~", "/", "%": true
        default: false
        }
    }

    /// A query cannot change the host; still only printable ASCII, no backslash or fragment.
    private static func isQueryCharacter(_ c: Unicode.Scalar) -> Bool {
        c.value > 0x20 && c.value < 0x7F && c != "\\" && c != "#" && c != "\"" && c != "<" && c != ">"
    }
}
