import Domain
import Foundation

// MARK: - Parameters

/// A path parameter: `.pattern` when a route is registered, `.value(x)` in a link.
enum Param<Value: PathValue>: Sendable {
    case pattern
    case value(Value)

    func part(_ name: String) -> SiteURL.Part {
        switch self {
        case .pattern: .parameter(name: name, value: nil)
        case .value(let v): .parameter(name: name, value: v.pathValue)
        }
    }
}

/// What may stand in a path parameter, as the text its route parameter parses back.
protocol PathValue: Sendable {
    var pathValue: String { get }
}

extension UUID: PathValue { var pathValue: String { uuidString } }
extension String: PathValue { var pathValue: String { self } }
extension Int: PathValue { var pathValue: String { String(self) } }
extension PathValue where Self: RawRepresentable, RawValue == String {
    var pathValue: String { rawValue }
}
extension DeclarationSection: PathValue {}
extension ApplicationTransition: PathValue {}
extension PublicityKind: PathValue {}

extension SiteURL.Part: ExpressibleByStringLiteral {
    init(stringLiteral value: String) { self = .literal(value) }
}

// MARK: - Values no address of ours carries

extension SiteURL {
    /// Whether a request's path, once its percent escapes are undone, holds a control
    /// character (`%00`, `%0A`, …) or is not UTF-8 (issue 18 item 3). No address of the
    /// site has one; a NUL reaching a query is refused by PostgreSQL ("invalid byte
    /// sequence") and by the file system, as a 500 or worse. Such a path is no page:
    /// `AccessMiddleware` answers 404 before any controller reads a parameter.
    static func hasHiddenCharacters(_ percentEncodedPath: String) -> Bool {
        if percentEncodedPath.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return true }
        guard percentEncodedPath.contains("%") else { return false }
        guard let decoded = percentEncodedPath.removingPercentEncoding else { return true }
        return decoded.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }
}
