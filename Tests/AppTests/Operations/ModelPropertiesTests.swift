import FluentKit
import Testing
@testable import App

/// The models that list their properties by hand (to skip FluentKit's reflection
/// on every loaded row) must list exactly what reflection finds, in its order:
/// a field left out would silently never be saved or loaded.
@Suite struct ModelPropertiesTests {
    static func reflected(_ model: any Fields) -> [any AnyProperty] {
        Mirror(reflecting: model).children.compactMap { $0.value as? any AnyProperty }
    }

    static func same(_ model: any Fields) -> Bool {
        let listed = model.properties.map { $0 as AnyObject }
        let found = reflected(model).map { $0 as AnyObject }
        return listed.count == found.count && zip(listed, found).allSatisfy { $0 === $1 }
    }

    /// By name: Swift Testing would try to encode a model argument, and an empty model cannot be encoded.
    static func model(_ name: String) -> (any Fields)? {
        switch name {
        case "UserSession": UserSession()
        case "UserAccount": UserAccount()
        case "Organization": Organization()
        case "ApplicationRecord": ApplicationRecord()
        case "ApplicationItem": ApplicationItem()
        case "StoredFile": StoredFile()
        default: nil
        }
    }

    @Test("the hand-listed properties equal the reflected ones",
          arguments: ["UserSession", "UserAccount", "Organization", "ApplicationRecord", "ApplicationItem", "StoredFile"])
    func listedEqualsReflected(_ name: String) throws {
        let model = try #require(Self.model(name))
        #expect(Self.reflected(model).count >= 5, "\(name)")
        #expect(Self.same(model), "\(name)")
    }
}
