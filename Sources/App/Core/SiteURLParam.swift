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
